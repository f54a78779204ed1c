"""The translated document model: paragraphs → sentences → units and quotes.

Built on the repair core's document model (``segment.py``): a translated paragraph
is one kept line of ``RepairResult.paragraphs``, its quotes are the core's quotes
(same spans and depths) and its sentences end at the core's sentence ends.

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
    start: int = 0  # the core's quote in the paragraph's text: its marks' span
    end: int = 0
    opened: bool = True  # False: the opening mark was lost (the English has no opening mark either)
    closed: bool = True  # False: never closed in its paragraph (nor is it in English)


@dataclass
class Sentence:
    kind: Literal["narrative", "quote"]
    parts: list[Part]  # narrative: its runs and phrase quotes; quote: [("quote", id)]
    end: str = ""  # Arabic final punctuation of a quote sentence
    start: int = 0  # its span in the paragraph's text, cut after the core's sentence ends
    stop: int = 0


@dataclass
class Paragraph:
    arabic: str
    sentences: list[Sentence] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    unpaired: bool = False  # the core reads a quote without its opening or closing mark
    english: str = ""
    index: int = -1  # the paragraph (input line) of the repair result it translates


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
