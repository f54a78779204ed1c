"""The `qfix` command: subcommands, and the one place errors become exit codes."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .. import __version__
from ..config import ConfigError
from ..errors import EXIT_ERROR, UserError

# each module defines add_parser(subparsers); optional ones may be missing in a slim install
COMMAND_MODULES = ("qfix.cli.repair_cmds", "qfix.cli.translate_cmd", "qfix.cli.models_cmd",
                   "qfix.cli.review_cmd", "qfix.cli.serve_cmd")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qfix",
        description="Repair, translate and review machine-translated Arabic news.",
        epilog="Exit codes: 0 clean or all fixed; 1 problems remain / --check would change; "
               "2 error, or an input could not be read (and was skipped); 130 interrupted; "
               "141 the reader of the output left (as `| head` does).")
    parser.add_argument("--version", action="version", version=f"qfix {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return args.func(args)
    except UserError as exc:
        print(f"qfix: error: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"qfix: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("qfix: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # a write to stdout outside qfix.io's writers: the same quiet exit
        try:
            reader_left()
        except SystemExit as exc:
            return exc.code  # type: ignore[return-value]
    except MemoryError:
        print("qfix: error: out of memory", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("QFIX_DEBUG"):
            raise
        print(f"qfix: internal error: {type(exc).__name__}: {exc} (set QFIX_DEBUG=1 for the traceback; "
              "please report it)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
