"""Attribution rules: put the speaker before a direct quote, as Arabic news does.

English `"…," Peskov said.` comes out of machine translation as
`«…»، قال بيسكوف.` or worse (`… “،” قال.`, a quote left open until
`وقال بيسكوف …`, the closing mark carried past the attribution). House style
is `وقال بيسكوف: «…».` A trailing clause (`، مضيفا أن …`) stays after the quote;
`بحسب / وفقا لـ / حسبما / نقلا عن` attributions stay after it too.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import re

from ..diagnostics import Applicability
from ..parse.chardata import ARABIC_COMMA, BIDI_CONTROLS, COMMAS
from ..parse.quotes import HAS_MARK, Quote, is_terminator, sentence_end
from .base import Example, ParaContext, rule
from .lexicon import COMPLEMENTIZER, WORD, strip_tashkeel

_SPACES = " \t\u00a0\u2009\u202f"
_SUBJECT_WORDS = 3  # words after a joined verb in which a that-clause still means reported speech
_GAP = _SPACES + BIDI_CONTROLS
_COMMA_RUN = re.compile(rf"[{COMMAS}][{re.escape(_GAP)}]*")


def _skip(s: str, i: int) -> int:
    while i < len(s) and s[i] in _GAP:
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


def _trailing_clause(ctx: ParaContext, lo: int, hi: int) -> int:
    """Offset of the comma opening a participle clause (`، مضيفا أن`) in [lo, hi), or hi."""
    s = ctx.text
    for m in _COMMA_RUN.finditer(s, lo, hi):
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
    trailing = _trailing_clause(ctx, w.end(), end)
    att_end = trailing
    while att_end > w.end() and s[att_end - 1] in _GAP:
        att_end -= 1
    if HAS_MARK.search(s, w.start(), att_end):
        return None
    that = COMPLEMENTIZER.search(s, w.start(), att_end)
    if that and (not joined or len(s[w.end():that.start()].split()) < _SUBJECT_WORDS):
        return None
    terminator = s[end] if end < hi else ""
    return Attribution(w.start(), w.end(), verb[0], att_end, trailing, end, terminator)


def _content(ctx: ParaContext, q: Quote, lo: int, hi: int) -> str:
    """The quoted words of ``q`` in [lo, hi) as they will stand inside the new marks: nested
    marks in the house style, no English comma or full stop at the end, no bidi controls or
    spaces at either edge (they belonged to the old marks)."""
    s = ctx.text
    pieces, pos = [], lo
    for child in ctx.pq.quotes:
        if child is q or not (lo <= child.start and child.end <= hi) or child.depth <= q.depth:
            continue
        o, c = ctx.marks_for(child.depth - q.depth)
        for mark, want in ((child.open, o), (child.close, c)):
            if mark is not None and mark.kind == "single" and mark.text != want:
                pieces.append(s[pos:mark.start])
                pieces.append(want)
                pos = mark.end
    pieces.append(s[pos:hi])
    text = "".join(pieces).strip(_GAP)
    if text and (text[-1] in COMMAS or (text[-1] == "." and text[-2:-1] != ".")):
        text = text[:-1].rstrip(_GAP)
    return text


def _span_start(ctx: ParaContext, q: Quote) -> int:
    """A rewrite starts at the sentence's start: bidi controls before the old mark go with it."""
    i = q.start
    while i > 0 and ctx.text[i - 1] in BIDI_CONTROLS:
        i -= 1
    return i


def _rewrite(ctx: ParaContext, att: Attribution, content: str) -> str:
    s = ctx.text
    verb = s[att.verb_start:att.verb_end]
    if not att.prefix:
        verb = "و" + verb
    speaker = verb + s[att.verb_end:att.att_end]
    trailing = s[att.trailing_start:att.end].rstrip(_GAP)
    if trailing[:1] == ",":
        trailing = ARABIC_COMMA + trailing[1:]
    return f"{speaker}: {ctx.open_mark}{content}{ctx.close_mark}{trailing}{att.terminator}"


def _span_end(att: Attribution) -> int:
    return att.end + len(att.terminator)


def _starts_sentence(ctx: ParaContext, q: Quote) -> bool:
    if q.open is None:
        first = WORD.match(ctx.text, _skip(ctx.text, 0))
        return not (first and ctx.lex.verb(first.group()))
    return ctx.pq.starts_sentence(q.open.start)


