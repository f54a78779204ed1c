"""`qfix translate` over batches and streams: directories, JSONL, --format jsonl, --resume, --report.

Plain files in text/markdown/json go the way they always went (translate_cmd.run);
this takes over when the inputs or the output are a batch. Repair runs in the
process pool; translation runs here, in windows that fill the model's batches.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

from ..errors import UserError
from ..batch.sites import with_repeated_tails
from ..io import STDIN, StreamWriter
from .io import message
from .options import input_names, jobs_from_args, ray_options


def _stdin_starts_with_brace() -> bool:
    """Look at stdin's first bytes without consuming them."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return False
    try:
        if hasattr(stream, "peek"):
            head = stream.peek(64)
        elif stream.seekable():
            pos = stream.tell()
            head = stream.read(64)
            stream.seek(pos)
        else:
            return False
    except (OSError, ValueError):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def wants_batch(args: argparse.Namespace) -> bool:
    """A batch when the output is JSONL or a report, or an input is a directory or JSONL."""
    if args.format == "jsonl" or args.resume or args.report or args.include or args.exclude \
            or args.input_format == "jsonl" or args.ray is not None:
        return True
    names = args.files or [STDIN]
    if any(n != STDIN and (Path(n).is_dir() or n.lower().endswith((".jsonl", ".ndjson"))) for n in names):
        return True
    return args.input_format == "auto" and STDIN in names and _stdin_starts_with_brace()


def _reported(items):
    """The batch's items, each skipped document said on stderr as it comes (before the
    translation windows hold it back)."""
    from ..batch.inputs import Failure
    for item in items:
        if isinstance(item, Failure):
            message(f"qfix: error: {item.message}")
        yield item


def run_batch(args: argparse.Namespace, config, load_engine: Callable[[], object]) -> int:
    from ..batch.inputs import Failure, discover
    from ..batch.report import Summary
    from ..batch.resume import done_keys
    from ..batch.run import Batch, FailFast, exit_code
    from ..batch.translate import NoModel, translate_stream
    from ..batch.work import WorkSpec, dump_line, output_record
    from ..export.translation import to_json, to_markdown, to_text
    from ..translate import TranslateError, TranslationMemory

    names = input_names(args)
    ray = ray_options(args, names, actors=args.ray_actors, gpus_per_actor=args.ray_gpus_per_actor,
                      cpus_per_actor=args.threads or 1)
    found = discover(names, args.include or (), args.exclude or (), args.input_format)
    if not args.no_repair:
        config = with_repeated_tails(config, found, args.max_record_bytes)
    runner = None
    if ray is not None:  # --ray: repair on CPU tasks, translate on actors (qfix.batch.ray_run)
        from ..batch.ray_run import RayRunner, TranslateJob, check_inputs
        check_inputs(found)
        runner = RayRunner(ray, TranslateJob(config, args.quotes, args.threads, args.inter_threads))
        runner.warn = lambda text: message(f"qfix: warning: {text}")
    fmt = args.format if args.format != "text" or not found.has_jsonl else "jsonl"
    if found.has_jsonl and fmt != "jsonl":
        raise UserError(f"JSONL input is written as JSONL; --format {args.format} is for text files")
    done: set[str] = set()
    if args.resume:
        if fmt != "jsonl" or not args.output or args.output == STDIN:
            raise UserError("--resume needs JSONL output to a file: --format jsonl -o OUT")
        done, warning = done_keys(args.output)
        if warning and not args.quiet:
            message(f"qfix: warning: {warning}")
    spec = WorkSpec(config, "translate", repair=not args.no_repair, rows=fmt == "jsonl")
    summary = Summary("translate", {**config.signature(), "repair": not args.no_repair, "en_quotes": args.quotes})
    batch = Batch(found, spec, summary, jobs=jobs_from_args(args), fail_fast=args.fail_fast,
                  max_record_bytes=args.max_record_bytes, done=done,
                  progress=not (args.no_progress or args.quiet), label="translating", runner=runner)
    engine_box: list = []

    def engine_for(needed: bool):
        if engine_box:
            return engine_box[0]
        if not needed:
            return NoModel()
        engine_box.append(load_engine())
        summary.signature.update(engine_box[0].signature)
        return engine_box[0]

    memory = TranslationMemory() if config.cache and runner is None else None
    stats: dict = {} if runner is None else runner.stats
    writer = StreamWriter(args.output, append=args.resume, atomic=fmt != "jsonl")
    render = to_markdown if fmt == "markdown" else to_text
    collected: list = []
    first = True
    started = time.perf_counter()
    try:
        if runner is not None:  # translated on the actors: each outcome carries its finished record
            for item in _reported(batch.outcomes()):
                if isinstance(item, Failure):
                    continue
                summary.add_translation(records=1, **item.extra["translation"])
                writer.write(item.line)
                writer.flush()
            pairs: Iterable = ()
        else:
            pairs = translate_stream(_reported(batch.outcomes()), engine_for, memory=memory, config=config,
                                     batch_size=config.batch_size, en_quotes=args.quotes, stats=stats)
        for item in pairs:
            if isinstance(item, Failure):
                continue
            out, doc = item
            summary.add_translation(records=1, paragraphs=doc.stats["paragraphs"],
                                    unpaired_paragraphs=doc.stats["unpaired_paragraphs"], units=doc.stats["units"])
            if fmt == "jsonl":
                english = "\n".join(p.english for p in doc.paragraphs)
                writer.write(dump_line(output_record(out, "translate", english, dict(doc.stats))))
                writer.flush()
            elif fmt == "json":
                collected.append((out.origin, doc))
            else:
                writer.write((("" if first else "\n") + render(doc)).encode("utf-8"))
                first = False
    except KeyboardInterrupt:
        summary.interrupted = True
    except FailFast:
        pass
    except TranslateError as exc:
        writer.abort()
        raise UserError(str(exc)) from None
    except BaseException:
        writer.abort()
        raise
    finally:
        if memory is not None:
            memory.close()
    if runner is not None:
        summary.signature.update(runner.signature)  # the engine's, as the actors loaded it
    summary.add_translation(sentences=stats.get("sentences", 0), translated=stats.get("translated", 0),
                            from_memory=stats.get("from_memory", 0))
    if fmt == "json" and not summary.interrupted:
        signature = {**config.signature(), **(engine_box[0].signature if engine_box else NoModel.signature),
                     "repair": not args.no_repair, "quote_style": config.quote_style, "en_quotes": args.quotes}
        writer.write(to_json(collected, signature).encode("utf-8"))
    if summary.interrupted and fmt != "jsonl":
        writer.abort()
    else:
        writer.close()
    code = exit_code(summary, False, False)
    s = summary
    if s.interrupted:
        message(f"qfix: interrupted after {s.records:,} records"
                + ("; rerun with --resume to continue" if fmt == "jsonl" and args.output else ""))
    if args.verbose or (fmt == "jsonl" and not s.interrupted and not args.quiet):
        message(f"qfix: {s.records:,} records: {s.processed:,} translated, {s.error_count:,} skipped"
                + (f", {s.resumed:,} already done" if s.resumed else "")
                + f"; {stats.get('sentences', 0)} sentences, {stats.get('from_memory', 0)} from the translation "
                  f"memory, {time.perf_counter() - started:.2f} s")
    if args.report:
        from ..io import write_atomic
        text = s.to_markdown(code) if args.report.lower().endswith(".md") else s.to_json(code)
        write_atomic(args.report, text.encode("utf-8"))
    return code

