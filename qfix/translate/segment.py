"""Cut the core's paragraphs into translation units (pure: no model, no IO).

The paragraphs, their quotes and their sentence ends are the repair core's
(``RepairResult.paragraphs`` of ``qfix.repair``, or of ``qfix.document`` for
text taken as it is): nothing here pairs a mark or looks for a sentence end
again, so translation reads a paragraph exactly as the rules did. Each
sentence is then read as one of the house-style shapes (CONVENTIONS.md):

    وقال X: «Q»، مضيفا أن T.     attribution before, optional trailing clause
    «Q»، بحسب X.                 attribution after (بحسب, وفقا لـ, حسبما, نقلا عن)
    «Q».                         a quote alone
    ... «phrase» ...             anything else: narrative with phrase quotes

A quote the core reads as never closed (its close mark is missing) or as closed
without an opening (the opening mark was lost at the paragraph's start) is a
phrase quote where it stands: it keeps only the marks the Arabic has, and no
attribution is moved around it, since where the quoted words end is not known.
A mark that belongs to no quote (a stray closing mark) is left out of the units:
no mark goes through the model.

Units are later cut into sentences under the model's token budget, at clause
boundaries when a sentence is too long, because OPUS-MT models are trained on
sentences and drop or repeat text on long inputs.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Union

from ..parse.chardata import SENTENCE_END
from ..parse.quotes import is_terminator
from .document import Paragraph, Part, Quote, Sentence, Unit

if TYPE_CHECKING:
    from ..parse.quotes import Quote as CoreQuote
    from ..result import ParagraphResult, RepairResult

ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06fc]")
# Words that open an attribution placed after the quote (house style).
AFTER_OPENERS = re.compile(r"^(بحسب|حسب|وفقا|وفقًا|وفقاً|حسبما|نقلا|نقلًا|نقلاً)(?![\u0620-\u064a])")
_END_BEFORE_SPACE = re.compile(f"[{re.escape(SENTENCE_END)}](?=\\s)")  # candidates; the core decides
_CLAUSE_CUT = re.compile(r"(?<=[\u060c,\u061b;:])\s+")


def segment_document(result: "RepairResult") -> list[Paragraph]:
    """The kept lines of a result as translation paragraphs; a removed line has none."""
    return [segment_paragraph(p) for p in result.paragraphs if p.text is not None]


class _Builder:
    """Accumulates the units and quotes of one paragraph."""

    def __init__(self, paragraph: Paragraph):
        self.p = paragraph

    def unit(self, kind: str, arabic: str, quote: int | None = None) -> Part:
        unit = Unit(len(self.p.units), kind, arabic, quote=quote)  # type: ignore[arg-type]
        self.p.units.append(unit)
        return ("unit", unit.id)

    def quote(self, kind: str, node: "_Node") -> Quote:
        q = node.quote
        quote = Quote(len(self.p.quotes), kind, q.depth, [], start=q.start, end=q.end,  # type: ignore[arg-type]
                      opened=q.open is not None, closed=q.close is not None)
        self.p.quotes.append(quote)
        return quote


class _Node:
    """A core quote with its inside as elements."""

    __slots__ = ("quote", "children")

    def __init__(self, quote: "CoreQuote", children: list["Element"]):
        self.quote, self.children = quote, children

    @property
    def whole(self) -> bool:
        return self.quote.open is not None and self.quote.close is not None


# An element of a run of text: a plain string, or a quote with its inside.
Element = Union[str, _Node]


def _text(text: str, lo: int, hi: int, stray: list[tuple[int, int]]) -> str:
    """``text[lo:hi]`` without the stray marks in it."""
    pieces, pos = [], lo
    for a, b in stray:
        if b <= pos or a >= hi:
            continue
        pieces.append(text[pos:a])
        pos = b
    pieces.append(text[pos:hi])
    return "".join(pieces)


def _elements(text: str, quotes: "list[CoreQuote]", lo: int, hi: int,
              stray: list[tuple[int, int]]) -> list[Element]:
    """The text between lo and hi as strings and the outermost of ``quotes`` (sorted by start,
    each within lo:hi), each with the quotes inside it."""
    out: list[Element] = []
    cursor, k = lo, 0
    while k < len(quotes):
        q = quotes[k]
        k += 1
        inner = []
        while k < len(quotes) and quotes[k].start < q.end:
            inner.append(quotes[k])
            k += 1
        if q.start > cursor:
            out.append(_text(text, cursor, q.start, stray))
        out.append(_Node(q, _elements(text, inner, q.content_start, q.content_end, stray)))
        cursor = q.end
    if cursor < hi:
        out.append(_text(text, cursor, hi, stray))
    return out


def sentence_spans(text: str, ends: list[int]) -> list[tuple[int, int]]:
    """The paragraph cut after each of the core's sentence ends (a run of them, ``?!``, is one
    end); the spans cover the whole text."""
    spans, start = [], 0
    ends_at = set(ends)
    for e in ends:
        if e + 1 in ends_at:
            continue
        spans.append((start, e + 1))
        start = e + 1
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


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


def _phrase(b: _Builder, node: _Node, kind: str) -> Part:
    quote = b.quote("phrase", node)
    quote.parts = _parts(b, node.children, kind, quote.id)
    return ("quote", quote.id)


def _direct(b: _Builder, node: _Node) -> Quote:
    quote = b.quote("direct", node)
    quote.parts = _parts(b, node.children, "quote", quote.id)
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


def _read_sentence(b: _Builder, sentence: list[Element], start: int, end: int) -> Sentence:
    quotes = [i for i, el in enumerate(sentence) if not isinstance(el, str)]
    if quotes and sentence[quotes[0]].whole:  # type: ignore[union-attr]
        i = quotes[0]
        node = sentence[i]
        assert isinstance(node, _Node)
        lead, rest = sentence[:i], sentence[i + 1:]
        lead_text = lead[-1].rstrip() if lead and isinstance(lead[-1], str) else ""
        rest_text = rest[0].lstrip() if rest and isinstance(rest[0], str) else ""
        if lead_text.endswith(":"):  # وقال X: «Q»، مضيفا ...
            quote = _direct(b, node)
            lead = lead[:-1] + [lead_text[:-1]]
            quote.attribution = _parts(b, lead, "attribution", quote.id)
            quote.position = "before"
            rest, final = _strip_end(rest)
            if rest and isinstance(rest[0], str):
                rest = [rest[0].lstrip().lstrip("\u060c,").lstrip()] + rest[1:]
            quote.trailing = _parts(b, rest, "trailing", quote.id)
            return Sentence("quote", [("quote", quote.id)], final, start, end)
        if not lead or (len(lead) == 1 and not lead_text.strip()):
            after = rest_text.lstrip("\u060c,").lstrip()
            if rest_text[:1] in ("\u060c", ",") and AFTER_OPENERS.match(after):  # «Q»، بحسب X.
                quote = _direct(b, node)
                rest, final = _strip_end([after] + rest[1:])
                quote.attribution = _parts(b, rest, "attribution", quote.id)
                quote.position = "after"
                return Sentence("quote", [("quote", quote.id)], final, start, end)
            rest, final = _strip_end(rest)
            if not rest:  # «Q».
                quote = _direct(b, node)
                return Sentence("quote", [("quote", quote.id)], final, start, end)
    return Sentence("narrative", _parts(b, sentence, "narrative", None), "", start, end)


def segment_paragraph(p: "ParagraphResult") -> Paragraph:
    """One kept paragraph of the core's result as sentences, units and quotes."""
    text = p.text if p.text is not None else p.source
    paragraph = Paragraph(text, index=p.index)
    pq = p.parse()
    quotes = sorted(pq.quotes, key=lambda q: (q.start, -q.end))
    own = {id(m) for q in quotes for m in (q.open, q.close) if m is not None}
    stray = [(m.start, m.end) for m in pq.marks if id(m) not in own]
    paragraph.unpaired = not pq.balanced
    b = _Builder(paragraph)
    k = 0
    for start, end in sentence_spans(text, p.sentence_ends):
        inside = []
        while k < len(quotes) and quotes[k].start < end:
            inside.append(quotes[k])
            k += 1
        elements = _elements(text, inside, start, end, stray)
        if any(not isinstance(e, str) or e.strip() for e in elements):
            paragraph.sentences.append(_read_sentence(b, elements, start, end))
    return paragraph


def needs_model(text: str) -> bool:
    """Only text with Arabic letters goes to the model; numbers and Latin pass through."""
    return bool(ARABIC_LETTER.search(text))


def estimate_tokens(text: str) -> int:
    """A cautious token count for engines without a tokenizer (about 3 characters a piece)."""
    return len(text) // 3 + 2


def sentences(text: str) -> list[str]:
    """A unit's text cut after each sentence end the core counts (``is_terminator``: not the
    point of ``د.`` or of ``2.5``) that a space follows; the spaces go."""
    out, start = [], 0
    for m in _END_BEFORE_SPACE.finditer(text):
        if is_terminator(text, m.start(), 0, len(text)):
            out.append(text[start:m.end()])
            start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def split_for_budget(text: str, budget: int, count: Callable[[str], int] = estimate_tokens) -> list[str]:
    """Sentences of text, each under budget tokens.

    An over-long sentence is cut at clause boundaries (، , ؛ ; :), packing
    clauses greedily; a clause still too long is cut between words.
    """
    pieces: list[str] = []
    for sentence in sentences(text):
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
