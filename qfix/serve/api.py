"""The own JSON API (``/v1``): reading requests and building answers (pure, no IO).

Offsets in answers are code points of the text as sent (Python's and JSON's string
indices). A request names its text and, optionally, per-request repair options:

    {"text": "...", "options": {"quote_style": "“”", "select": ["Q"], "ignore": ["B001"],
                                "apply_review": false},
     "decisions": {"Q004@12": true}}

Other settings (extra boilerplate patterns, speech verbs, the model) are the server's:
a client may not send regular expressions for the server to run.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from .. import __version__
from ..apply import RepairResult
from ..changes import changes
from ..config import Config, ConfigError
from ..text import LineIndex
from .lt import RequestError

API_VERSION = 1
REQUEST_OPTIONS = ("quote_style", "select", "ignore", "apply_review")


def parse_json(body: bytes) -> dict[str, Any]:
    """A JSON object from a request body; any problem is one line."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(f"request body is not valid UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise RequestError(f"request body is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise RequestError("request body must be a JSON object, such as {\"text\": \"...\"}")
    return value


def known_keys(request: dict[str, Any], allowed: tuple[str, ...]) -> None:
    """A key the endpoint does not know is a mistake the client should hear of (`"select"` at the
    top level instead of in `"options"` would otherwise be ignored in silence)."""
    unknown = sorted(set(request) - set(allowed))
    if unknown:
        raise RequestError(f"unknown key {unknown[0]!r} (this endpoint takes: {', '.join(allowed)})")


def text_of(request: dict[str, Any]) -> str:
    text = request.get("text")
    if not isinstance(text, str):
        raise RequestError("'text' must be a string" if "text" in request else "missing 'text'")
    return checked_text(text)


def checked_text(text: str) -> str:
    """Refuse lone surrogates (JSON escapes such as \\ud800 can make them): they are no text."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise RequestError(f"text holds a lone surrogate at offset {exc.start}; it is not valid Unicode") from None
    return text


def request_config(base: Config, request: dict[str, Any]) -> Config:
    """The server's config with the request's ``options`` (ConfigError when one is bad)."""
    options = request.get("options", {})
    if not isinstance(options, dict):
        raise RequestError("'options' must be an object")
    unknown = sorted(set(options) - set(REQUEST_OPTIONS))
    if unknown:
        raise RequestError(f"unknown option {unknown[0]!r} (a request may set: {', '.join(REQUEST_OPTIONS)})")
    if not options:
        return base
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in options.items()}
    from ..rules.base import check_codes
    try:
        config = dataclasses.replace(base, **values)
    except TypeError as exc:
        raise ConfigError(str(exc)) from None
    check_codes(config)
    return config


def decisions_of(request: dict[str, Any]) -> dict[str, bool] | None:
    decisions = request.get("decisions")
    if decisions is None:
        return None
    if not isinstance(decisions, dict) or not all(isinstance(v, bool) for v in decisions.values()):
        raise RequestError("'decisions' must map finding ids to true or false")
    return decisions


def finding_dicts(result: RepairResult, which=None) -> list[dict[str, Any]]:
    from ..rules.base import REGISTRY
    index = LineIndex(result.input)
    out = []
    for f in result.findings if which is None else which:
        line, column = index.position(f.start)
        out.append({"id": f.id, "code": f.code, "name": REGISTRY[f.code].name, "message": f.message,
                    "start": f.start, "end": f.end, "line": line, "column": column,
                    "applicability": f.applicability.value, "applied": f.applied})
    return out


def fix_answer(result: RepairResult) -> dict[str, Any]:
    return {
        "text": result.text,
        "changed": result.changed,
        "changes": [{"start": c.start, "end": c.end, "replacement": c.replacement, "codes": list(c.codes),
                     "findings": list(c.finding_ids)} for c in changes(result)],
        "edits": [{"pass": e.pass_no, "code": e.code, "start": e.start, "end": e.end, "before": e.before,
                   "after": e.after} for e in result.edits],
        "applied": finding_dicts(result, result.applied),
        "diagnostics": finding_dicts(result, result.diagnostics),
        "skipped": list(result.skipped),
        "signature": result.config.signature(),
    }


def check_answer(result: RepairResult) -> dict[str, Any]:
    return {
        "findings": finding_dicts(result),
        "fixable": sum(f.applied for f in result.findings),
        "left": len(result.diagnostics),
        "changed_by_fix": result.changed,
        "signature": result.config.signature(),
    }


def rules_answer() -> list[dict[str, Any]]:
    from ..rules.base import all_rules
    return [{"code": r.code, "name": r.name, "family": r.family, "applicability": r.applicability.value,
             "summary": r.summary, "doc": r.doc()} for r in all_rules()]


def health_answer() -> dict[str, Any]:
    return {"status": "ok", "qfix": __version__, "api": API_VERSION}