@rule(code="A001", name="attribution-after-quote", family="attribution", scope="paragraph",
      summary="A direct quote followed by its speech verb (`«…»، قال X.`, `«…» قال.`, `… “،” قال.`).",
      why="This is English word order (`\"…,\" X said.`) carried into Arabic by machine translation. "
          "Arabic news puts the speaker first: `وقال X: «…».`",
      fix_safety="The speaker's clause moves before the quote with a colon, a bare verb gains و, "
                 "the English comma inside the quote is dropped and a trailing clause (`، مضيفا أن …`) "
                 "stays after the quote; no other word changes. A sentence after the quote that says "
                 "`قال إن …` reports speech and is left alone.",
      applicability=Applicability.SAFE, priority=10, structural=True,
      examples=[Example("«لم نكن في مستوانا اليوم،» قال فيريرا في المؤتمر الصحفي.",
                        "وقال فيريرا في المؤتمر الصحفي: «لم نكن في مستوانا اليوم».", at="«"),
                Example("«اللاعبون يعرفون ما ينتظرهم»، قال المدرب، مضيفا أن الإصابات أثرت في خياراته.",
                        "وقال المدرب: «اللاعبون يعرفون ما ينتظرهم»، مضيفا أن الإصابات أثرت في خياراته.",
                        at="«"),
                Example("«إن الحد من التهديد أمر مهم.» وقال بايدن في بيان.",
                        "وقال بايدن في بيان: «إن الحد من التهديد أمر مهم».", at="«")],
      good=["وقال فيريرا: «لم نكن في مستوانا اليوم».",
            "«لا نزال بحاجة إلى مزيد من الرصد»، بحسب ما أوضحت الباحثة.",
            "«الخطة جاهزة». وقال الوزير إن التنفيذ يبدأ غدا."])
