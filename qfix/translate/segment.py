"""Cut repaired Arabic into translation units (pure: no model, no IO).

Quote marks are paired per paragraph with the configured style; each sentence
is then read as one of the house-style shapes (CONVENTIONS.md):

    وقال X: «Q»، مضيفا أن T.     attribution before, optional trailing clause
    «Q»، بحسب X.                 attribution after (بحسب, وفقا لـ, حسبما, نقلا عن)
    «Q».                         a quote alone
    ... «phrase» ...             anything else: narrative with phrase quotes

Units are later cut into sentences under the model's token budget, at clause
boundaries when a sentence is too long, because OPUS-MT models are trained on
sentences and drop or repeat text on long inputs.
"""
from __future__ import annotations

import re
from typing import Callable, Union

from ..parse.chardata import QUOTE_MARKS, quote_marks
from .document import Paragraph, Part, Quote, Sentence, Unit

ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06fc]")
SENTENCE_END = ".!?\u061f"  # . ! ? ؟
# Words that open an attribution placed after the quote (house style).
AFTER_OPENERS = re.compile(r"^(بحسب|حسب|وفقا|وفقًا|وفقاً|حسبما|نقلا|نقلًا|نقلاً)(?![\u0620-\u064a])")
_SENTENCE_CUT = re.compile(r"(?<=[.!?\u061f])\s+")
_CLAUSE_CUT = re.compile(r"(?<=[\u060c,\u061b;:])\s+")


class _Q:
    """A paired quote while parsing: where it opens and closes, and its depth."""

    def __init__(self, start: int, depth: int):
        self.start, self.depth, self.end = start, depth, -1


def pair_quotes(text: str, style: str = "«»") -> list[tuple[int, int, int]] | None:
    """(open index, close index, depth) of every quote, or None if the marks do not pair.

    Nested marks at the top level open a quote too, so unrepaired text that uses
    “…” still pairs; marks that are the same for opening and closing toggle.
    """
    o, c, no, nc = quote_marks(style)
    stack: list[tuple[str, _Q]] = []
    found: list[_Q] = []
    for i, ch in enumerate(text):
        top = stack[-1][0] if stack else None
        if ch == c and top == "p":
            stack.pop()[1].end = i
        elif ch == nc and top == "n":
            stack.pop()[1].end = i
        elif ch == o:
            if top == "n" and o == c:
                return None
            q = _Q(i, len(stack))
            found.append(q)
            stack.append(("p", q))
        elif ch == no:
            q = _Q(i, len(stack))
            found.append(q)
            stack.append(("n", q))
        elif ch in (c, nc):
            return None
    if stack:
        return None
    return [(q.start, q.end, q.depth) for q in found]


class _Builder:
    """Accumulates the units and quotes of one paragraph."""

    def __init__(self, paragraph: Paragraph):
        self.p = paragraph

    def unit(self, kind: str, arabic: str, quote: int | None = None) -> Part:
        unit = Unit(len(self.p.units), kind, arabic, quote=quote)  # type: ignore[arg-type]
        self.p.units.append(unit)
        return ("unit", unit.id)

    def quote(self, kind: str, depth: int) -> Quote:
        quote = Quote(len(self.p.quotes), kind, depth, [])  # type: ignore[arg-type]
        self.p.quotes.append(quote)
        return quote


# An element of a run of text: a plain string, or a paired quote (start, end, depth, children).
Element = Union[str, tuple]


def _elements(text: str, spans: list[tuple[int, int, int]], lo: int, hi: int, depth: int) -> list[Element]:
    """The text between lo and hi as strings and quotes of the given depth (with their insides)."""
    out: list[Element] = []
    cursor = lo
    for start, end, d in spans:
        if d != depth or start < lo or end > hi:
            continue
        if start > cursor:
            out.append(text[cursor:start])
        out.append((start, end, d, _elements(text, spans, start + 1, end, depth + 1)))
        cursor = end + 1
    if cursor < hi:
        out.append(text[cursor:hi])
    return out


def _sentences(elements: list[Element]) -> list[list[Element]]:
    """Group elements into sentences, cutting text at . ! ? ؟ followed by space."""
    sentences: list[list[Element]] = [[]]
    for el in elements:
        if not isinstance(el, str):
            sentences[-1].append(el)
            continue
        pieces = _SENTENCE_CUT.split(el)
        for k, piece in enumerate(pieces):
            if k:
                sentences.append([])
            if piece:
                sentences[-1].append(piece)
    return [s for s in sentences if any(not isinstance(e, str) or e.strip() for e in s)]


def _parts(b: _Builder, elements: list[Element], kind: str, owner: int | None) -> list[Part]:
    """Units for the text runs, phrase quotes for the quotes (recursively)."""
    parts: list[Part] = []
    for el in elements:
        if isinstance(el, str):
            if el.strip():
                parts.append(b.unit(kind, el.strip(), owner))
        else:
            parts.append(_phrase(b, el, "phrase"))
    return parts


