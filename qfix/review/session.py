"""The session file: every decision of a review, saved atomically after each one.

Beside the input by default, ``article.txt`` → ``article.txt.qfix.session.json``
(``--session PATH`` names another place; a session of qfix 0.1's naming,
``article.txt.qfix-review.json``, is still read, and saved under the new name).
It names the input and its SHA-256, so a session is never applied to a changed
file; it holds decisions by finding id, approvals, the editor's Arabic and
English, the last machine English and the engine that made it (so exports work
without a model and say which model translated). Written through a temporary
file, fsync and rename: a crash or a kill leaves either the old file or the new
one, never half of one. A file that is not a session of this version, or holds a
value of the wrong type, is refused in one line before anything is applied.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import UserError
from ..io import ENCODINGS, OUTPUT_MARK, Source, read_input, write_atomic
from .model import ReviewModel

SUFFIX = OUTPUT_MARK + "session.json"
LEGACY_SUFFIX = ".qfix-review.json"  # qfix 0.1
VERSION = 1
_FINDING_ID = re.compile(r"^[A-Z][0-9]{3}@[0-9]+$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class SessionError(UserError):
    """A session file that cannot be used: one line on stderr and exit 2, or a message in the app."""


def default_session_path(input_path: str | os.PathLike) -> Path:
    p = Path(input_path)
    return p.with_name(p.name + SUFFIX)


def legacy_session_path(input_path: str | os.PathLike) -> Path:
    p = Path(input_path)
    return p.with_name(p.name + LEGACY_SUFFIX)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(seg) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if seg.approved:
        entry["approved"] = True
    if seg.arabic_edit is not None:
        entry["arabic"] = seg.arabic_edit
    if seg.english_for is not None or seg.english_edited:
        entry["english"] = seg.english
        entry["english_edited"] = seg.english_edited
        entry["english_for"] = seg.english_for
        if seg.english_by is not None:
            entry["english_by"] = seg.english_by
    return entry


def _head(model: ReviewModel, input_path: str, encoding: str) -> dict[str, Any]:
    sha = getattr(model, "_sha256", None)
    if sha is None:  # the input never changes during a review
        sha = model._sha256 = digest(model.text)  # type: ignore[attr-defined]
    head = {
        "qfix_review": VERSION,
        "input": str(input_path),
        "input_sha256": sha,
        "encoding": encoding,
        "signature": model.config.signature(),
        "decisions": dict(sorted(model.decisions.items())),
    }
    if model.engines:
        head["engines"] = model.engines
    return head


def session_record(model: ReviewModel, input_path: str, encoding: str = "utf-8") -> dict[str, Any]:
    segments = {str(i): e for i, seg in enumerate(model.segments) if (e := _entry(seg))}
    return {**_head(model, input_path, encoding), "segments": segments}


def encode(model: ReviewModel, input_path: str, encoding: str = "utf-8") -> bytes:
    """The session as JSON, one line per segment; each segment's line is kept from the last
    save until it changes (serializing 2,000 paragraphs of English on every key is what
    made a decision slow)."""
    cache: dict[int, tuple[tuple, bytes]] = model.__dict__.setdefault("_session_lines", {})
    lines = []
    for i, seg in enumerate(model.segments):
        key = (seg.approved, seg.arabic_edit, seg.english, seg.english_edited, seg.english_for, seg.english_by)
        hit = cache.get(i)
        if hit is None or hit[0] != key:
            entry = _entry(seg)
            line = f'  "{i}": {json.dumps(entry, ensure_ascii=False)}' if entry else ""
            hit = cache[i] = (key, line.encode("utf-8"))
        if hit[1]:
            lines.append(hit[1])
    head = json.dumps(_head(model, input_path, encoding), ensure_ascii=False, indent=1)[:-2].encode("utf-8")
    if not lines:
        return head + b',\n "segments": {}\n}\n'
    return head + b',\n "segments": {\n' + b",\n".join(lines) + b"\n }\n}\n"


def save_model(path: str | os.PathLike, model: ReviewModel, input_path: str, encoding: str = "utf-8") -> None:
    """Save a review's session (what the app does after every decision)."""
    write_atomic(path, encode(model, input_path, encoding))


