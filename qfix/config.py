"""One immutable configuration object, read from flags and from TOML.

Settings come, lowest precedence first, from the defaults below, the nearest
``qfix.toml`` or ``pyproject.toml`` with a ``[tool.qfix]`` table (searched
from the working directory upward), the ``QFIX_MODEL`` environment variable,
and command-line flags. TOML keys use dashes (``quote-style``); ``FIELD_DOCS``
says what each field means (the README's configuration section shows them).
"""
from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .parse.chardata import QUOTE_STYLE_NAMES, QUOTE_STYLES

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-ar-en"


class ConfigError(ValueError):
    """A configuration file or flag that cannot be used."""


@dataclass(frozen=True)
class Config:
    # --- repair ---
    quote_style: str = "«»"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extra_boilerplate: tuple[str, ...] = ()
    extra_speech_verbs: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    apply_review: bool = False
    # --- translation ---
    model: str = DEFAULT_MODEL
    revision: str | None = None
    engine: str = "auto"
    device: str = "auto"
    beams: int = 4
    batch_size: int = 16
    max_length: int = 512
    cache: bool = True
    # --- review ---
    bidi: str = "auto"
    # site names found by the batch layer: the same tail after the titles of several documents
    # (set by qfix.batch, not by users; part of the signature)
    batch_site_names: tuple[str, ...] = ()
    # where the settings came from (a path or "defaults"); not part of the signature
    source: str = field(default="defaults", compare=False)

    def __post_init__(self) -> None:
        style = QUOTE_STYLE_NAMES.get(self.quote_style, self.quote_style)
        if style not in QUOTE_STYLES:
            raise ConfigError(
                f"quote-style must be one of {', '.join(QUOTE_STYLES)} "
                f"(or {', '.join(QUOTE_STYLE_NAMES)}), not {self.quote_style!r}")
        object.__setattr__(self, "quote_style", style)
        for name in ("select", "ignore", "extra_boilerplate", "extra_speech_verbs", "site_names",
                     "batch_site_names"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = tuple(v.strip() for v in value.split(",") if v.strip())
            if not isinstance(value, (tuple, list)) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{name.replace('_', '-')} must be a list of strings, not {value!r}")
            object.__setattr__(self, name, tuple(value))
        for name in ("select", "ignore"):  # codes are checked against the rules by qfix.rules.check_codes
            object.__setattr__(self, name, tuple(v.strip().upper() for v in getattr(self, name)))
        for pattern in self.extra_boilerplate:
            _check_pattern(pattern)
        for name in ("beams", "batch_size", "max_length"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name.replace('_', '-')} must be a positive integer, not {value!r}")
        for name in ("apply_review", "cache"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name.replace('_', '-')} must be true or false, not {getattr(self, name)!r}")
        for name in ("model", "engine", "device", "bidi"):
            if not isinstance(getattr(self, name), str):
                raise ConfigError(f"{name} must be a string, not {getattr(self, name)!r}")
        if self.revision is not None and not isinstance(self.revision, str):
            raise ConfigError(f"revision must be a string, not {self.revision!r}")
        if self.device not in ("auto", "cpu", "cuda") and not self.device.startswith("cuda:"):
            raise ConfigError(f"device must be cpu, cuda or auto, not {self.device!r}")
        if self.bidi not in ("auto", "app", "terminal"):
            raise ConfigError(f"bidi must be app, terminal or auto, not {self.bidi!r}")
        if self.engine not in ("auto", "transformers", "ct2"):
            raise ConfigError(f"engine must be transformers, ct2 or auto, not {self.engine!r}")

    def replace(self, **changes: Any) -> "Config":
        changes = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **changes)

    def rule_enabled(self, code: str) -> bool:
        """Ruff-style selection: a code runs when a select prefix matches (or none
        is given) and no ignore prefix matches."""
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def signature(self) -> dict[str, Any]:
        """What makes a result reproducible (after sacrebleu's signature)."""
        from . import __version__
        return {
            "qfix": __version__,
            "quote_style": self.quote_style,
            "select": list(self.select),
            "ignore": list(self.ignore),
            "apply_review": self.apply_review,
            "extra_boilerplate": list(self.extra_boilerplate),
            "extra_speech_verbs": list(self.extra_speech_verbs),
            "site_names": list(self.site_names),
            "batch_site_names": list(self.batch_site_names),
            "model": self.model,
            "revision": self.revision,
            "engine": self.engine,
            "beams": self.beams,
            "max_length": self.max_length,
        }


def _check_pattern(pattern: str) -> None:
    import regex
    try:
        regex.compile(pattern)
    except regex.error as exc:
        raise ConfigError(f"extra-boilerplate pattern {pattern!r} is not a valid regular expression: "
                          f"{exc}") from None


FIELD_DOCS = {
    "quote_style": "marks written by fix: «» (default), “” or \"\"; nested quotes use “”, ‘’ or ''",
    "select": "rule codes or prefixes to run (default: all), e.g. [\"Q\", \"A001\"]",
    "ignore": "rule codes or prefixes never to run",
    "extra_boilerplate": "extra regular expressions; a whole line matching one is removed",
    "extra_speech_verbs": "extra past-tense speech verbs (each form as written, e.g. \"نوه\")",
    "site_names": "your sites' names: a title tail equal to one is removed (B001) without other evidence",
    "apply_review": "also apply fixes marked 'review' (normally only shown)",
    "model": "translation model: a local directory or a hub id",
    "revision": "hub revision (branch, tag or commit) of the model",
    "engine": "translation engine: transformers, ct2 or auto",
    "device": "cpu, cuda or auto",
    "beams": "beam size for decoding",
    "batch_size": "sentences per translation batch",
    "max_length": "token budget per unit and maximum output length",
    "cache": "use the translation memory",
    "bidi": "review TUI: app (qfix reorders Arabic for display), terminal (the terminal does), or auto",
}
_FIELDS = {f.name for f in dataclasses.fields(Config)} - {"source", "batch_site_names"}


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest qfix.toml, or pyproject.toml with [tool.qfix], from start upward."""
    start = start.resolve()
    for directory in (start, *start.parents):
        qfix_toml = directory / "qfix.toml"
        if qfix_toml.is_file():
            data = _read_toml(qfix_toml)
            return qfix_toml, data.get("tool", {}).get("qfix", data)
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("qfix")
            if table is not None:
                return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None


def config_from_table(table: dict[str, Any], source: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            raise ConfigError(f"{source}: unknown setting {key!r} (known: "
                              + ", ".join(sorted(f.replace('_', '-') for f in _FIELDS)) + ")")
        if isinstance(value, list):
            value = tuple(str(v) for v in value)
        values[name] = value
    return values


def load_config(start: Path | None = None, path: str | os.PathLike | None = None, **overrides: Any) -> Config:
    """Defaults < config file < QFIX_MODEL < overrides (flags; None means unset).

    The config file is ``path`` when given (a qfix.toml, or a pyproject.toml's [tool.qfix]),
    else the nearest one from ``start`` (the working directory) upward."""
    values: dict[str, Any] = {}
    source = "defaults"
    if path is not None:
        explicit = Path(path)
        if not explicit.is_file():
            raise ConfigError(f"{path}: no such configuration file")
        data = _read_toml(explicit)
        found: tuple[Path, dict[str, Any]] | None = (explicit, data.get("tool", {}).get("qfix", data))
    else:
        found = find_config_file(start or Path.cwd())
    if found:
        config_path, table = found
        source = str(path if path is not None else config_path)
        if not isinstance(table, dict):
            raise ConfigError(f"{source}: [tool.qfix] must be a table")
        values.update(config_from_table(table, source))
    if os.environ.get("QFIX_MODEL"):
        values["model"] = os.environ["QFIX_MODEL"]
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Config(**values, source=source)
    except TypeError as exc:  # a wrongly typed value from TOML
        raise ConfigError(f"{source}: {exc}") from None
