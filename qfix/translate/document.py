"""The translated document model: paragraphs → sentences → units and quotes.

A *unit* is the smallest text that goes through the model (a narrative run, the
inside of a quote, an attribution or a trailing clause); a *quote* links its
words to its attribution, so English can be assembled in English order without
a quote mark ever passing through the model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

UnitKind = Literal["narrative", "quote", "phrase", "attribution", "trailing"]
# A part of a sentence, quote or clause: ("unit", unit id) or ("quote", quote id).
Part = tuple[str, int]


@dataclass
class Unit:
    id: int
    kind: UnitKind
    arabic: str
    english: str = ""
    quote: int | None = None  # quote it is inside of (quote, phrase) or attributes (attribution, trailing)


@dataclass
class Quote:
    id: int
    kind: Literal["direct", "phrase"]
    depth: int  # 0: primary marks, 1: nested marks, ...
    parts: list[Part]  # the quoted words
    attribution: list[Part] = field(default_factory=list)
    position: Literal["before", "after"] | None = None  # where the attribution stood in Arabic
    trailing: list[Part] = field(default_factory=list)  # ", adding that ..." after the attribution


@dataclass
class Sentence:
    kind: Literal["narrative", "quote"]
    parts: list[Part]  # narrative: its runs and phrase quotes; quote: [("quote", id)]
    end: str = ""  # Arabic final punctuation of a quote sentence


@dataclass
class Paragraph:
    arabic: str
    sentences: list[Sentence] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    unpaired: bool = False  # quote marks did not pair up: marks dropped, text kept
    english: str = ""


@dataclass
class TranslatedDocument:
    paragraphs: list[Paragraph]
    signature: dict[str, Any]
    stats: dict[str, Any] = field(default_factory=dict)

    def units(self):
        """Every unit with its paragraph index, in reading order."""
        for p_index, paragraph in enumerate(self.paragraphs):
            for unit in paragraph.units:
                yield p_index, unit
