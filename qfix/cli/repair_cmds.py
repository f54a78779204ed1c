"""`qfix fix`, `qfix check`, `qfix rules` and `qfix rule CODE`.

Thin: inputs, the process pool, progress, resume and reports live in
``qfix.batch``; these functions decide where each outcome is written.
"""
from __future__ import annotations

import argparse
import difflib
import json

from ..batch.work import findings_as_dicts  # noqa: F401 (public here before qfix.batch existed)
from ..rules.base import REGISTRY, all_rules
from ..errors import EXIT_OK, UserError
from ..batch.sites import with_repeated_tails
from ..io import encode, write_atomic, write_stdout
from .io import message
from .options import (add_batch_options, add_repair_options, config_from_args, input_names, jobs_from_args,
                      ray_options)

def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fix", help="write the repaired text", description=(
        "Repair quote marks, attribution order and boilerplate in Arabic news text. "
        "Writes the repaired text to stdout (or -o OUT, or --in-place); JSONL records "
        "({\"id\": ..., \"text\": ...} a line) come out as JSONL with the repaired text added. "
        "Exit 0 when nothing is left to review, 1 when problems remain (or --check/--diff "
        "would change something), 2 when an input could not be read or on error."))
    p.add_argument("files", nargs="*", metavar="PATH",
                   help="files, directories (recursive) or - for stdin; nothing reads stdin")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT", help="write the repaired text (atomically) or the "
                     "JSONL records (as they are done) to OUT")
    out.add_argument("--in-place", action="store_true", help="rewrite each text file atomically")
    out.add_argument("--diff", action="store_true", help="print a unified diff instead of the text")
    out.add_argument("--check", action="store_true", help="write nothing; exit 1 when something would change")
    p.add_argument("--format", choices=("text", "jsonl"), default=None,
                   help="text, or jsonl: a record per document with the keys of docs/pipeline.md "
                        "(the default for JSONL input)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems remain "
                   "(an unreadable input still exits 2)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    add_batch_options(p)
    add_repair_options(p)
    p.set_defaults(func=run_fix)

    c = sub.add_parser("check", help="report problems without changing anything", description=(
        "Report every defect, fixable or not, one a line: path:line:col: CODE message. "
        "Exit 0 when clean, 1 when problems are found, 2 when an input could not be read or on error."))
    c.add_argument("files", nargs="*", metavar="PATH",
                   help="files, directories (recursive) or - for stdin; nothing reads stdin")
    c.add_argument("--format", choices=("text", "json", "jsonl", "markdown"), default="text",
                   help="text (a finding a line), json (a list of findings), jsonl (a finding a line; "
                        "for JSONL input a record a line with its diagnostics), markdown (a summary)")
    c.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found "
                   "(an unreadable input still exits 2)")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    add_batch_options(c)
    add_repair_options(c)
    c.set_defaults(func=run_check)

    r = sub.add_parser("rules", help="list the rules")
    r.set_defaults(func=run_rules)
    d = sub.add_parser("rule", help="print one rule's documentation")
    d.add_argument("code", metavar="CODE")
    d.set_defaults(func=run_rule)


def _summary(name: str, fixed: int, left: int) -> str:
    parts = [f"{fixed} fix{'es' if fixed != 1 else ''} applied"]
    if left:
        parts.append(f"{left} left for review (qfix check)")
    return f"{name}: " + ", ".join(parts)


def _prepare(args: argparse.Namespace, command: str):
    """Inputs found, config read, --ray checked: every error before any work."""
    from ..batch.inputs import discover
    names = input_names(args)
    config = config_from_args(args)
    ray = ray_options(args, names)
    found = discover(names, args.include or (), args.exclude or (), args.input_format)
    runner = None
    if ray is not None:  # --ray: the work runs on a Ray cluster (qfix.batch.ray_run)
        from ..batch.ray_run import RayRunner, check_inputs
        check_inputs(found)
        runner = RayRunner(ray)
    return with_repeated_tails(config, found, args.max_record_bytes), found, runner


