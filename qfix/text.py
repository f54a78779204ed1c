"""Small text helpers: whether a text holds Arabic, and an offset as line and column.

The document model (paragraphs and what the repair did to each) is ``qfix.result``.
"""
from __future__ import annotations

import bisect

import re

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06fc]")


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
