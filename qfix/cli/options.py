"""Flags shared by several commands, and the Config they build."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Config, ConfigError, load_config
from .errors import UserError
from .io import STDIN


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
        explicit = getattr(args, "config", None)
        if explicit:
            from ..config import _read_toml, config_from_table
            path = Path(explicit)
            if not path.is_file():
                raise UserError(f"{explicit}: no such configuration file")
            data = _read_toml(path)
            table = data.get("tool", {}).get("qfix", data) if path.name == "pyproject.toml" or "tool" in data else data
            base = Config(**config_from_table(table, explicit), source=explicit)
            config = base.replace(**{k: v for k, v in overrides.items() if v is not None})
        else:
            config = load_config(None, **overrides)
        extra_bp = tuple(getattr(args, "extra_boilerplate", None) or ())
        extra_verbs = tuple(getattr(args, "extra_speech_verb", None) or ())
        if extra_bp or extra_verbs:
            config = config.replace(extra_boilerplate=config.extra_boilerplate + extra_bp,
                                    extra_speech_verbs=config.extra_speech_verbs + extra_verbs)
        _check_patterns(config)
        return config
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _check_patterns(config: Config) -> None:
    import regex
    for p in config.extra_boilerplate:
        try:
            regex.compile(p)
        except regex.error as exc:
            raise UserError(f"extra-boilerplate pattern {p!r} is not a valid regular expression: {exc}") from None


def input_names(args: argparse.Namespace) -> list[str]:
    names = list(args.files or [])
    if not names:
        if sys.stdin is not None and sys.stdin.isatty():
            raise UserError("no input: give FILE, or - to read standard input")
        names = [STDIN]
    if names.count(STDIN) > 1:
        raise UserError("standard input (-) can be read only once")
    return names
