"""MarianMT through CTranslate2: the same models, several times faster on CPU.

A MarianMT directory is converted once (``qfix models convert``) with
CTranslate2's own converter into a directory beside it (hub models: under
qfix's cache directory), with the sentencepiece files and the generation
config copied in and a ``qfix-ct2.json`` that records which model and revision
it came from. The engine then needs only ctranslate2 and sentencepiece: no
torch, no transformers.

Traps between the two engines, and where each is handled:

- a model converted from transformers has ``add_source_eos: false``: the
  caller appends ``</s>`` (``source_tokens``), as MarianTokenizer does;
- the converter drops the last row of the embeddings as ``<pad>`` without
  looking: ``convert`` refuses a vocabulary whose ``<pad>`` is not last;
- CTranslate2's decoding defaults (beam 2, max_decoding_length 256,
  max_input_length 1024) are not transformers': ``decoding_options`` sets
  them from the model's generation config, so both engines decode alike;
- an over-long input fails in both engines: each checks the token budget the
  segmenter keeps, and says so in one line instead of truncating.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from ..errors import install_hint
from .errors import TranslateError
from .hub import ResolvedModel

QUANTIZATIONS = ("int8", "int16", "float32")  # also the order `auto` prefers conversions in
META = "qfix-ct2.json"
INSTALL_HINT = install_hint("fast")
COPY = ("source.spm", "target.spm", "generation_config.json")
SPECIAL = frozenset(("</s>", "<unk>", "<pad>"))  # what transformers' skip_special_tokens drops


def available() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def require() -> Any:
    """The ctranslate2 module, or a one-line error that says how to install it."""
    try:
        import ctranslate2
    except ImportError:
        raise TranslateError(f"the ct2 engine needs CTranslate2, which is not installed: {INSTALL_HINT}") from None
    return ctranslate2


def default_threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# --- where conversions live ---

def is_local(model: ResolvedModel) -> bool:
    return model.model_id == str(model.path)


def conversion_dir(model: ResolvedModel, quantization: str) -> Path:
    """Beside a local model directory; for a hub model, under qfix's cache (not inside the hub's)."""
    if is_local(model):
        return model.path.parent / f"{model.path.name}-ct2-{quantization}"
    from .memory import cache_dir
    return cache_dir() / "ct2" / model.model_id.replace("/", "--") / f"{model.revision}-{quantization}"


def read_meta(path: Path) -> dict | None:
    try:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and (path / "model.bin").is_file() else None


def find_conversion(model: ResolvedModel) -> tuple[Path | None, str | None]:
    """(a conversion of exactly this model and revision, or None; why an existing one is unusable)."""
    stale = None
    for quantization in QUANTIZATIONS:
        path = conversion_dir(model, quantization)
        meta = read_meta(path)
        if meta is None:
            continue
        if meta.get("revision") == model.revision:
            return path, None
        stale = (f"{path} was converted from another revision of {model.model_id} "
                 f"({meta.get('revision')}); run `qfix models convert {model.model_id}` again")
    return None, stale


def local_conversions(project_dir: Path | None = None) -> list[tuple[str, str, int]]:
    """(what it was converted from, "ct2-<quantization>", size) of conversions in ./models/ and the cache."""
    from .memory import cache_dir
    candidates = list((cache_dir() / "ct2").glob("*/*"))
    models_dir = (project_dir or Path.cwd()) / "models"
    if models_dir.is_dir():
        candidates += sorted(models_dir.glob("*-ct2-*"))
    found = []
    for path in candidates:
        meta = read_meta(path)
        if meta:
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            found.append((f"{meta.get('model')} ({path})", f"ct2-{meta.get('quantization')}", size))
    return found


# --- conversion ---

def check_convertible(path: Path) -> dict:
    """The model's config, after checking what CTranslate2's Marian converter silently assumes."""
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TranslateError(f"cannot read the model in {path}: {exc}") from None
    if config.get("model_type") != "marian":
        raise TranslateError(f"{path} is a {config.get('model_type', 'unknown')!r} model, not MarianMT")
    if (path / "target_vocab.json").is_file() or config.get("share_encoder_decoder_embeddings") is False:
        raise TranslateError(f"{path} has separate source and target vocabularies, which CTranslate2's "
                             "Marian converter does not support; use --engine transformers")
    last = len(vocab) - 1
    if vocab.get("<pad>") != last or config.get("pad_token_id") != last or config.get("vocab_size") != len(vocab):
        raise TranslateError(f"{path}: <pad> must be the vocabulary's last entry (it is {vocab.get('<pad>')} "
                             f"of 0..{last}, pad_token_id {config.get('pad_token_id')}, vocab_size "
                             f"{config.get('vocab_size')}); CTranslate2's converter drops the last row as <pad>")
    return config


def convert(model: ResolvedModel, quantization: str = "int8", *, force: bool = False) -> Path:
    """Convert a MarianMT directory with CTranslate2's converter; returns the new directory.

    Written to a temporary directory beside the target and renamed, so a failed
    conversion never leaves a half directory that ``auto`` would pick up.
    """
    if quantization not in QUANTIZATIONS:
        raise TranslateError(f"quantization must be one of {', '.join(QUANTIZATIONS)}, not {quantization!r}")
    ctranslate2 = require()
    config = check_convertible(model.path)
    target = conversion_dir(model, quantization)
    if read_meta(target) and read_meta(target).get("revision") == model.revision and not force:
        return target
    import transformers
    from ctranslate2.converters import TransformersConverter
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as exc:
        raise TranslateError(f"cannot write beside {target}: {exc.strerror or exc}") from None
    try:
        files = [name for name in COPY if (model.path / name).is_file()]
        converter = TransformersConverter(str(model.path), copy_files=files)
        converter.convert(str(work / "model"), quantization=quantization, force=True)
        out = work / "model"
        vocabulary = _vocabulary(out)
        if len(vocabulary) != config["vocab_size"] - 1:  # without <pad>
            raise TranslateError(f"conversion of {model.path} gave {len(vocabulary)} tokens, "
                                 f"expected {config['vocab_size'] - 1}")
        meta = {"model": model.model_id, "revision": model.revision, "quantization": quantization,
                "max_position_embeddings": int(config.get("max_position_embeddings", 512)),
                "ctranslate2": ctranslate2.__version__}
        (out / META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        os.replace(out, target)
    except TranslateError:
        raise
    except Exception as exc:  # converter errors: corrupt weights, unsupported layers
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise TranslateError(f"cannot convert {model.path}: {first}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _vocabulary(path: Path) -> list[str]:
    if (path / "shared_vocabulary.json").is_file():
        return json.loads((path / "shared_vocabulary.json").read_text(encoding="utf-8"))
    return (path / "shared_vocabulary.txt").read_text(encoding="utf-8").splitlines()


# --- decoding ---

def decoding_options(generation: dict, beams: int, max_length: int) -> dict[str, Any]:
    """CTranslate2 options that decode as transformers' ``generate`` does with this generation config.

    transformers counts the decoder start token in ``max_length``/``min_length``
    and, with ``forced_eos_token_id``, spends the last step on ``</s>``;
    CTranslate2 counts only the tokens before ``</s>``. ``bad_words_ids`` =
    [[<pad>]] needs nothing: the converted vocabulary has no <pad>.
    """
    new_tokens = generation.get("max_new_tokens") or max_length - 1
    longest = new_tokens - 1 if generation.get("forced_eos_token_id") is not None else new_tokens
    shortest = generation.get("min_new_tokens") or max(0, (generation.get("min_length") or 0) - 1)
    return dict(beam_size=beams, num_hypotheses=1, max_decoding_length=max(1, longest),
                min_decoding_length=min(shortest, longest), max_input_length=max_length,
                length_penalty=float(generation.get("length_penalty", 1.0)),
                repetition_penalty=float(generation.get("repetition_penalty", 1.0)),
                no_repeat_ngram_size=int(generation.get("no_repeat_ngram_size", 0)), return_scores=False)


class Ct2Engine:
    """translate_batch over a CTranslate2 conversion of a MarianMT model."""

    def __init__(self, path: str | Path, *, device: str = "auto", beams: int = 4, max_length: int = 512,
                 threads: int | None = None, inter_threads: int | None = None,
                 warn: Callable[[str], None] | None = None):
        import sentencepiece

        self.path = Path(path)
        meta = read_meta(self.path)
        if meta is None:
            raise TranslateError(f"{self.path} is not a CTranslate2 model converted by qfix "
                                 "(run `qfix models convert`)")
        try:
            ct2_config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
            self.spm_source = sentencepiece.SentencePieceProcessor(model_file=str(self.path / "source.spm"))
            self.spm_target = sentencepiece.SentencePieceProcessor(model_file=str(self.path / "target.spm"))
            vocabulary = _vocabulary(self.path)
            generation_file = self.path / "generation_config.json"
            generation = json.loads(generation_file.read_text(encoding="utf-8")) if generation_file.is_file() else {}
        except (OSError, ValueError, RuntimeError) as exc:
            raise TranslateError(f"cannot read the model in {self.path}: {exc}") from None
        self.add_eos = not ct2_config.get("add_source_eos", False)
        self.max_length = min(max_length, int(meta.get("max_position_embeddings", max_length)))
        self.options = decoding_options(generation, beams, self.max_length)
        self.requested_device = device
        self.threads, self.inter_threads = threads, max(1, inter_threads or 1)
        self.signature: dict[str, Any] = {
            "model": meta["model"], "revision": meta["revision"], "engine": "ct2",
            "quantization": meta.get("quantization"), "beams": beams, "max_length": self.max_length,
        }
        self.translator = None
        if warn:
            from .marian import language_warnings
            for message in language_warnings(meta["model"], self.spm_source, frozenset(vocabulary)):
                warn(message)

    def source_tokens(self, text: str) -> list[str]:
        """The pieces MarianTokenizer gives the model, </s> included."""
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:  # a target-language code, as Marian's
            code, text = [text[:end + 2]], text[end + 2:]
        pieces = code + self.spm_source.encode(text, out_type=str)
        return pieces + ["</s>"] if self.add_eos else pieces

    def count_tokens(self, text: str) -> int:
        return len(self.spm_source.encode(text)) + 1  # + </s>

    def detokenize(self, pieces: list[str]) -> str:
        """As transformers' batch_decode(skip_special_tokens=True) on the same pieces."""
        text = self.spm_target.decode_pieces([p for p in pieces if p not in SPECIAL])
        return text.replace("\u2581", " ").strip()

    def _load(self) -> None:
        ctranslate2 = require()
        device = self.requested_device
        cuda = ctranslate2.get_cuda_device_count()
        if device == "auto":
            device = "cuda" if cuda else "cpu"
        elif device.startswith("cuda") and not cuda:
            raise TranslateError(f"--device {device} asked for, but CTranslate2 {ctranslate2.__version__} sees "
                                 "no CUDA device here; use --device cpu or auto")
        index = int(device.split(":", 1)[1]) if ":" in device else 0
        intra = self.threads or max(1, default_threads() // self.inter_threads)
        try:
            self.translator = ctranslate2.Translator(
                str(self.path), device=device.split(":")[0], device_index=index, compute_type="default",
                inter_threads=self.inter_threads, intra_threads=intra)
        except (RuntimeError, ValueError) as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            raise TranslateError(f"cannot load the model in {self.path}: {first}") from None

    def translate_pieces(self, sentences: list[str]) -> list[list[str]]:
        """The target pieces of the best hypothesis of each sentence (</s> excluded)."""
        if not sentences:
            return []
        if self.translator is None:
            self._load()
        source = [self.source_tokens(s) for s in sentences]
        longest = max(len(s) for s in source)
        if longest > self.max_length:
            raise TranslateError(f"a sentence of {longest} tokens is longer than the model's limit of "
                                 f"{self.max_length}; the segmenter should have cut it (please report it)")
        # With several workers, split the batch so they all get a part.
        size = -(-len(source) // self.inter_threads)
        results = self.translator.translate_batch(source, max_batch_size=size if self.inter_threads > 1 else 0,
                                                  **self.options)
        return [r.hypotheses[0] for r in results]

    def translate_batch(self, sentences: list[str]) -> list[str]:
        return [self.detokenize(pieces) for pieces in self.translate_pieces(sentences)]
