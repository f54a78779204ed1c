"""Exports of a review: repaired Arabic, English (text, Markdown), a JSON report, XLIFF.

Built from the review model (or a session file replayed on its input), so the
app's export and ``qfix export SESSION`` write the same bytes. English text and
Markdown reuse ``qfix.export.translation``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..export.translation import to_markdown, to_text
from ..rules.base import REGISTRY
from ..translate.document import Paragraph, TranslatedDocument
from .model import english_of
from .xliff import to_xliff

# name -> (file suffix, what it is)
FORMATS = {
    "arabic": (".reviewed.txt", "the repaired Arabic, with the editor's decisions and edits"),
    "english": (".en.txt", "the English, one line per paragraph"),
    "markdown": (".en.md", "the English as Markdown"),
    "json": (".review.json", "a report: every segment, its status, findings and decisions"),
    "xliff": (".xlf", "XLIFF 1.2 for CAT tools"),
}


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
        "signature": model.config.signature(),
        "progress": {"reviewed": reviewed, "segments": total, "open_issues": open_issues},
        "segments": segments,
    }


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


def export_paths(base: str | Path, formats) -> dict[str, Path]:
    """Where each format goes: the base path plus the format's suffix."""
    base = Path(base)
    return {fmt: base.with_name(base.name + FORMATS[fmt][0]) for fmt in formats}