def save(path: str | os.PathLike, record: dict[str, Any]) -> None:
    write_atomic(path, (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def load(path: str | os.PathLike) -> dict[str, Any]:
    """A session record, checked key by key (``check``); a ``SessionError`` otherwise."""
    path = Path(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SessionError(f"{path}: no such session file") from None
    except IsADirectoryError:
        raise SessionError(f"{path}: is a directory, not a session file") from None
    except OSError as exc:
        raise SessionError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionError(f"{path}: not a qfix review session ({exc})") from None
    check(record, path)
    return record


# key: (types allowed, what to call them in a message)
_TOP = {
    "qfix_review": ((int,), "a number"),
    "input": ((str,), "a string"),
    "input_sha256": ((str,), "a string"),
    "encoding": ((str,), "a string"),
    "signature": ((dict,), "an object"),
    "decisions": ((dict,), "an object"),
    "segments": ((dict,), "an object"),
    "engines": ((dict,), "an object"),
}
_SEGMENT = {
    "approved": ((bool,), "true or false"),
    "arabic": ((str,), "a string"),
    "english": ((str,), "a string"),
    "english_edited": ((bool,), "true or false"),
    "english_for": ((str, type(None)), "a string or null"),
    "english_by": ((str, type(None)), "a string or null"),
}


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)


def _typed(value: Any, types: tuple) -> bool:
    if isinstance(value, bool) and bool not in types:  # JSON true is not the number 1
        return False
    return isinstance(value, types)


def check(record: Any, path: str | os.PathLike) -> None:
    """Refuse, in one line, anything but a session of this version with every value of its type."""
    def bad(why: str) -> SessionError:
        return SessionError(f"{path}: not a usable qfix review session: {why}; "
                            "repair or move it away, or give another --session PATH")

    if not isinstance(record, dict):
        raise bad(f"it holds {_kind(record)}, not an object")
    version = record.get("qfix_review")
    if "qfix_review" not in record:
        raise bad('no "qfix_review" version')
    if not _typed(version, (int,)) or version != VERSION:
        raise SessionError(f"{path}: a session of another format (qfix_review {version!r}; this qfix reads "
                           f"{VERSION}); open the review with the qfix that wrote it, or move it away")
    for key, value in record.items():
        if key not in _TOP:
            raise bad(f"unknown key {key!r}")
        types, what = _TOP[key]
        if not _typed(value, types):
            raise bad(f"{key!r} is {_kind(value)}, not {what}")
    for key in ("input", "input_sha256"):
        if key not in record:
            raise bad(f"no {key!r}")
    if not _HEX64.match(record["input_sha256"]):
        raise bad('"input_sha256" is not a SHA-256 in hex')
    if record.get("encoding", "utf-8") not in ENCODINGS:
        raise bad(f"encoding {record['encoding']!r} is not one of {', '.join(ENCODINGS)}")
    for fid, value in record.get("decisions", {}).items():
        if not _FINDING_ID.match(fid):
            raise bad(f"decision {fid!r} is not a finding id such as Q001@12")
        if not isinstance(value, bool):
            raise bad(f"decision {fid!r} is {_kind(value)}, not true or false")
    for name, engine in record.get("engines", {}).items():
        if not isinstance(engine, dict):
            raise bad(f"engine {name!r} is {_kind(engine)}, not an object")
    for key, entry in record.get("segments", {}).items():
        if not key.isdigit() or key != str(int(key)):
            raise bad(f"segment key {key!r} is not a paragraph number")
        if not isinstance(entry, dict):
            raise bad(f"segment {key} is {_kind(entry)}, not an object")
        for field, value in entry.items():
            if field not in _SEGMENT:
                raise bad(f"segment {key} has an unknown key {field!r}")
            types, what = _SEGMENT[field]
            if not _typed(value, types):
                raise bad(f"segment {key}: {field!r} is {_kind(value)}, not {what}")


def restore(model: ReviewModel, record: dict[str, Any], path: str | os.PathLike) -> None:
    """Apply a checked session to a freshly built model of the same input."""
    if record.get("input_sha256") != digest(model.text):
        raise SessionError(f"{path}: made for a different version of {record.get('input')}; "
                           "move it away or give another --session path")
    n = len(model.segments)
    for key in record.get("segments", {}):
        if int(key) >= n:
            raise SessionError(f"{path}: not a usable qfix review session: segment {key} is past the end "
                               f"of the input ({n} paragraphs); repair or move it away, or give another "
                               "--session PATH")
    model.engines.update(record.get("engines", {}))
    legacy = _legacy_engine(model, record)
    decisions = dict(record.get("decisions", {}))
    if decisions:
        model._set_decisions(decisions)
    for key, entry in record.get("segments", {}).items():
        seg = model.segments[int(key)]
        seg.approved = entry.get("approved", False)
        if "arabic" in entry:
            seg.arabic_edit = entry["arabic"]
        if "english" in entry:
            seg.english = entry["english"]
            seg.english_edited = entry.get("english_edited", False)
            seg.english_for = entry.get("english_for")
            seg.english_by = entry.get("english_by", legacy)
    model.history.clear()


def _legacy_engine(model: ReviewModel, record: dict[str, Any]) -> str | None:
    """English saved before sessions named its engine came from the model the session recorded."""
    if not any("english" in e and "english_by" not in e for e in record.get("segments", {}).values()):
        return None
    signature = record.get("signature", {})
    engine = {k: signature.get(k) for k in ("model", "revision", "engine")}
    return model.add_engine(engine)


def open_model(text: str, config: Config | None, record: dict[str, Any] | None = None,
               path: str | os.PathLike = "") -> ReviewModel:
    model = ReviewModel(text, config)
    if record is not None:
        restore(model, record, path)
    return model


@dataclass
class Opened:
    """A review opened from its input: the text read, the model with the session applied, and
    where the session is saved from now on."""

    source: Source
    model: ReviewModel
    session_path: Path
    loaded_from: Path | None  # the session file read (None: a new review)


def open_review(input_path: str, config: Config | None, session_path: str | os.PathLike | None = None) -> Opened:
    """Read the input and its session (the given path; else the default one, or the 0.1 name)."""
    if input_path == "-":
        raise UserError("review needs a file (its session is saved beside it), not standard input")
    source = read_input(input_path)
    path = Path(session_path) if session_path else default_session_path(input_path)
    read_from = path if path.exists() else None
    if read_from is None and not session_path and legacy_session_path(input_path).exists():
        read_from = legacy_session_path(input_path)
    record = load(read_from) if read_from is not None else None
    model = open_model(source.text, config, record, read_from or path)
    return Opened(source, model, path, read_from)
