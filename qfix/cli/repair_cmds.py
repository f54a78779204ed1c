"""`qfix fix`, `qfix check`, `qfix rules` and `qfix rule CODE`."""
from __future__ import annotations

import argparse
import difflib
import json

from .. import repair
from ..apply import RepairResult
from ..rules.base import REGISTRY, all_rules
from ..text import LineIndex
from .errors import EXIT_OK, EXIT_PROBLEMS, UserError
from .io import encode, message, read_input, write_atomic, write_stdout
from .options import add_repair_options, config_from_args, input_names


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fix", help="write the repaired text", description=(
        "Repair quote marks, attribution order and boilerplate in Arabic news text. "
        "Writes the repaired text to stdout (or -o OUT, or --in-place). "
        "Exit 0 when nothing is left to review, 1 when problems remain (or --check/--diff "
        "would change something), 2 on error."))
    p.add_argument("files", nargs="*", metavar="FILE", help="input files; - or nothing reads stdin")
    out = p.add_mutually_exclusive_group()
    out.add_argument("-o", "--output", metavar="OUT", help="write the repaired text to OUT (atomically)")
    out.add_argument("--in-place", action="store_true", help="rewrite each FILE atomically")
    out.add_argument("--diff", action="store_true", help="print a unified diff instead of the text")
    out.add_argument("--check", action="store_true", help="write nothing; exit 1 when something would change")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems remain")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    add_repair_options(p)
    p.set_defaults(func=run_fix)

    c = sub.add_parser("check", help="report problems without changing anything", description=(
        "Report every defect, fixable or not, one a line: path:line:col: CODE message. "
        "Exit 0 when clean, 1 when problems are found, 2 on error."))
    c.add_argument("files", nargs="*", metavar="FILE", help="input files; - or nothing reads stdin")
    c.add_argument("--format", choices=("text", "json", "jsonl"), default="text")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    add_repair_options(c)
    c.set_defaults(func=run_check)

    r = sub.add_parser("rules", help="list the rules")
    r.set_defaults(func=run_rules)
    d = sub.add_parser("rule", help="print one rule's documentation")
    d.add_argument("code", metavar="CODE")
    d.set_defaults(func=run_rule)


def _summary(name: str, result: RepairResult) -> str:
    fixed = len(result.applied)
    left = len(result.diagnostics)
    parts = [f"{fixed} fix{'es' if fixed != 1 else ''} applied"]
    if left:
        parts.append(f"{left} left for review (qfix check)")
    return f"{name}: " + ", ".join(parts)


def run_fix(args: argparse.Namespace) -> int:
    names = input_names(args)
    if len(names) > 1 and not (args.in_place or args.check or args.diff):
        raise UserError("several files: use --in-place, --check or --diff (or give one FILE)")
    if args.in_place and "-" in names:
        raise UserError("--in-place needs files, not standard input")
    config = config_from_args(args)
    sources = [read_input(n) for n in names]  # read all first: a bad file stops before any write
    problems = changed = False
    for src in sources:
        result = repair(src.text, config)
        problems |= bool(result.diagnostics)
        changed |= result.changed
        if args.check:
            if result.changed:
                message(f"would repair: {src.name}")
        elif args.diff:
            write_stdout("".join(difflib.unified_diff(
                src.text.splitlines(keepends=True), result.text.splitlines(keepends=True),
                fromfile=f"a/{src.name}", tofile=f"b/{src.name}")).encode("utf-8"))
        elif args.in_place:
            if result.changed:
                write_atomic(src.name, encode(result.text, src.encoding))
        elif args.output:
            write_atomic(args.output, encode(result.text, src.encoding))
        else:
            write_stdout(encode(result.text, src.encoding))
        if not args.quiet and not args.check and (result.applied or result.diagnostics):
            message(_summary(src.name, result))
    if args.check or args.diff:
        return EXIT_PROBLEMS if changed else EXIT_OK
    return EXIT_PROBLEMS if problems and not args.exit_zero else EXIT_OK


def findings_as_dicts(name: str, result: RepairResult) -> list[dict]:
    index = LineIndex(result.input)
    out = []
    for f in result.findings:
        line, col = index.position(f.start)
        end_line, end_col = index.position(f.end)
        out.append({
            "path": name, "line": line, "column": col, "end_line": end_line, "end_column": end_col,
            "code": f.code, "name": REGISTRY[f.code].name, "message": f.message,
            "applicability": f.applicability.value, "fixed_by_fix": f.applied,
        })
    return out


def run_check(args: argparse.Namespace) -> int:
    names = input_names(args)
    config = config_from_args(args)
    sources = [read_input(n) for n in names]
    rows: list[dict] = []
    for src in sources:
        rows.extend(findings_as_dicts(src.name, repair(src.text, config)))
    if args.format == "json":
        write_stdout((json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    elif args.format == "jsonl":
        write_stdout("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8"))
    else:
        write_stdout("".join(f"{r['path']}:{r['line']}:{r['column']}: {r['code']} {r['message']}\n"
                             for r in rows).encode("utf-8"))
        if rows:
            fixable = sum(r["fixed_by_fix"] for r in rows)
            message(f"Found {len(rows)} problem{'s' if len(rows) != 1 else ''} "
                    f"({fixable} fixed by `qfix fix`, {len(rows) - fixable} left for review).")
    return EXIT_PROBLEMS if rows and not args.exit_zero else EXIT_OK


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
