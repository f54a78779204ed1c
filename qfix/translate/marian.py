"""MarianMT through Hugging Face transformers.

Two stages, so a run served from the translation memory never imports torch:
opening a model reads its config and sentencepiece vocabulary (enough for the
signature, the token budget and the language check); the weights load on the
first batch. Loading is safe: safetensors when the directory has them
(otherwise transformers reads pytorch_model.bin with ``weights_only``), never
``trust_remote_code``. Decoding is deterministic beam search.
"""
from __future__ import annotations

import json
import re
import warnings
from typing import Any, Callable

from .errors import TranslateError, require_modules
from .hub import ResolvedModel

PROBE = "قال المتحدث باسم الحكومة إن الاجتماع سيعقد في العاصمة يوم الاثنين المقبل."
PAIR_IN_NAME = re.compile(r"opus-mt-(?:tc-big-)?([a-z]+(?:_[a-z]+)?)-([a-z]+)", re.I)


def pick_device(requested: str) -> str:
    import torch
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested.startswith("cuda") and not torch.cuda.is_available():
        raise TranslateError(f"--device {requested} asked for, but torch {torch.__version__} sees no CUDA "
                             "device here; use --device cpu or auto")
    return requested


def _first_line(exc: Exception) -> str:
    return ((str(exc).strip().splitlines() or [type(exc).__name__])[0])[:200]


def language_warnings(name: str, spm: Any, vocab: Any) -> list[str]:
    """Hints that this is not an Arabic→English model: its name, or a source vocabulary without Arabic.

    Shared by both engines; ``vocab`` is anything that answers ``piece in vocab``.
    """
    out = []
    match = PAIR_IN_NAME.search(name)
    if match and (match.group(1).lower() not in ("ar", "mul", "sem", "afa") or match.group(2).lower() != "en"):
        out.append(f"{name} looks like a {match.group(1)}→{match.group(2)} model, not Arabic→English")
    pieces = spm.encode(PROBE, out_type=str)
    unknown = sum(p not in vocab for p in pieces)
    if unknown > len(pieces) // 3:
        out.append(f"{name}: {unknown} of {len(pieces)} pieces of an Arabic test sentence are unknown to "
                   "its vocabulary; is it an Arabic→English model?")
    return out


class MarianEngine:
    """translate_batch over a MarianMT model directory."""

    def __init__(self, model: ResolvedModel, *, device: str = "auto", beams: int = 4,
                 max_length: int = 512, warn: Callable[[str], None] | None = None, threads: int | None = None):
        require_modules("translate", "sentencepiece", "transformers", "torch")
        import sentencepiece

        self.resolved, self.beams, self.requested_device, self.threads = model, beams, device, threads
        path = model.path
        try:
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            vocab_file = path / "vocab.json" if (path / "vocab.json").is_file() else path / "target_vocab.json"
            self.vocab = json.loads(vocab_file.read_text(encoding="utf-8"))
            self.spm = sentencepiece.SentencePieceProcessor(model_file=str(path / "source.spm"))
        except (OSError, ValueError, RuntimeError) as exc:
            raise TranslateError(f"cannot read the model in {path}: {_first_line(exc)}") from None
        if not isinstance(config, dict) or config.get("model_type") != "marian":
            kind = config.get("model_type", "unknown") if isinstance(config, dict) else "unknown"
            raise TranslateError(f"{model.model_id} is a {kind!r} model, not MarianMT "
                                 "(try Helsinki-NLP/opus-mt-ar-en)")
        if device.startswith("cuda"):
            pick_device(device)  # fail now, not after the model has loaded
        self.max_length = min(max_length, int(config.get("max_position_embeddings", max_length)))
        self.safetensors = (path / "model.safetensors").is_file()
        self.signature: dict[str, Any] = {
            "model": model.model_id, "revision": model.revision, "engine": "transformers",
            "beams": beams, "max_length": self.max_length,
            "weights": "safetensors" if self.safetensors else "bin",
        }
        self.model = self.tokenizer = None
        if warn:
            for message in self.language_warnings():
                warn(message)

    def language_warnings(self) -> list[str]:
        return language_warnings(self.resolved.model_id, self.spm, self.vocab)

    def count_tokens(self, text: str) -> int:
        return len(self.spm.encode(text)) + 1  # + </s>

    def _load(self) -> None:
        import torch
        import transformers
        from transformers import MarianMTModel, MarianTokenizer

        transformers.logging.set_verbosity_error()
        transformers.utils.logging.disable_progress_bar()  # loading bars; hub downloads keep theirs
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        self._torch = torch
        if self.threads:  # torch's default is the machine's physical cores
            torch.set_num_threads(self.threads)
        self.device = pick_device(self.requested_device)
        path = str(self.resolved.path)
        try:
            self.tokenizer = MarianTokenizer.from_pretrained(path)
            model = MarianMTModel.from_pretrained(path, use_safetensors=self.safetensors)
        except Exception as exc:  # corrupt weights, vocabulary or sentencepiece files
            raise TranslateError(f"cannot load the model in {path}: {_first_line(exc)}") from None
        self.model = model.to(self.device).eval()

    def translate_batch(self, sentences: list[str]) -> list[str]:
        if not sentences:
            return []
        longest = max(self.count_tokens(s) for s in sentences)
        if longest > self.max_length:  # never truncate silently (the CTranslate2 engine checks the same)
            raise TranslateError(f"a sentence of {longest} tokens is longer than the model's limit of "
                                 f"{self.max_length}; the segmenter should have cut it (please report it)")
        if self.model is None:
            self._load()
        batch = self.tokenizer(sentences, return_tensors="pt", padding=True, truncation=True,
                               max_length=self.max_length).to(self.device)
        limit = {} if self.model.generation_config.max_new_tokens else {"max_length": self.max_length}
        with self._torch.inference_mode():
            out = self.model.generate(**batch, num_beams=self.beams, do_sample=False, **limit)
        return self.tokenizer.batch_decode(out, skip_special_tokens=True)

    def translate_pieces(self, sentences: list[str]) -> list[list[str]]:
        """The target pieces of each translation, without the start, </s> and padding (to compare engines)."""
        if not sentences:
            return []
        if self.model is None:
            self._load()
        batch = self.tokenizer(sentences, return_tensors="pt", padding=True).to(self.device)
        limit = {} if self.model.generation_config.max_new_tokens else {"max_length": self.max_length}
        with self._torch.inference_mode():
            out = self.model.generate(**batch, num_beams=self.beams, do_sample=False, **limit)
        pad, eos = self.model.config.pad_token_id, self.model.config.eos_token_id
        rows = [[t for t in row[1:] if t != pad] for row in out.tolist()]
        return [self.tokenizer.convert_ids_to_tokens(r[:-1] if r and r[-1] == eos else r) for r in rows]