def _phrase(b: _Builder, el: tuple, kind: str) -> Part:
    start, end, depth, children = el
    quote = b.quote("phrase", depth)
    quote.parts = _parts(b, children, kind, quote.id)
    return ("quote", quote.id)


def _direct(b: _Builder, el: tuple) -> Quote:
    start, end, depth, children = el
    quote = b.quote("direct", depth)
    quote.parts = _parts(b, children, "quote", quote.id)
    return quote


def _strip_end(elements: list[Element]) -> tuple[list[Element], str]:
    """Drop the sentence's final punctuation from its last text element."""
    if elements and isinstance(elements[-1], str):
        stripped = elements[-1].rstrip()
        end = ""
        if stripped and stripped[-1] in SENTENCE_END:
            end, stripped = stripped[-1], stripped[:-1]
        return (elements[:-1] + [stripped] if stripped.strip() else elements[:-1]), end
    return elements, ""


def _read_sentence(b: _Builder, sentence: list[Element]) -> Sentence:
    quotes = [i for i, el in enumerate(sentence) if not isinstance(el, str)]
    if quotes:
        i = quotes[0]
        lead, rest = sentence[:i], sentence[i + 1:]
        lead_text = lead[-1].rstrip() if lead and isinstance(lead[-1], str) else ""
        rest_text = rest[0].lstrip() if rest and isinstance(rest[0], str) else ""
        if lead_text.endswith(":"):  # وقال X: «Q»، مضيفا ...
            quote = _direct(b, sentence[i])
            lead = lead[:-1] + [lead_text[:-1]]
            quote.attribution = _parts(b, lead, "attribution", quote.id)
            quote.position = "before"
            rest, end = _strip_end(rest)
            if rest and isinstance(rest[0], str):
                rest = [rest[0].lstrip().lstrip("\u060c,").lstrip()] + rest[1:]
            quote.trailing = _parts(b, rest, "trailing", quote.id)
            return Sentence("quote", [("quote", quote.id)], end)
        if not lead or (len(lead) == 1 and not lead_text.strip()):
            after = rest_text.lstrip("\u060c,").lstrip()
            if rest_text[:1] in ("\u060c", ",") and AFTER_OPENERS.match(after):  # «Q»، بحسب X.
                quote = _direct(b, sentence[i])
                rest, end = _strip_end([after] + rest[1:])
                quote.attribution = _parts(b, rest, "attribution", quote.id)
                quote.position = "after"
                return Sentence("quote", [("quote", quote.id)], end)
            rest, end = _strip_end(rest)
            if not rest:  # «Q».
                quote = _direct(b, sentence[i])
                return Sentence("quote", [("quote", quote.id)], end)
    return Sentence("narrative", _parts(b, sentence, "narrative", None))


def segment_paragraph(text: str, style: str = "«»") -> Paragraph:
    """One paragraph (a line) of repaired Arabic as sentences, units and quotes."""
    paragraph = Paragraph(text)
    b = _Builder(paragraph)
    spans = pair_quotes(text, style)
    if spans is None:
        paragraph.unpaired = True
        text = re.sub(f"[{re.escape(QUOTE_MARKS)}]", "", text)
        spans = []
    for sentence in _sentences(_elements(text, spans, 0, len(text), 0)):
        paragraph.sentences.append(_read_sentence(b, sentence))
    return paragraph


def segment_document(text: str, style: str = "«»") -> list[Paragraph]:
    """Paragraphs are lines; blank lines stay as empty paragraphs so layout survives."""
    return [segment_paragraph(line, style) for line in text.splitlines()]


def needs_model(text: str) -> bool:
    """Only text with Arabic letters goes to the model; numbers and Latin pass through."""
    return bool(ARABIC_LETTER.search(text))


def estimate_tokens(text: str) -> int:
    """A cautious token count for engines without a tokenizer (about 3 characters a piece)."""
    return len(text) // 3 + 2


def split_for_budget(text: str, budget: int, count: Callable[[str], int] = estimate_tokens) -> list[str]:
    """Sentences of text, each under budget tokens.

    An over-long sentence is cut at clause boundaries (، , ؛ ; :), packing
    clauses greedily; a clause still too long is cut between words.
    """
    pieces: list[str] = []
    for sentence in _SENTENCE_CUT.split(text.strip()):
        if not sentence:
            continue
        if count(sentence) <= budget:
            pieces.append(sentence)
            continue
        for clause in _pack(_CLAUSE_CUT.split(sentence), budget, count):
            if count(clause) <= budget:
                pieces.append(clause)
            else:
                pieces.extend(_pack(clause.split(), budget, count))
    return pieces


def _pack(chunks: list[str], budget: int, count: Callable[[str], int]) -> list[str]:
    """Join neighbouring chunks with spaces while the sum of their counts fits the budget."""
    out: list[str] = []
    current: list[str] = []
    used = 0
    for chunk in chunks:
        n = count(chunk)
        if current and used + n > budget:
            out.append(" ".join(current))
            current, used = [], 0
        current.append(chunk)
        used += n
    if current:
        out.append(" ".join(current))
    return out