def attribution_after_quote(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.close is None:
            continue
        i, verb = ctx.word_after(q.close.end)
        if verb is None or not _starts_sentence(ctx, q):
            continue
        # `«…» قال` or `«…»، قال` are joined; `«….» وقال` and `«…». وقال` start a new sentence
        joined = "." not in s[q.close.end:i] and s[q.content_start:q.content_end].rstrip(_GAP)[-1:] != "."
        att = attribution_at(ctx, i, len(s), joined=joined)
        if att is None:
            continue
        content = _content(ctx, q, q.content_start, q.content_end)
        if not content:
            continue
        start = _span_start(ctx, q)
        yield ctx.diag("A001", "speech verb follows the quote; the speaker goes first",
                       q.start, _span_end(att), [(start, _span_end(att), _rewrite(ctx, att, content))])


@rule(code="A002", name="attribution-inside-quote", family="attribution", scope="paragraph",
      summary="The closing mark was carried past the attribution (`“…، قال X.”`).",
      why="The translation put the closing mark at the end of the sentence, so the speaker's words "
          "(`قال X`) read as part of the quote.",
      fix_safety="The quote ends at the comma before the bare speech verb, and the speaker moves "
                 "before it with a colon; nothing else changes.",
      applicability=Applicability.SAFE, priority=10, structural=True,
      examples=[Example("«نحن نحصد ثمار الاستثمارات، قالت الرئيسة التنفيذية للشركة.»",
                        "وقالت الرئيسة التنفيذية للشركة: «نحن نحصد ثمار الاستثمارات».", at="«")],
      good=["«حتى المشي يحدث فرقا، وكما قال لي أحد المشاركين “لم أغير شيئا”».",
            "وقالت الرئيسة: «نحن نحصد ثمار الاستثمارات»."])
def attribution_inside_quote(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.open is None or not ctx.pq.starts_sentence(q.open.start):
            continue
        lo, hi = q.content_start, q.content_end
        core = hi
        while core > lo and s[core - 1] in _GAP:
            core -= 1
        stop = ""
        if core > lo and s[core - 1] == ".":
            core -= 1
            stop = "."
        for m in _COMMA_RUN.finditer(s, lo, core):
            if any(c.start <= m.start() < c.end for c in q.children):
                continue
            att = attribution_at(ctx, m.end(), core, bare_only=True, outside_quotes=False, joined=True)
            if att is None or att.end != core:
                continue
            end = q.close.end if q.close else len(s)
            if not stop and q.close is not None and s[end:end + 1] == ".":
                stop, end = ".", end + 1
            content = _content(ctx, q, lo, m.start())
            if not content:
                break
            att = Attribution(att.verb_start, att.verb_end, att.prefix, att.att_end, att.trailing_start,
                              att.end, stop)
            start = _span_start(ctx, q)
            yield ctx.diag("A002", "the closing mark stands after the attribution; the quote ends before "
                           "the speech verb", q.start, end, [(start, end, _rewrite(ctx, att, content))])
            break


@rule(code="A003", name="quote-open-until-attribution", family="attribution", scope="paragraph",
      summary="A quote left open until a closing sentence that names the speaker (`“… . وقال X …`).",
      why="The translation lost the closing mark of `\"…,\" X said …` and turned the attribution into a "
          "sentence of its own, so the whole paragraph reads as one open quote.",
      fix_safety="The quote closes before the last sentence when that sentence starts with a speech "
                 "verb and reports no that-clause; the speaker moves before the quote with a colon.",
      applicability=Applicability.SAFE, priority=10, structural=True,
      examples=[Example("«من المتوقع أن تتجاوز الأمطار 80 مليمترا. وأضافت حداد خلال المقابلة نفسها.",
                        "وأضافت حداد خلال المقابلة نفسها: «من المتوقع أن تتجاوز الأمطار 80 مليمترا».",
                        at="«")],
      good=["«من المتوقع أن تتجاوز الأمطار 80 مليمترا. وتستمر الحملة ثلاثة أسابيع."])
def quote_open_until_attribution(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.open is None or q.close is not None or not ctx.pq.starts_sentence(q.open.start):
            continue
        last = -1
        for k in range(q.content_start, len(s) - 1):
            if s[k + 1] in _GAP and is_terminator(s, k, 0, len(s)) \
                    and not any(c.start <= k < c.end for c in q.children):
                last = k
        if last < 0:
            continue
        att = attribution_at(ctx, _skip(s, last + 1), len(s), outside_quotes=False)
        if att is None or s[_span_end(att):].strip(_GAP):
            continue
        content = _content(ctx, q, q.content_start, last + 1)
        if not content:
            continue
        start = _span_start(ctx, q)
        yield ctx.diag("A003", "quote is never closed and its speaker comes in the sentence after it",
                       q.start, _span_end(att), [(start, _span_end(att), _rewrite(ctx, att, content))])


@rule(code="A101", name="reported-speech-trailing-verb", family="attribution", scope="paragraph",
      summary="A quoted phrase followed by a speech verb that ends the sentence "
              "(`… «سياسة مدمرة» وحذرت المتحدثة … الأسبوع الماضي.`).",
      why="English reported speech (`… the West's \"destructive policy,\" the spokeswoman warned last "
          "week`) translated word by word: the verb trails and the sentence no longer says who said what.",
      fix_safety="None: the words stay where they are (rewording reported speech changes more than marks); "
                 "check reports it for an editor.",
      applicability=Applicability.DISPLAY, priority=90, structural=False,
      examples=[Example("يواجه العالم خطرا نتيجة «سياسة مدمرة» وحذرت المتحدثة باسم الوزارة الأسبوع الماضي.",
                        None, at="«")],
      good=["وحذرت المتحدثة باسم الوزارة من «سياسة مدمرة»."])
def reported_speech(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.open is None or q.close is None:
            continue
        i, verb = ctx.word_after(q.close.end)
        if verb is None or not verb[0] or s[q.close.end:i].strip(_GAP) or _starts_sentence(ctx, q):
            continue
        att = attribution_at(ctx, i, len(s))
        if att is not None:
            yield ctx.diag("A101", "reported speech: the speech verb trails the quoted phrase; "
                           "reword so the speaker comes first", q.start, att.end)


@rule(code="A102", name="possessive-scrambled-around-quote", family="attribution", scope="paragraph",
      summary="A possessive split by a phrase quote (`نتيجة للغرب “سياسة مدمرة”`).",
      why="English `the West's \"destructive policy\"` translated word by word: the owner lands before "
          "the quote with a stray لـ, and the phrase no longer reads as `سياسة الغرب المدمرة`.",
      fix_safety="None: the fix is a rewording (`نتيجة «السياسة المدمرة» للغرب`); check reports it.",
      applicability=Applicability.DISPLAY, priority=90, structural=False,
      examples=[Example("يواجه العالم الخطر نتيجة للغرب «سياسة مدمرة» في أوكرانيا.", None, at="للغرب")],
      good=["يواجه العالم الخطر نتيجة «سياسة مدمرة» ينتهجها الغرب."])
def possessive_scramble(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.open is None:
            continue
        b = q.open.start
        while b > 0 and s[b - 1] in _GAP:
            b -= 1
        a = b
        while a > 0 and (s[a - 1].isalpha() or unicodedata.category(s[a - 1]) == "Mn"):
            a -= 1
        word = s[a:b]
        if len(word) >= 4 and strip_tashkeel(word).startswith("لل") and not _starts_sentence(ctx, q):
            yield ctx.diag("A102", f"possessive scrambled around a quote: {word} stands before the "
                           "quoted phrase it owns", a, q.end)
