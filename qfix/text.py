"""The document model: paragraphs (lines) as spans of one string.

Offsets are code points into the text exactly as read (after BOM removal);
line terminators (``\\n`` or ``\\r\\n``) belong to no paragraph, so CRLF text
is repaired without being normalised.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

import re

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06fc]")


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    start: int
    end: int  # excludes the line terminator (and a CR before LF)


def paragraphs(text: str) -> list[Paragraph]:
    """Each line of ``text`` as a span; a trailing newline makes no extra paragraph."""
    out: list[Paragraph] = []
    pos = 0
    n = len(text)
    index = 0
    while pos < n or (pos == 0 and n == 0):
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        content_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append(Paragraph(index, pos, content_end))
        index += 1
        if nl < 0:
            break
        pos = nl + 1
    return out


def has_arabic(s: str) -> bool:
    return _ARABIC_LETTER.search(s) is not None


class LineIndex:
    """Offset -> (line, column), both 1-based, columns in code points."""

    def __init__(self, text: str):
        self._starts = [0]
        find = text.find
        pos = find("\n")
        while pos >= 0:
            self._starts.append(pos + 1)
            pos = find("\n", pos + 1)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
