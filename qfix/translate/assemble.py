"""Assemble English from translated units: quotes in English order and marks.

The model never sees a quote mark; here each quote gets its marks back, an
attributed quote reads “…,” <attribution>. and a phrase quote sits inside its
sentence between the translated runs around it.
"""
from __future__ import annotations

import re

from .document import Paragraph, Part, Quote

# English marks: (open, close, nested open, nested close).
EN_QUOTES = {"curly": ("\u201c", "\u201d", "\u2018", "\u2019"), "straight": ('"', '"', "'", "'")}
# Marks a model may emit; removed from its output because every real mark is placed here.
# (’ stays: it is the apostrophe.)
MODEL_MARKS = re.compile("[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u201a\u201b\u2033\u301d\u301e]")
AR_TO_EN_PUNCT = str.maketrans({"\u060c": ",", "\u061b": ";", "\u061f": "?", "\u066a": "%"})
FINAL_PUNCT = ".,;:?!"
# Words that open a clause but not a name: lower-cased when the clause follows a quote.
FUNCTION_WORDS = frozenset(
    "a an the and but or of in on at to for from with by as that which who whom whose this these those "
    "according adding noting saying stressing pointing warning calling referring he she they we it his her "
    "their its our some many most one several towards toward into about over under after before during "
    "against between through without within since until while when where if than not no so also then "
    "there is are was were has have had will would can could may might should must".split())


def clean_model_output(text: str) -> str:
    """The model's words without any quote mark it made up, spaces collapsed."""
    return " ".join(MODEL_MARKS.sub("", text).split())


def pass_through(arabic: str) -> str:
    """Text with no Arabic letters (numbers, Latin, punctuation) is kept, Arabic punctuation mapped."""
    return arabic.translate(AR_TO_EN_PUNCT)


def match_final_punct(english: str, arabic: str) -> str:
    """Give a fragment the final punctuation its Arabic had (models add full stops to fragments)."""
    english = english.rstrip()
    if english.endswith(("?", "!")) and arabic.rstrip()[-1:] not in ("\u061f", "?", "!"):
        return english  # a question or exclamation the model read into the words stays
    core = english.rstrip(FINAL_PUNCT + " ")
    tail = arabic.rstrip()[-1:].translate(AR_TO_EN_PUNCT)
    return core + tail if tail and tail in FINAL_PUNCT else core


def lower_first(text: str) -> str:
    """Lower-case a clause's first word when it is a function word ("The coach said" → "the coach said")."""
    first, _, rest = text.partition(" ")
    if first.lower() in FUNCTION_WORDS:
        return first.lower() + (" " + rest if rest else "")
    return text


def _join(pieces: list[str]) -> str:
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out and not piece[0] in FINAL_PUNCT:
            out += " "
        out += piece
    return out


class EnglishRenderer:
    """Renders a translated paragraph; marks chosen by name (curly or straight)."""

    def __init__(self, marks: str = "curly"):
        self.marks = EN_QUOTES[marks]

    def paragraph(self, p: Paragraph) -> str:
        out = []
        for sentence in p.sentences:
            if sentence.kind == "narrative":
                out.append(self.parts(p, sentence.parts))
            else:
                out.append(self.direct(p, p.quotes[sentence.parts[0][1]], sentence.end))
        return _join(out)

    def parts(self, p: Paragraph, parts: list[Part], *, clause: bool = False) -> str:
        """Runs and phrase quotes of one sentence or clause, in their Arabic order."""
        pieces = []
        for k, (what, index) in enumerate(parts):
            if what == "quote":
                pieces.append(self.phrase(p, p.quotes[index]))
                continue
            unit = p.units[index]
            english = match_final_punct(unit.english, unit.arabic)
            if k or clause:
                english = lower_first(english)
            pieces.append(english)
        return _join(pieces)

    def _marks(self, depth: int) -> tuple[str, str]:
        return (self.marks[0], self.marks[1]) if depth % 2 == 0 else (self.marks[2], self.marks[3])

    def phrase(self, p: Paragraph, quote: Quote) -> str:
        """A quote in its place; only the marks the Arabic has (a lost opening, a quote never closed)."""
        o, c = self._marks(quote.depth)
        return f"{o if quote.opened else ''}{self.parts(p, quote.parts)}{c if quote.closed else ''}"

    def direct(self, p: Paragraph, quote: Quote, end: str) -> str:
        """“Q,” attribution, trailing.  or  “Q.” for a quote alone."""
        o, c = self._marks(quote.depth)
        words = self.parts(p, quote.parts)
        if quote.attribution:
            words = words if words.endswith(("?", "!")) else words.rstrip(FINAL_PUNCT) + ","
            attribution = self.parts(p, quote.attribution, clause=True).rstrip(FINAL_PUNCT)
            attribution = re.sub(r"^(?:and|And)\s+", "", attribution)
            text = f"{o}{words}{c} {lower_first(attribution)}"
            if quote.trailing:
                text += ", " + self.parts(p, quote.trailing, clause=True).rstrip(FINAL_PUNCT)
            return text + "."
        if not words.endswith((".", "?", "!")):
            words = words.rstrip(FINAL_PUNCT) + (end.translate(AR_TO_EN_PUNCT) or ".")
        return f"{o}{words}{c}"
