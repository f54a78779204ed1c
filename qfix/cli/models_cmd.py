"""`qfix models pull|convert|list|make-tiny`: the MarianMT models qfix translates with."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import EXIT_OK, UserError

HELP = "download, list or build translation models"


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("models", help=HELP, description=HELP)
    sub = p.add_subparsers(dest="models_command", metavar="{pull,convert,list,make-tiny}", required=True)
    pull = sub.add_parser("pull", help="download a model from the Hugging Face hub and record its revision")
    pull.add_argument("model", nargs="?", help="hub id (default: the configured model)")
    pull.add_argument("--revision", help="branch, tag or commit (default: main)")
    pull.add_argument("--fast", action="store_true",
                      help="also convert it for the ct2 engine (CTranslate2; needs qfix[fast])")
    _quantization_option(pull)
    convert = sub.add_parser("convert", help="convert a MarianMT model for the ct2 engine (CTranslate2), "
                                             "into a directory beside it")
    convert.add_argument("model", nargs="?", metavar="ID|DIR",
                         help="hub id or model directory (default: the configured model)")
    convert.add_argument("--revision", help="hub revision to convert (default: the recorded one)")
    _quantization_option(convert)
    convert.add_argument("--force", action="store_true", help="convert again even if a conversion exists")
    sub.add_parser("list", help="the MarianMT models on this machine, with their sizes")
    tiny = sub.add_parser("make-tiny", help="build a tiny MarianMT model with random weights, for tests")
    tiny.add_argument("directory", help="where to write it")
    tiny.add_argument("--seed", type=int, default=0, help="weights' random seed (default 0)")
    tiny.add_argument("--force", action="store_true", help="write into DIRECTORY even if it holds files "
                      "(they are overwritten)")
    p.set_defaults(func=run)


def _quantization_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quantization", choices=("int8", "int16", "float32"), default="int8",
                   help="weights of the converted model (default int8: fastest; float32 decodes as transformers)")


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
            if args.fast:
                from ..translate import ct2
                ct2.require()  # before the download
            resolved = hub.pull(model, args.revision)
            print(f"{resolved.model_id}\t{resolved.revision}\t{resolved.path}")
            if args.fast:
                print(f"{resolved.model_id}\t{args.quantization}\t{ct2.convert(resolved, args.quantization)}")
        elif args.models_command == "convert":
            from ..config import ConfigError, load_config
            from ..translate import ct2
            try:
                model = args.model or load_config(None).model
            except ConfigError as exc:
                raise UserError(str(exc)) from None
            ct2.require()
            resolved = hub.resolve_model(model, args.revision)
            print(f"{resolved.model_id}\t{args.quantization}\t"
                  f"{ct2.convert(resolved, args.quantization, force=args.force)}")
        elif args.models_command == "list":
            from ..translate.ct2 import local_conversions
            rows = hub.local_models() + local_conversions()
            if not rows:
                print("qfix: no MarianMT models here yet; run `qfix models pull`", file=sys.stderr)
            for name, revision, size in rows:
                print(f"{name}\t{revision}\t{human_size(size)}")
        else:
            from pathlib import Path

            from ..translate.tiny import make_tiny
            target = Path(args.directory)
            if target.exists() and not target.is_dir():
                raise UserError(f"{args.directory}: is a file, not a directory")
            if target.is_dir() and any(target.iterdir()) and not args.force:
                raise UserError(f"{args.directory}: exists and is not empty; give a new directory, or --force "
                                "to overwrite the model files in it")
            try:
                print(make_tiny(args.directory, seed=args.seed))
            except OSError as exc:
                raise UserError(f"cannot write {args.directory}: {exc.strerror or exc}") from None
    except TranslateError as exc:
        raise UserError(str(exc)) from None
    return EXIT_OK
