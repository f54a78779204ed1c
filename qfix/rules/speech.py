"""Speech-verb clauses: where an attribution starts and ends, and sentences that report speech.

Shared by the attribution rules (which move an attribution before its quote) and the
quote rules (which read a mark by what follows it: `…، "قال غلين` closes a quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..parse.chardata import BIDI_CONTROLS, COMMAS
from ..parse.quotes import HAS_MARK, Mark, ParagraphQuotes, is_terminator, parse_paragraph, sentence_end
from .lexicon import COMPLEMENTIZER, WORD, Lexicon, strip_tashkeel

if TYPE_CHECKING:
    from .base import ParaContext

_SPACES = " \t\u00a0\u2009\u202f"
_SUBJECT_WORDS = 3  # words after a joined verb in which a that-clause still means reported speech
GAP = _SPACES + BIDI_CONTROLS
COMMA_RUN = re.compile(rf"[{COMMAS}][{re.escape(GAP)}]*")


def skip_gap(s: str, i: int) -> int:
    while i < len(s) and s[i] in GAP:
        i += 1
    return i


@dataclass(frozen=True)
class Attribution:
    verb_start: int
    verb_end: int
    prefix: str  # "" (bare), "و" or "ف"
    att_end: int  # end of the speaker's clause (trailing clause excluded)
    trailing_start: int  # == end when there is no trailing clause
    end: int  # offset of the terminator, or the limit
    terminator: str  # "." / "؟" / "!" / "" at the paragraph's end


def trailing_clause(ctx: ParaContext, lo: int, hi: int) -> int:
    """Offset of the comma opening a participle clause (`، مضيفا أن`) in [lo, hi), or hi."""
    s = ctx.text
    for m in COMMA_RUN.finditer(s, lo, hi):
        w = WORD.match(s, m.end())
        if w and ctx.lex.is_participle(w.group()):
            return m.start()
        if w and w.group()[:1] in ctx.lex.phrase_initials:
            rest = strip_tashkeel(s[m.end():m.end() + 24])
            if any(rest.startswith(p) for p in ctx.lex.participle_phrases):
                return m.start()
    return hi


def attribution_at(ctx: ParaContext, pos: int, hi: int, bare_only: bool = False,
                   outside_quotes: bool = True, joined: bool = False) -> Attribution | None:
    """The speaker's clause when a speech verb starts at ``pos``: up to the sentence's end,
    holding no quote mark and no that-clause (`قال إن …` reports speech, it attributes nothing).

    ``joined``: the verb is glued to the quote by a comma or a space, so it attributes that
    quote; a that-clause then only disqualifies it right after the verb and its subject
    (`«…»، قال الوزير الذي أكد أن …` is still the minister's attribution)."""
    s = ctx.text
    w = WORD.match(s, pos, hi)
    if not w:
        return None
    verb = ctx.lex.verb(w.group())
    if verb is None or (bare_only and verb[0]):
        return None
    end = sentence_end(s, w.end(), hi, ctx.pq if outside_quotes else None)
    trailing = trailing_clause(ctx, w.end(), end)
    att_end = trailing
    while att_end > w.end() and s[att_end - 1] in GAP:
        att_end -= 1
    if HAS_MARK.search(s, w.start(), att_end):
        return None
    that = COMPLEMENTIZER.search(s, w.start(), att_end)
    if that and (not joined or len(s[w.end():that.start()].split()) < _SUBJECT_WORDS):
        return None
    terminator = s[end] if end < hi else ""
    return Attribution(w.start(), w.end(), verb[0], att_end, trailing, end, terminator)



# words between the verb and its that-clause in the narrator's sentence: the subject with its
# title and name (`وأوضح الأمين العام للنقابة خالد منصور أن …`)
_REPORTER_WORDS = 10
# Object pronouns after a verb that make its sentence the quoted speaker's own narrative
# (`وقالت لنا الشرطة إن …`: "the police told us"), not the narrator's.
_FIRST_PERSON_OBJECT = re.compile(r"(?:لي|لنا|علينا|عليّ|إلينا|إلي)(?!\w)")


def reports_speech(ctx: ParaContext, pos: int, hi: int) -> bool:
    """Whether a sentence starting at ``pos`` is the narrator's: و/ف and a third-person speech
    verb, then a that-clause within the subject's few words (`وقال المدرب إن …`) or a
    complete attribution (`وأضاف المدرب في المؤتمر.`)."""
    s = ctx.text
    w = WORD.match(s, pos, hi)
    if not w:
        return False
    verb = ctx.lex.verb(w.group())
    if verb is None or not verb[0]:
        return False
    after = skip_gap(s, w.end())
    if _FIRST_PERSON_OBJECT.match(s, after):
        return False
    end = sentence_end(s, w.end(), hi)
    that = COMPLEMENTIZER.search(s, w.end(), end)
    if that and len(s[w.end():that.start()].split()) <= _REPORTER_WORDS \
            and not HAS_MARK.search(s, w.end(), that.start()):
        return True
    return attribution_at(ctx, pos, hi, outside_quotes=False) is not None


def sentence_starts(ctx: ParaContext, lo: int, hi: int) -> list[int]:
    """Offsets in (lo, hi) where a sentence starts after a terminator and spaces."""
    s = ctx.text
    out = []
    for m in _END_THEN_GAP.finditer(s, lo, hi - 1):
        if is_terminator(s, m.start(), lo, hi):
            j = skip_gap(s, m.start() + 1)
            if j < hi:
                out.append(j)
    return out


_END_THEN_GAP = re.compile(f"[.!?\u061f](?=[{re.escape(GAP)}])")


class _Reader:
    """What attribution_at needs to read a clause before the paragraph is parsed."""

    __slots__ = ("text", "lex")

    def __init__(self, text: str, lex: Lexicon):
        self.text, self.lex = text, lex


_BEFORE_CLOSE = set(COMMAS + ".!?؟")


def mark_closes(text: str, lex: Lexicon) -> Callable[[Mark], bool]:
    """The parser's reading of a mark by its words: a mark after a comma or a sentence's end
    and before an attribution closes a quote, however it is spaced (`… في الأرض ، "قال غلين
    في بيان.` reads as `… في الأرض،" قال غلين في بيان.`)."""
    reader = _Reader(text, lex)

    def closes(mark: Mark) -> bool:
        i = mark.start - 1
        while i >= 0 and text[i] in GAP:
            i -= 1
        if i < 0 or text[i] not in _BEFORE_CLOSE:
            return False
        j = skip_gap(text, mark.end)
        w = WORD.match(text, j)
        if not w or lex.verb(w.group()) is None:
            return False
        att = attribution_at(reader, j, len(text), outside_quotes=False,  # type: ignore[arg-type]
                             joined=text[i] in COMMAS)
        return att is not None
    return closes


def parse(text: str, lex: Lexicon) -> ParagraphQuotes:
    """A paragraph's quotes as the rules read them: flanking, then words (``mark_closes``)."""
    return parse_paragraph(text, 0, len(text), mark_closes(text, lex))
