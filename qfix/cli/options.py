"""Flags shared by several commands, and the Config they build."""
from __future__ import annotations

import argparse
import os
import re
import sys

from ..config import Config, ConfigError, load_config
from ..errors import UserError
from ..io import STDIN


def add_repair_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("repair options (also [tool.qfix] in pyproject.toml or qfix.toml)")
    g.add_argument("--quote-style", metavar="STYLE",
                   help="marks to write: «» (default, or 'guillemets'), “” ('curly'), \"\" ('straight')")
    g.add_argument("--select", metavar="CODES", help="comma-separated rule codes or prefixes to run")
    g.add_argument("--ignore", metavar="CODES", help="comma-separated rule codes or prefixes to skip")
    g.add_argument("--extra-boilerplate", metavar="REGEX", action="append",
                   help="also remove whole lines matching REGEX (repeatable)")
    g.add_argument("--extra-speech-verb", metavar="VERB", action="append",
                   help="also treat VERB as a speech verb (repeatable)")
    g.add_argument("--site-name", metavar="NAME", action="append",
                   help="your site's name: a title tail equal to it is removed (B001) (repeatable)")
    g.add_argument("--apply-review", action="store_true", default=None,
                   help="also apply fixes marked 'review'")
    g.add_argument("--config", metavar="PATH", help="read settings from this TOML file instead of searching")


def config_from_args(args: argparse.Namespace, **more) -> Config:
    overrides = dict(
        quote_style=getattr(args, "quote_style", None),
        select=getattr(args, "select", None),
        ignore=getattr(args, "ignore", None),
        apply_review=getattr(args, "apply_review", None),
        **more,
    )
    try:
        config = load_config(None, getattr(args, "config", None), **overrides)
        extra_bp = tuple(getattr(args, "extra_boilerplate", None) or ())
        extra_verbs = tuple(getattr(args, "extra_speech_verb", None) or ())
        sites = tuple(getattr(args, "site_name", None) or ())
        if extra_bp or extra_verbs or sites:
            config = config.replace(extra_boilerplate=config.extra_boilerplate + extra_bp,
                                    extra_speech_verbs=config.extra_speech_verbs + extra_verbs,
                                    site_names=config.site_names + sites)
        from ..rules.base import check_codes
        check_codes(config)
        return config
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def input_names(args: argparse.Namespace) -> list[str]:
    names = list(args.files or [])
    stray = getattr(args, "ray_input", None)  # `--ray feed.jsonl`: an input, not an address
    if stray is not None:
        names.insert(0 if stray[1] else len(names), stray[0])
    if not names:
        if sys.stdin is not None and sys.stdin.isatty():
            raise UserError("no input: give FILE, or - to read standard input")
        names = [STDIN]
    if names.count(STDIN) > 1:
        raise UserError("standard input (-) can be read only once")
    return names


def positive(text: str) -> int:
    """An argparse type: an integer of 1 or more."""
    return _number(text, int, 1)


def at_least_zero(text: str) -> float:
    """An argparse type: a number of 0 or more (0.5: half a GPU)."""
    return _number(text, float, 0)


def _number(text: str, kind, least):
    try:
        value = kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be {least} or more, not {value}")
    return value


def add_batch_options(p: argparse.ArgumentParser, *, report: bool = True) -> None:
    """Inputs (directories, JSONL streams), parallelism and long-run options (qfix.batch)."""
    from ..batch.inputs import DEFAULT_INCLUDE, DEFAULT_MAX_RECORD_BYTES
    g = p.add_argument_group("batches and streams (see docs/pipeline.md)")
    g.add_argument("--include", metavar="GLOB", action="append",
                   help=f"files to read in directories (repeatable; default {' '.join(DEFAULT_INCLUDE)}); "
                        "a GLOB without / matches the file name")
    g.add_argument("--exclude", metavar="GLOB", action="append", help="files or directories to skip in directories "
                   "(repeatable); files named on the command line are always read")
    g.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto",
                   help="auto: *.jsonl and *.ndjson are JSONL, other files text; stdin is JSONL when it starts with {")
    g.add_argument("-j", "--jobs", type=positive, metavar="N",
                   help="repair in N processes (default: the machine's cores); output is the same for any N")
    g.add_argument("--resume", action="store_true",
                   help="with -o OUT and JSONL output: skip records whose id is already in OUT, append the rest")
    g.add_argument("--fail-fast", action="store_true", help="stop at the first input that cannot be read "
                   "or processed (normally it is reported and skipped)")
    g.add_argument("--max-record-bytes", type=positive, default=DEFAULT_MAX_RECORD_BYTES, metavar="N",
                   help=f"skip (and report) JSONL records longer than N bytes (default {DEFAULT_MAX_RECORD_BYTES:,})")
    g.add_argument("--no-progress", action="store_true", help="no progress bar (there is none when stderr is "
                   "not a terminal)")
    g.add_argument("--ray", nargs="?", const="", metavar="ADDRESS", action=_RayAddress,
                   help="run on a Ray cluster (JSONL files; needs qfix[ray]): ADDRESS is auto (the cluster "
                        "this node belongs to) or HOST:6379; none: $RAY_ADDRESS, else a new local cluster "
                        "(docs/pipeline.md)")
    if report:
        g.add_argument("--report", metavar="PATH", help="also write a summary of the run to PATH: Markdown "
                       "when it ends in .md, else the versioned JSON report")


def jobs_from_args(args: argparse.Namespace) -> int:
    from ..batch.pool import default_jobs
    return args.jobs or default_jobs()


_ADDRESS = re.compile(r"auto|local|[a-z][a-z0-9+.-]*://.+|[\w.-]+:\d+|\[[0-9A-Fa-f:.]+\]:\d+")


class _RayAddress(argparse.Action):
    """``--ray [ADDRESS]``: a value that is no Ray address is the first input (``--ray feed.jsonl``)
    or, after the inputs, the last one; ``input_names`` puts it back in its place."""

    def __call__(self, parser, namespace, value, option_string=None):
        if value and not _ADDRESS.fullmatch(value):
            namespace.ray_input = (value, namespace.files is None)  # None: no input read yet
            value = ""
        setattr(namespace, self.dest, value)


def ray_options(args: argparse.Namespace, names: list[str], **more):
    """``--ray``: RayOptions for ``qfix.batch.ray_run`` (None without it). Ray must be installed
    (else the one-line install hint, exit 2), inputs must be files, --jobs does not apply."""
    if getattr(args, "ray", None) is None:
        return None
    from ..batch.ray_run import RayOptions, check_address, require_ray
    require_ray()
    if args.jobs:
        raise UserError("--jobs is for one machine; with --ray the cluster's CPUs do the work")
    if STDIN in names:
        raise UserError("--ray reads files (the cluster's workers open them), not standard input")
    check_address(args.ray or os.environ.get("RAY_ADDRESS", ""))
    return RayOptions(address=args.ray or None, **more)
