"""`qfix translate`: repair, then translate to English with every quote kept a quote."""
from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from ..errors import EXIT_OK, UserError
from .options import at_least_zero, positive

HELP = "repair the Arabic, then translate it to English (MarianMT)"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("translate", help=HELP, description=HELP)
    p.add_argument("files", nargs="*", metavar="PATH",
                   help="Arabic text files, directories (recursive), JSONL files; - or none for stdin")
    p.add_argument("-o", "--output", metavar="OUT", help="write the English here instead of stdout")
    p.add_argument("--format", choices=("text", "markdown", "json", "jsonl"), default="text",
                   help="text (a line per paragraph), markdown, json (units, quote structure, signature), "
                        "or jsonl (a record per document: repaired, english, diagnostics; the default for "
                        "JSONL input; see docs/pipeline.md)")
    p.add_argument("--no-repair", action="store_true", help="translate the text as it is, for comparison")
    p.add_argument("--model", help="a model directory or hub id (default Helsinki-NLP/opus-mt-ar-en; "
                                   "also QFIX_MODEL and the config file)")
    p.add_argument("--revision", help="hub revision of the model (branch, tag or commit)")
    p.add_argument("--engine", choices=("auto", "transformers", "ct2"),
                   help="transformers, ct2 (CTranslate2: several times faster on CPU; needs qfix[fast] and "
                        "`qfix models convert`), or auto (default: ct2 when a conversion exists and "
                        "ctranslate2 is installed)")
    p.add_argument("--threads", type=positive, metavar="N",
                   help="threads per translation (intra-op; default: the machine's cores)")
    p.add_argument("--inter-threads", type=positive, metavar="N",
                   help="ct2 only: workers that translate parts of each batch in parallel (default 1); "
                        "they share the cores, unless --threads gives each its own count")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), help="where the model runs (default auto)")
    p.add_argument("--beams", type=int, help="beam size (default 4, as the model's generation config)")
    p.add_argument("--batch-size", type=int, help="sentences per batch (default 16)")
    p.add_argument("--max-length", type=int, help="token budget per sentence and longest output (default 512)")
    p.add_argument("--no-cache", action="store_true", help="bypass the translation memory")
    p.add_argument("--quotes", choices=("curly", "straight"), default="curly",
                   help="English quote marks: “…” and ‘…’ (default), or \"…\" and '…'")
    talk = p.add_mutually_exclusive_group()
    talk.add_argument("-v", "--verbose", action="store_true", help="say on stderr what was translated and how fast")
    talk.add_argument("-q", "--quiet", action="store_true", help="no summary, warnings or progress bar on stderr "
                      "(errors are still said)")
    from .options import add_batch_options
    add_batch_options(p)
    g = p.add_argument_group("translation on Ray (with --ray; docs/pipeline.md)")
    g.add_argument("--ray-actors", type=positive, metavar="N",
                   help="translation actors, each loading the model once (default: as many as the "
                        "cluster's GPUs allow, or 1 without GPUs); each reserves --threads CPUs (default 1)")
    g.add_argument("--ray-gpus-per-actor", type=at_least_zero, metavar="F",
                   help="GPUs each actor reserves: 1 (the default when the cluster has GPUs), 0.5 for two "
                        "actors per GPU, 0 to translate on CPUs")
    p.set_defaults(func=run)


def warn(message: str) -> None:
    print(f"qfix: warning: {message}", file=sys.stderr)


def _quiet(message: str) -> None:
    """``warn`` under -q."""


def read_text(name: str) -> str:
    """The same decoding as `qfix fix` (UTF-8, BOMs, UTF-16; NUL bytes and bad bytes are errors)."""
    from ..io import read_input
    return read_input(name).text


def write_text(path: str | None, text: str) -> None:
    if path is None or path == "-":
        from ..io import write_stdout
        write_stdout(text.encode("utf-8"))  # a reader that leaves (| head): exit 141, quietly
        return
    from ..io import write_atomic
    write_atomic(path, text.encode("utf-8"))  # atomic: a failed run never leaves half a file


class _NoModel:
    """Stands in when no input has Arabic: nothing needs a model, so none is loaded."""

    signature = {"model": None, "engine": "none"}

    def translate_batch(self, sentences: list[str]) -> list[str]:  # pragma: no cover - never reached
        raise AssertionError("no Arabic text, yet a sentence was sent to the model")


def run(args: argparse.Namespace) -> int:
    from ..config import ConfigError, load_config
    from ..export.translation import to_json, to_markdown, to_text
    from ..translate import TranslateError, TranslationMemory, load_engine, translate_document
    from ..translate.segment import needs_model

    try:
        config = load_config(None, model=args.model, revision=args.revision, engine=args.engine,
                             device=args.device, beams=args.beams, batch_size=args.batch_size,
                             max_length=args.max_length, cache=False if args.no_cache else None)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    say = _quiet if args.quiet else warn
    from .translate_batch import run_batch, wants_batch
    if wants_batch(args):  # directories, JSONL, --format jsonl, --resume, --report: qfix.batch
        return run_batch(args, config, lambda: load_engine(config, warn=say, threads=args.threads,
                                                           inter_threads=args.inter_threads))
    names = args.files or ["-"]
    texts = [read_text(name) for name in names]
    from .. import document, repair
    results = [document(text, config) if args.no_repair else repair(text, config) for text in texts]
    started = time.perf_counter()
    try:
        if any(needs_model(result.text) for result in results):
            engine = load_engine(config, warn=say, threads=args.threads, inter_threads=args.inter_threads)
        else:
            if any(result.text.strip() for result in results):
                say("no Arabic text to translate; writing the text unchanged")
            engine = _NoModel()
        memory = TranslationMemory() if config.cache and not isinstance(engine, _NoModel) else None
        docs = [translate_document(result, engine, memory=memory, batch_size=config.batch_size,
                                   en_quotes=args.quotes) for result in results]
    except TranslateError as exc:
        raise UserError(str(exc)) from None
    if args.verbose:
        sentences = sum(d.stats.get("sentences", 0) for d in docs)
        cached = sum(d.stats.get("from_memory", 0) for d in docs)
        print(f"qfix: {sentences} sentences, {cached} from the translation memory, "
              f"{time.perf_counter() - started:.2f} s", file=sys.stderr)
    if args.format == "json":
        signature = {**config.signature(), **engine.signature, "repair": not args.no_repair,
                     "quote_style": config.quote_style, "en_quotes": args.quotes}
        out = to_json(list(zip(names, docs)), signature)
    else:
        render = to_text if args.format == "text" else to_markdown
        out = "\n".join(render(doc) for doc in docs)
    write_text(args.output, out)
    return EXIT_OK
