"""The session file: every decision of a review, saved atomically after each one.

JSON beside the input (``article.txt`` → ``article.txt.qfix-review.json``) unless a
path is given. It names the input and its SHA-256, so a session is never applied
to a changed file; it holds decisions by finding id, approvals, the editor's
Arabic and English, and the last machine English (so exports work without a
model). Written through a temporary file, fsync and rename: a crash or a kill
leaves either the old file or the new one, never half of one.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ..config import Config
from ..io import write_atomic
from .model import ReviewModel

SUFFIX = ".qfix-review.json"
VERSION = 1


class SessionError(ValueError):
    """A session file that cannot be used (the CLI turns it into one line and exit 2)."""


def default_session_path(input_path: str | os.PathLike) -> Path:
    p = Path(input_path)
    return p.with_name(p.name + SUFFIX)


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
    return entry


def _head(model: ReviewModel, input_path: str, encoding: str) -> dict[str, Any]:
    sha = getattr(model, "_sha256", None)
    if sha is None:  # the input never changes during a review
        sha = model._sha256 = digest(model.text)  # type: ignore[attr-defined]
    return {
        "qfix_review": VERSION,
        "input": str(input_path),
        "input_sha256": sha,
        "encoding": encoding,
        "signature": model.config.signature(),
        "decisions": dict(sorted(model.decisions.items())),
    }


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
        key = (seg.approved, seg.arabic_edit, seg.english, seg.english_edited, seg.english_for)
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
    path = Path(path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SessionError(f"{path}: no such session file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SessionError(f"{path}: not a qfix review session ({exc})") from None
    if not isinstance(record, dict) or record.get("qfix_review") != VERSION:
        raise SessionError(f"{path}: not a qfix review session (version {VERSION})")
    return record


def restore(model: ReviewModel, record: dict[str, Any], path: str | os.PathLike) -> None:
    """Apply a saved session to a freshly built model of the same input."""
    if record.get("input_sha256") != digest(model.text):
        raise SessionError(f"{path}: made for a different version of {record.get('input')}; "
                           "move it away or give another --session path")
    decisions = {str(k): bool(v) for k, v in record.get("decisions", {}).items()}
    if decisions:
        model._set_decisions(decisions)
    for key, entry in record.get("segments", {}).items():
        i = int(key)
        if not 0 <= i < len(model.segments):
            continue
        seg = model.segments[i]
        seg.approved = bool(entry.get("approved", False))
        if "arabic" in entry:
            seg.arabic_edit = entry["arabic"]
        if "english" in entry:
            seg.english = entry["english"]
            seg.english_edited = bool(entry.get("english_edited"))
            seg.english_for = entry.get("english_for")
    model.history.clear()


def open_model(text: str, config: Config, record: dict[str, Any] | None = None,
               path: str | os.PathLike = "") -> ReviewModel:
    model = ReviewModel(text, config)
    if record is not None:
        restore(model, record, path)
    return model
