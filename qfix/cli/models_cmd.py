"""`qfix models pull|list|make-tiny`: the MarianMT models qfix translates with."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from .errors import EXIT_OK, UserError

HELP = "download, list or build translation models"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("models", help=HELP, description=HELP)
    sub = p.add_subparsers(dest="models_command", metavar="{pull,list,make-tiny}", required=True)
    pull = sub.add_parser("pull", help="download a model from the Hugging Face hub and record its revision")
    pull.add_argument("model", nargs="?", help="hub id (default: the configured model)")
    pull.add_argument("--revision", help="branch, tag or commit (default: main)")
    sub.add_parser("list", help="the MarianMT models on this machine, with their sizes")
    tiny = sub.add_parser("make-tiny", help="build a tiny MarianMT model with random weights, for tests")
    tiny.add_argument("directory", help="where to write it")
    tiny.add_argument("--seed", type=int, default=0, help="weights' random seed (default 0)")
    p.set_defaults(func=run)


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def run(args: argparse.Namespace) -> int:
    from ..translate import TranslateError
    from ..translate import hub

    try:
        if args.models_command == "pull":
            from ..config import ConfigError, load_config
            try:
                model = args.model or load_config(None).model
            except ConfigError as exc:
                raise UserError(str(exc)) from None
            resolved = hub.pull(model, args.revision)
            print(f"{resolved.model_id}\t{resolved.revision}\t{resolved.path}")
        elif args.models_command == "list":
            rows = hub.local_models()
            if not rows:
                print("qfix: no MarianMT models here yet; run `qfix models pull`", file=sys.stderr)
            for name, revision, size in rows:
                print(f"{name}\t{revision}\t{human_size(size)}")
        else:
            from ..translate.tiny import make_tiny
            try:
                print(make_tiny(args.directory, seed=args.seed))
            except OSError as exc:
                raise UserError(f"cannot write {args.directory}: {exc.strerror or exc}") from None
    except TranslateError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK
