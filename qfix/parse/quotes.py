"""Find quotation marks in one paragraph and pair them.

Machine-translated Arabic reverses, doubles, straightens and garbles marks,
so a glyph says little about its role. A mark's role comes from what flanks
it (CommonMark's left/right-flanking idea): a mark glued to the word after it
opens, one glued to the word before it closes; marks that are glued on both
sides or padded on both sides take the role the pairing stack needs. Bidi
control characters are transparent to all of this.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Callable

import re

from .chardata import (ARABIC_QUESTION, BIDI_CONTROLS, COMMAS, QUOTE_MARKS, SENTENCE_END, SINGLE_MARKS,
                       STRAIGHT_SINGLE)

_M = re.escape(QUOTE_MARKS)
_B = re.escape(BIDI_CONTROLS)
# A comma caught between two marks (“،” ",” ”،“): English `," he said` gone wrong.
# The same glyph twice (““ »» ''): doubled marks.
# One leading mark, so the engine only stops at marks; then a cluster or a double, if any.
_TOKEN = re.compile(rf"([{_M}])(?:([{_B}]*[{re.escape(COMMAS)}][{_B}]*[{_M}])|([{_B}]*\1))?")
HAS_MARK = re.compile(rf"[{_M}]")
_BIDI_RE = re.compile(f"[{re.escape(BIDI_CONTROLS)}]")
_TERMINATOR = re.compile(f"[{re.escape(SENTENCE_END)}]")
_GAP = frozenset(" \t\u00a0\u2009\u202f" + BIDI_CONTROLS)
_LATIN = re.compile(r"[A-Za-z]")
_OPEN_CONTEXT = set("([{:/\u2014\u2013-") | set(QUOTE_MARKS)
_CLOSE_CONTEXT = set(".,;:!?)]}/\u2014\u2013-") | set(COMMAS) | {ARABIC_QUESTION, "\u061b"} | set(QUOTE_MARKS)
_SINGLE_FAMILY = set(SINGLE_MARKS + STRAIGHT_SINGLE)


_BIDI = frozenset(BIDI_CONTROLS)
_CLOSE_PUNCT = frozenset(_CLOSE_CONTEXT - set(QUOTE_MARKS))
_OPEN_CTX = frozenset(_OPEN_CONTEXT)
_CLOSE_CTX = frozenset(_CLOSE_CONTEXT)
_BRACKETS = frozenset("([{")
# Proclitics that stay glued to the quote they introduce: و ف (conjunctions), ب ل ك
# (prepositions), alone or combined (وب، فل), with an optional tatweel (بـ«).
_PROCLITIC = re.compile(r"(?:^|(?<=[\s(\[{:\u060c,]))[\u0648\u0641]?[\u0628\u0644\u0643]?\u0640?$")


def proclitic_before(text: str, pos: int, lo: int = 0) -> bool:
    """Whether ``text[lo:pos]`` ends in a proclitic word (و، ف، ب، ل، ك, وب, بـ …) glued to ``pos``."""
    k = max(lo, pos - 3)
    m = _PROCLITIC.search(text, k, pos)
    if m is None or m.start() == m.end():
        return False
    start = m.start()
    return start == lo or not (text[start - 1].isalnum() or text[start - 1] == "\u0640")


@dataclass(slots=True)
class Mark:
    """A mark token: one glyph, a doubled glyph, or a garbled cluster."""

    start: int
    end: int
    text: str
    kind: str  # "single" | "double" | "cluster"
    family: str  # "double" | "single" (of the quote it belongs to)
    role: str = ""  # "open" | "close" | "" (apostrophe or ignored)
    prev: str = ""  # neighbouring characters, bidi controls skipped
    next: str = ""
    prev_pos: int = 0  # offset just after the previous visible character
    next_pos: int = 0  # offset of the next visible character
    proclitic: bool = False  # glued after a one-letter word that attaches (و«, ب«, لـ«)


@dataclass(slots=True)
class Quote:
    open: Mark | None  # None: the opening mark was lost (paragraph start)
    close: Mark | None  # None: never closed in this paragraph
    depth: int
    content_start: int
    content_end: int
    children: list["Quote"] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.open.start if self.open else self.content_start

    @property
    def end(self) -> int:
        return self.close.end if self.close else self.content_end


@dataclass
class ParagraphQuotes:
    """The quote structure of the paragraph ``text[start:end]``."""

    text: str
    start: int
    end: int
    marks: list[Mark]
    quotes: list[Quote]  # every quote, in order of its start
    orphan_closes: list[Mark]  # double-family closes with no opening mark before them
    top_level: list[Quote] = field(default_factory=list)
    _sentence_ends: list[int] | None = None
    _starts: list[int] | None = None
    _ends: list[int] | None = None

    def __post_init__(self) -> None:
        self.top_level = [q for q in self.quotes if q.depth == 0]

    @property
    def has_bidi(self) -> bool:
        """Whether a bidi control touches some mark (through spaces)."""
        text = self.text
        if not _BIDI_RE.search(text, self.start, self.end):
            return False
        for m in self.marks:
            lo, hi = m.start, m.end
            while lo > self.start and text[lo - 1] in _GAP:
                lo -= 1
            while hi < self.end and text[hi] in _GAP:
                hi += 1
            if any(c in _BIDI for c in text[lo:m.start]) or any(c in _BIDI for c in text[m.end:hi]):
                return True
        return False

    @property
    def balanced(self) -> bool:
        return not self.orphan_closes and all(
            q.open is not None and q.close is not None for q in self.quotes)

    def inside_quote(self, pos: int) -> bool:
        starts, ends = self._starts, self._ends
        if starts is None or ends is None:
            spans = sorted((q.start, q.end) for q in self.top_level)
            starts, ends = [a for a, _ in spans], [b for _, b in spans]
            self._starts, self._ends = starts, ends
        k = bisect.bisect_left(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    @property
    def sentence_ends(self) -> list[int]:
        """Offsets of the terminators (. ! ? ؟) that stand outside every quote."""
        if self._sentence_ends is None:
            self._sentence_ends = [m.start() for m in _TERMINATOR.finditer(self.text, self.start, self.end)
                                   if is_terminator(self.text, m.start(), self.start, self.end)
                                   and not self.inside_quote(m.start())]
        return self._sentence_ends

    def starts_sentence(self, pos: int) -> bool:
        """Only spaces and bidi controls between the sentence's start and ``pos`` (``pos`` being
        outside every quote, the terminator reached is outside them too)."""
        text = self.text
        i = pos - 1
        while i >= self.start and text[i] in _GAP:
            i -= 1
        return i < self.start or is_terminator(text, i, self.start, self.end)

    def sentence_end(self, pos: int, hi: int) -> int:
        ends = self.sentence_ends
        k = bisect.bisect_left(ends, pos)
        return ends[k] if k < len(ends) and ends[k] < hi else hi


def tokenize(text: str, lo: int, hi: int) -> list[Mark]:
    marks: list[Mark] = []
    for m in _TOKEN.finditer(text, lo, hi):
        start, end = m.span()
        token = m.group()
        kind = "cluster" if m.group(2) else "double" if m.group(3) else "single"
        glyph = token[0]
        family = "single" if glyph in _SINGLE_FAMILY and kind != "cluster" else "double"
        # neighbours, bidi controls skipped
        i = start - 1
        while i >= lo and text[i] in _BIDI:
            i -= 1
        j = end
        while j < hi and text[j] in _BIDI:
            j += 1
        prev = text[i] if i >= lo else ""
        nxt = text[j] if j < hi else ""
        if family == "single":
            if _LATIN.match(prev or " ") and _LATIN.match(nxt or " "):
                continue  # an apostrophe inside a Latin word (don't, Reuters')
            if glyph == STRAIGHT_SINGLE and kind == "single" and prev and not prev.isspace() \
                    and nxt and not nxt.isspace() and prev not in _OPEN_CTX and nxt not in _CLOSE_CTX \
                    and (_LATIN.match(prev) or _LATIN.match(nxt) or prev.isdigit() or nxt.isdigit()):
                continue  # a straight apostrophe glued inside a Latin word or a number (McDonald's, 80's);
                # Arabic has no apostrophe, so between Arabic letters it is a mark (تدابير'عاجلة'للحد)
        mark = Mark(start, end, token, kind, family, "", prev, nxt, i + 1, j)
        if prev and prev in _PROCLITIC_LETTERS and proclitic_before(text, i + 1, lo):
            mark.proclitic = True
        marks.append(mark)
    return marks


_PROCLITIC_LETTERS = frozenset("\u0648\u0641\u0628\u0644\u0643\u0640")


def _flanking(mark: Mark) -> tuple[bool, bool]:
    prev, nxt = mark.prev, mark.next
    prev_space = prev == "" or prev.isspace() or mark.proclitic
    next_space = nxt == "" or nxt.isspace()
    can_open = not next_space and nxt not in _CLOSE_PUNCT and (prev_space or prev in _OPEN_CTX)
    can_close = not prev_space and prev not in _BRACKETS and (next_space or nxt in _CLOSE_CTX)
    if prev_space and not mark.proclitic and (nxt == "" or nxt in _CLOSE_PUNCT):
        can_close = True  # `ويدفعونهم ".`: nothing follows to be quoted, so the mark closes
    return can_open, can_close


def parse_paragraph(text: str, start: int, end: int,
                    closes: Callable[[Mark], bool] | None = None) -> ParagraphQuotes:
    """Pair the marks of ``text[start:end]`` with a stack, roles from flanking.

    ``closes(mark)`` reads a mark by its words: True when what surrounds it says it closes a
    quote whatever its spacing (`… في الأرض ، "قال غلين.`: a comma before, an attribution
    after). It is asked only about the opening marks of quotes that never close, so a
    paragraph whose marks pair up is never read differently."""
    pq = _pair(text, start, end, frozenset())
    if closes is not None and not pq.balanced:
        forced = frozenset(q.open.start for q in pq.quotes
                           if q.open is not None and q.close is None and closes(q.open))
        if forced:
            pq = _pair(text, start, end, forced)
    return pq


def _pair(text: str, start: int, end: int, forced: frozenset[int]) -> ParagraphQuotes:
    """One pairing; marks at the offsets in ``forced`` are closing marks."""
    marks = _split_nested_doubles(tokenize(text, start, end))
    stack: list[Quote] = []
    quotes: list[Quote] = []
    orphan_closes: list[Mark] = []

    def push(mark: Mark) -> None:
        mark.role = "open"
        q = Quote(mark, None, len(stack), mark.end, end)
        if stack:
            stack[-1].children.append(q)
        stack.append(q)
        quotes.append(q)

    def close(mark: Mark) -> bool:
        # a close pairs with the nearest open of its own family; opens above it stay open
        for k in range(len(stack) - 1, -1, -1):
            opener = stack[k].open
            if opener is not None and opener.family == mark.family:
                for orphan in stack[k + 1:]:
                    orphan.content_end = mark.start
                q = stack[k]
                del stack[k:]
                q.close = mark
                q.content_end = mark.start
                mark.role = "close"
                return True
        return False

    for mark in marks:
        if mark.kind == "cluster" or mark.start in forced:
            can_open, can_close = False, True
        else:
            can_open, can_close = _flanking(mark)
        if can_open and not can_close:
            push(mark)
        elif can_close and not can_open:
            if not close(mark) and mark.family == "double":
                mark.role = "close"
                if not any(q.start < mark.start for q in quotes):
                    # the opening mark was lost at the paragraph's start
                    q = Quote(None, mark, 0, start, mark.start)
                    quotes.append(q)
                orphan_closes.append(mark)
        else:  # glued or padded on both sides: the stack decides
            has_family_open = any(q.open is not None and q.open.family == mark.family for q in stack)
            if has_family_open:
                close(mark)
            else:
                push(mark)
    quotes.sort(key=lambda q: q.start)
    _set_depths(quotes)
    return ParagraphQuotes(text, start, end, marks, quotes, orphan_closes)


def _split_nested_doubles(marks: list[Mark]) -> list[Mark]:
    """`«أ «ب»»`: a doubled closing glyph that ends two nested quotes opened one glyph at a
    time is two closing marks, not one doubled mark."""
    if not any(m.kind == "double" for m in marks):
        return marks
    out: list[Mark] = []
    opened: list[Mark] = []  # single-glyph opening candidates, by flanking only
    for m in marks:
        if m.kind == "single":
            can_open, can_close = _flanking(m)
            if can_open and not can_close:
                opened.append(m)
            elif can_close and opened:
                opened.pop()
        elif m.kind == "double" and len(opened) >= 2 and _flanking(m)[1] and not _flanking(m)[0]:
            mid = m.start + 1
            while m.text[mid - m.start] in _BIDI:
                mid += 1
            first = Mark(m.start, m.start + 1, m.text[0], "single", m.family, "", m.prev, m.text[-1],
                         m.prev_pos, mid)
            second = Mark(mid, m.end, m.text[mid - m.start:], "single", m.family, "", m.text[0], m.next,
                          m.start + 1, m.next_pos)
            out.extend((first, second))
            opened.pop()
            opened.pop()
            continue
        out.append(m)
    return out


def _set_depths(quotes: list[Quote]) -> None:
    """Depth from actual containment (a lost-open quote contains what lies before its close)."""
    for q in quotes:
        q.depth = sum(1 for other in quotes if other is not q
                      and other.start <= q.start and q.end <= other.end
                      and (other.start, -other.end) < (q.start, -q.end))


def sentence_end(text: str, pos: int, hi: int, pq: ParagraphQuotes | None = None) -> int:
    """Offset of the first terminator at or after ``pos`` (outside quotes when ``pq`` is given), or ``hi``."""
    if pq is not None:
        return pq.sentence_end(pos, hi)
    for m in _TERMINATOR.finditer(text, pos, hi):
        if is_terminator(text, m.start(), 0, hi):
            return m.start()
    return hi


def is_terminator(text: str, i: int, lo: int, hi: int) -> bool:
    """Whether ``text[i]`` ends a sentence: . ! ? ؟ — but not the point of ``2.5`` nor the
    one after a one-letter abbreviation (``د. أحمد``, ``U.S.``)."""
    ch = text[i]
    if ch not in SENTENCE_END:
        return False
    if ch != ".":
        return True
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < hi else ""
    if prev.isdigit() and nxt.isdigit():
        return False
    one_letter_word = prev.isalpha() and (i - 1 == lo or not text[i - 2].isalpha())
    if one_letter_word and nxt == " " and i + 2 < hi:
        return False
    return True
