"""Exports of a review: repaired Arabic, English (text, Markdown), a JSON report, XLIFF.

Built from the review model (or a session file replayed on its input), so the
app's export and ``qfix export SESSION`` write the same bytes. English text and
Markdown reuse ``qfix.export.translation``.

Files go beside the input, named after it with ``.qfix.`` inside
(``article.txt.qfix.ar.txt``, ...), which directory walks skip. The text formats
keep the input's encoding, BOM and CRLF line ends, as ``qfix fix`` does; JSON and
XLIFF are UTF-8. The files of one export are written all or nothing.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..export.translation import to_markdown, to_text
from ..io import OUTPUT_MARK, encode, write_files_atomic
from ..rules.base import REGISTRY
from ..translate.document import Paragraph, TranslatedDocument
from .model import english_of, review_signature
from .xliff import to_xliff

# name -> (file suffix, what it is)
FORMATS = {
    "arabic": (OUTPUT_MARK + "ar.txt", "the repaired Arabic, with the editor's decisions and edits"),
    "english": (OUTPUT_MARK + "en.txt", "the English, one line per paragraph"),
    "markdown": (OUTPUT_MARK + "en.md", "the English as Markdown"),
    "json": (OUTPUT_MARK + "review.json", "a report: every segment, its status, findings and decisions"),
    "xliff": (OUTPUT_MARK + "xlf", "XLIFF 1.2 for CAT tools"),
}
TEXT_FORMATS = ("arabic", "english", "markdown")  # in the input's encoding; the others are UTF-8


def english_document(model) -> TranslatedDocument:
    """The English of every kept segment (the editor's where edited) as a translated document."""
    paragraphs = [Paragraph(arabic=seg.arabic, english=english_of(seg))
                  for seg in model.segments if not seg.removed]
    return TranslatedDocument(paragraphs, {})


def missing_english(model) -> list[int]:
    """Segments with Arabic text but no English for it yet."""
    return [i for i, seg in enumerate(model.segments)
            if not seg.removed and seg.arabic.strip() and not english_of(seg)]


def report(model, input_name: str) -> dict[str, Any]:
    reviewed, total, open_issues = model.progress()
    segments = []
    for i, seg in enumerate(model.segments):
        segments.append({
            "index": i + 1,
            "status": model.status(i),
            "source": seg.source,
            "arabic": None if seg.removed else seg.arabic,
            "arabic_edited": seg.arabic_edit is not None,
            "english": english_of(seg),
            "english_edited": seg.english_edited,
            "english_model": _model_of(model, seg),
            "findings": [{
                "id": x.id, "code": x.code,
                "name": REGISTRY[x.code].name if x.code in REGISTRY else "",
                "message": x.finding.message,
                "applicability": x.finding.applicability.value,
                "applied": x.finding.applied,
                "decision": model.issue_state(x),
            } for x in seg.issues],
        })
    return {
        "input": input_name,
        "signature": review_signature(model),
        "progress": {"reviewed": reviewed, "segments": total, "open_issues": open_issues},
        "segments": segments,
    }


def _model_of(model, seg) -> str | None:
    """The model that made a segment's exported English (None for the editor's, or none)."""
    if seg.english_edited or not english_of(seg) or seg.english_by is None:
        return None
    return model.engines.get(seg.english_by, {}).get("model")


def render(model, fmt: str, input_name: str) -> str:
    if fmt == "arabic":
        return model.final_arabic()
    if fmt == "english":
        return to_text(english_document(model))
    if fmt == "markdown":
        return to_markdown(english_document(model))
    if fmt == "json":
        return json.dumps(report(model, input_name), ensure_ascii=False, indent=2) + "\n"
    if fmt == "xliff":
        return to_xliff(model, input_name)
    raise ValueError(f"unknown export format {fmt!r}")


def render_bytes(model, fmt: str, input_name: str, encoding: str = "utf-8") -> bytes:
    """A format as the bytes of its file: text formats in the input's encoding (BOM included) and
    with its CRLF line ends; JSON and XLIFF in UTF-8."""
    text = render(model, fmt, input_name)
    if fmt not in TEXT_FORMATS:
        return text.encode("utf-8")
    if fmt != "arabic" and "\r\n" in model.text:  # the Arabic keeps the input's own line ends
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return encode(text, encoding)


def write_exports(model, input_name: str, formats: Iterable[str], base: str | os.PathLike,
                  encoding: str = "utf-8") -> list[Path]:
    """Write the formats beside ``base``, all or nothing (``qfix.io.write_files_atomic``): every
    file is rendered and staged before any is renamed into place. Raises ``UserError``."""
    paths = export_paths(base, formats)
    files = [(path, render_bytes(model, fmt, input_name, encoding)) for fmt, path in paths.items()]
    write_files_atomic(files)
    return list(paths.values())


def export_paths(base: str | Path, formats) -> dict[str, Path]:
    """Where each format goes: the base path plus the format's suffix."""
    base = Path(base)
    return {fmt: base.with_name(base.name + FORMATS[fmt][0]) for fmt in formats}