def _resume(args: argparse.Namespace, stream: bool) -> set[str]:
    if not args.resume:
        return set()
    if not stream or not args.output or args.output == "-":
        raise UserError("--resume needs JSONL output to a file: --format jsonl -o OUT")
    from ..batch.resume import done_keys
    keys, warning = done_keys(args.output)
    if warning:
        message(f"qfix: warning: {warning}")
    return keys


def _finish(args, batch, problems: bool, exit_zero: bool, stream_summary: bool) -> int:
    """Exit code, the closing line on stderr, and the --report file."""
    from ..batch.run import exit_code
    s = batch.summary
    code = exit_code(s, problems, exit_zero)
    if s.interrupted:
        message(f"qfix: interrupted after {s.records:,} record{'s' if s.records != 1 else ''}"
                + ("; rerun with --resume to continue" if getattr(args, "output", None) and stream_summary else ""))
    elif stream_summary and not args.quiet:
        message(f"qfix: {s.records:,} record{'s' if s.records != 1 else ''}: {s.changed:,} changed, "
                f"{s.with_problems:,} with problems left for review, {s.error_count:,} skipped"
                + (f", {s.resumed:,} already done" if s.resumed else ""))
    if getattr(args, "report", None):
        text = s.to_markdown(code) if args.report.lower().endswith(".md") else s.to_json(code)
        write_atomic(args.report, text.encode("utf-8"))
    return code


def _run(batch, sink) -> None:
    """Feed every outcome to ``sink``; Ctrl-C and --fail-fast end the run cleanly."""
    from ..batch.inputs import Failure
    from ..batch.run import FailFast
    try:
        for item in batch.outcomes():
            if isinstance(item, Failure):
                message(f"qfix: error: {item.message}")
            else:
                sink(item)
    except KeyboardInterrupt:
        batch.summary.interrupted = True
    except FailFast:
        pass


def _batch(args, found, spec, summary, done=frozenset(), label="repairing", runner=None):
    from ..batch.run import Batch
    return Batch(found, spec, summary, jobs=jobs_from_args(args), fail_fast=args.fail_fast,
                 max_record_bytes=args.max_record_bytes, done=set(done),
                 progress=not (args.no_progress or args.quiet), label=label, runner=runner)


def run_fix(args: argparse.Namespace) -> int:
    from ..batch.report import Summary
    from ..batch.work import WorkSpec
    config, found, runner = _prepare(args, "fix")
    stream = args.format == "jsonl" or (args.format is None and found.has_jsonl)
    if found.has_jsonl and not stream:
        raise UserError("JSONL input is written as JSONL: leave out --format text")
    if args.in_place and any(s.name == "-" for s in found.specs):
        raise UserError("--in-place needs files, not standard input")
    if args.in_place and found.has_jsonl:
        raise UserError("--in-place rewrites text files; write JSONL records with -o OUT")
    if args.in_place and stream:
        raise UserError("--in-place rewrites text files; it does not go with --format jsonl")
    if (len(found.specs) > 1 and not stream and not (args.in_place or args.check or args.diff)):
        raise UserError("several files: use --in-place, --check, --diff or --format jsonl (or give one FILE)")
    if args.in_place:
        _all_readable(found)  # a bad file stops the run before any file is rewritten
    writing = stream and not (args.check or args.diff)
    done = _resume(args, writing)
    spec = WorkSpec(config, "fix", rows=writing, jsonl=writing, keep_input=args.diff)
    summary = Summary("fix", config.signature())
    batch = _batch(args, found, spec, summary, done, runner=runner)
    writer = None
    if writing:
        from ..io import StreamWriter
        writer = StreamWriter(args.output, append=args.resume)

    def sink(out) -> None:
        if args.check:
            if out.changed:
                message(f"would repair: {out.origin}")
        elif args.diff:
            write_stdout(unified_diff(out.input, out.text, out.origin).encode("utf-8"))
        elif writer is not None:
            writer.write(out.line)
            writer.flush()
        elif args.in_place:
            if out.changed:
                write_atomic(out.origin, encode(out.text, out.encoding))
        elif args.output:
            write_atomic(args.output, encode(out.text, out.encoding))
        else:
            write_stdout(encode(out.text, out.encoding))
        if not stream and not args.quiet and not args.check and (out.applied or out.left):
            message(_summary(out.origin, len(out.applied), len(out.left)))

    try:
        _run(batch, sink)
    finally:
        if writer is not None:
            writer.close()
    if args.check or args.diff:
        return _finish(args, batch, bool(summary.changed), False, stream)
    return _finish(args, batch, bool(summary.with_problems), args.exit_zero, stream)


