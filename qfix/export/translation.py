"""English output formats: text, markdown, json (with the reproducibility signature)."""
from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from ..translate.document import TranslatedDocument

FORMATS = ("text", "markdown", "json")
_MD_LEADING = re.compile(r"^([#>*+\-]|\d+[.)])(?=\s)")


def to_text(doc: TranslatedDocument) -> str:
    """One line per paragraph, blank lines kept: the layout of the Arabic."""
    return "\n".join(p.english for p in doc.paragraphs) + "\n"


def to_markdown(doc: TranslatedDocument) -> str:
    """The first paragraph as a heading, the rest as paragraphs."""
    blocks = [p.english for p in doc.paragraphs if p.english.strip()]
    if not blocks:
        return ""
    escape = [_MD_LEADING.sub(r"\\\1", b) for b in blocks]
    return "# " + escape[0] + "\n\n" + "".join(b + "\n\n" for b in escape[1:]).rstrip("\n") + "\n"


def document_record(doc: TranslatedDocument) -> dict[str, Any]:
    """Per paragraph and unit: Arabic, English, kinds and quote/attribution links."""
    return {
        "stats": doc.stats,
        "paragraphs": [{
            "arabic": p.arabic,
            "english": p.english,
            "unpaired_quotes": p.unpaired,
            "sentences": [asdict(s) for s in p.sentences],
            "units": [asdict(u) for u in p.units],
            "quotes": [asdict(q) for q in p.quotes],
        } for p in doc.paragraphs],
    }


def to_json(docs: list[tuple[str, TranslatedDocument]], signature: dict[str, Any]) -> str:
    """One JSON object for all inputs: the shared signature, then each document by its name."""
    payload = {"signature": signature,
               "documents": [{"name": name, **document_record(doc)} for name, doc in docs]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