def unified_diff(before: str, after: str, name: str) -> str:
    """``diff -u`` of two texts: a last line without a newline is marked as ``diff`` marks it, so
    ``patch`` rebuilds the file byte for byte. Lines split on ``\n`` only (a CR stays in its line)."""
    out = []
    for line in difflib.unified_diff(_lines(before), _lines(after), fromfile=f"a/{name}", tofile=f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def _all_readable(found) -> None:
    from ..batch.inputs import Failure, read_items
    bad = [item for spec in found.specs for item in read_items([spec]) if isinstance(item, Failure)]
    if bad:
        for item in bad[:-1]:
            message(f"qfix: error: {item.message}")
        raise UserError(bad[-1].message + ("" if len(bad) == 1 else f" ({len(bad)} files cannot be read; "
                                                                    "nothing was rewritten)"))


def run_check(args: argparse.Namespace) -> int:
    from ..batch.report import Summary
    from ..batch.work import WorkSpec
    config, found, runner = _prepare(args, "check")
    records = found.has_jsonl  # a record stream: JSONL output is a record a line
    writing_lines = args.format == "jsonl" and records
    spec = WorkSpec(config, "check", rows=args.format != "markdown", jsonl=writing_lines)
    summary = Summary("check", config.signature())
    batch = _batch(args, found, spec, summary, _resume(args, writing_lines), label="checking", runner=runner)
    from ..io import StreamWriter
    writer = StreamWriter(args.output, append=args.resume)
    rows: list[dict] = []
    count = [0, 0]  # findings, fixable

    def name_of(out) -> dict:
        if out.is_record:
            return {"path": out.source, "record": _line_of(out), "id": out.fields.get("id")}
        return {"path": out.origin}

    def sink(out) -> None:
        if args.format == "markdown":
            return
        if writing_lines:
            writer.write(out.line)
            writer.flush()
            return
        where = name_of(out)
        found_rows = [{**where, **r} for r in out.rows]
        count[0] += len(found_rows)
        count[1] += sum(r["fixed_by_fix"] for r in found_rows)
        if args.format == "json":
            rows.extend(found_rows)
        elif args.format == "jsonl":
            writer.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found_rows).encode("utf-8"))
            writer.flush()
        else:
            label = f"{out.source}#{out.fields.get('id')}" if out.is_record else out.origin
            writer.write("".join(f"{label}:{r['line']}:{r['column']}: {r['code']} {r['message']}\n"
                                 for r in out.rows).encode("utf-8"))
            writer.flush()

    try:
        _run(batch, sink)
        problems = bool(sum(summary.fixed.values()) + sum(summary.left.values()))
        code = _finish(args, batch, problems, args.exit_zero, records)
        if args.format == "json" and not summary.interrupted:
            writer.write((json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        elif args.format == "markdown":
            writer.write(summary.to_markdown(code).encode("utf-8"))
        elif args.format == "text" and count[0] and not args.quiet:
            fixable = count[1]
            message(f"Found {count[0]} problem{'s' if count[0] != 1 else ''} "
                    f"({fixable} fixed by `qfix fix`, {count[0] - fixable} left for review).")
    finally:
        writer.close()
    return code


def _line_of(out) -> int:
    return int(out.origin.rsplit(":", 1)[1]) if out.origin.rsplit(":", 1)[-1].isdigit() else 0


def run_rules(args: argparse.Namespace) -> int:
    lines = [f"{r.code}  {r.name:<36} {r.applicability.value:<8} {r.summary}" for r in all_rules()]
    write_stdout(("\n".join(lines) + "\n").encode("utf-8"))
    return EXIT_OK


def run_rule(args: argparse.Namespace) -> int:
    all_rules()
    code = args.code.upper()
    if code not in REGISTRY:
        raise UserError(f"unknown rule {args.code!r}; `qfix rules` lists them")
    write_stdout(REGISTRY[code].doc().encode("utf-8"))
    return EXIT_OK
