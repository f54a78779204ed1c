"""Attribution rules: put the speaker before a direct quote, as Arabic news does.

English `"…," Peskov said.` comes out of machine translation as
`«…»، قال بيسكوف.` or worse (`… “،” قال.`, a quote left open until
`وقال بيسكوف …`, the closing mark carried past the attribution). House style
is `وقال بيسكوف: «…».` A trailing clause (`، مضيفا أن …`) stays after the quote;
`بحسب / وفقا لـ / حسبما / نقلا عن` attributions stay after it too.
"""
from __future__ import annotations

import re
import unicodedata

from ..diagnostics import Applicability
from ..parse.chardata import ARABIC_COMMA, BIDI_CONTROLS, COMMAS
from ..parse.quotes import Quote, is_terminator
from .base import Example, ParaContext, rule
from .lexicon import WORD, strip_tashkeel
from .speech import COMMA_RUN, GAP, Attribution, attribution_at, skip_gap


_END_THEN_GAP = re.compile(f"[.!?\u061f](?=[{re.escape(GAP)}])")


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
    text = "".join(pieces).strip(GAP)
    if text and (text[-1] in COMMAS or (text[-1] == "." and text[-2:-1] != ".")):
        text = text[:-1].rstrip(GAP)
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
    trailing = s[att.trailing_start:att.end].rstrip(GAP)
    if trailing[:1] == ",":
        trailing = ARABIC_COMMA + trailing[1:]
    return f"{speaker}: {ctx.open_mark}{content}{ctx.close_mark}{trailing}{att.terminator}"


def _span_end(att: Attribution) -> int:
    return att.end + len(att.terminator)


def _starts_sentence(ctx: ParaContext, q: Quote) -> bool:
    if q.open is None:
        first = WORD.match(ctx.text, skip_gap(ctx.text, 0))
        return not (first and ctx.lex.verb(first.group()))
    return ctx.pq.starts_sentence(q.open.start)


@rule(code="A001", name="attribution-after-quote", family="attribution", scope="paragraph",
      summary="A direct quote followed by its speech verb (`«…»، قال X.`, `«…» قال.`, `… “،” قال.`).",
      why="This is English word order (`\"…,\" X said.`) carried into Arabic by machine translation. "
          "Arabic news puts the speaker first: `وقال X: «…».`",
      fix_safety="The speaker's clause moves before the quote with a colon, a bare verb gains و, "
                 "the English comma inside the quote is dropped and a trailing clause (`، مضيفا أن …`) "
                 "stays after the quote; no other word changes. A sentence after the quote that says "
                 "`قال إن …` reports speech and is left alone. A quote split by its attribution "
                 "(`«A،» قال X، «B.»`) becomes `وقال X: «A». «B».` when its second part ends the sentence.",
      applicability=Applicability.SAFE, priority=10, structural=True,
      examples=[Example("«لم نكن في مستوانا اليوم،» قال فيريرا في المؤتمر الصحفي.",
                        "وقال فيريرا في المؤتمر الصحفي: «لم نكن في مستوانا اليوم».", at="«"),
                Example("«اللاعبون يعرفون ما ينتظرهم»، قال المدرب، مضيفا أن الإصابات أثرت في خياراته.",
                        "وقال المدرب: «اللاعبون يعرفون ما ينتظرهم»، مضيفا أن الإصابات أثرت في خياراته.",
                        at="«"),
                Example("«إن الحد من التهديد أمر مهم.» وقال بايدن في بيان.",
                        "وقال بايدن في بيان: «إن الحد من التهديد أمر مهم».", at="«"),
                Example("«الخطة جاهزة،» قال الوزير، «وسنبدأ التنفيذ غدا.»",
                        "وقال الوزير: «الخطة جاهزة». «وسنبدأ التنفيذ غدا».", at="«")],
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
        joined = "." not in s[q.close.end:i] and s[q.content_start:q.content_end].rstrip(GAP)[-1:] != "."
        att = attribution_at(ctx, i, len(s), joined=joined)
        if att is None:
            split = _split_quote(ctx, q, i, joined)
            if split is not None:
                yield split
            continue
        content = _content(ctx, q, q.content_start, q.content_end)
        if not content:
            continue
        start = _span_start(ctx, q)
        yield ctx.diag("A001", "speech verb follows the quote; the speaker goes first",
                       q.start, _span_end(att), [(start, _span_end(att), _rewrite(ctx, att, content))])


def _split_quote(ctx: ParaContext, q: Quote, i: int, joined: bool):
    """`“A،” قال الوزير، “B.”`: one quote split by its attribution. House style quotes both
    parts after the speaker: `وقال الوزير: «A». «B».` (the second must end the sentence)."""
    s = ctx.text
    q2 = next((x for x in ctx.pq.top_level if x.start > i and x.open is not None), None)
    if q2 is None or q2.open is None:
        return None
    k = q2.open.start
    while k > i and s[k - 1] in GAP:
        k -= 1
    if k <= i or s[k - 1] not in COMMAS:
        return None
    att = attribution_at(ctx, i, k - 1, outside_quotes=False, joined=joined)
    if att is None or att.end != k - 1 or att.trailing_start != att.end:
        return None
    stop, end = "", len(s)
    if q2.close is not None:
        end = q2.close.end
        after = skip_gap(s, end)
        if after < len(s) and s[after] == ".":
            stop, end = ".", after + 1
        elif after < len(s) and not (s[after] in "!?؟" and is_terminator(s, after, 0, len(s))):
            inner = s[q2.content_start:q2.content_end].rstrip(GAP)
            if inner[-1:] not in ".!?؟":
                return None  # the second quote does not end the sentence: leave it
    inner = s[q2.content_start:q2.content_end].rstrip(GAP)
    if inner.endswith(".") and not inner.endswith(".."):
        stop = "."
    first, second = _content(ctx, q, q.content_start, q.content_end), _content(ctx, q2, q2.content_start,
                                                                               q2.content_end)
    if not first or not second:
        return None
    # a full stop between the parts: `»، «` reads as a garbled cluster (CONVENTIONS: `“A،” قال. “B.”`
    # becomes `وقال: «A». «B».`, and the comma form is the same quote)
    att = Attribution(att.verb_start, att.verb_end, att.prefix, att.att_end, att.trailing_start, att.end, ".")
    text = _rewrite(ctx, att, first) + f" {ctx.open_mark}{second}{ctx.close_mark}{stop}"
    return ctx.diag("A001", "a quote split by its attribution: the speaker goes first and the quote's two "
                    "parts follow", q.start, end, [(_span_start(ctx, q), end, text)])


@rule(code="A002", name="attribution-inside-quote", family="attribution", scope="paragraph",
      summary="The closing mark was carried past the attribution (`“…، قال X.”`).",
      why="The translation put the closing mark at the end of the sentence, so the speaker's words "
          "(`قال X`) read as part of the quote.",
      fix_safety="The quote ends at the comma before the bare speech verb, and the speaker moves "
                 "before it with a colon; when the quote goes on after the attribution's full stop, "
                 "that part is quoted on its own after it (`وقال X: «A». «B».`); nothing else changes.",
      applicability=Applicability.SAFE, priority=10, structural=True,
      examples=[Example("«نحن نحصد ثمار الاستثمارات، قالت الرئيسة التنفيذية للشركة.»",
                        "وقالت الرئيسة التنفيذية للشركة: «نحن نحصد ثمار الاستثمارات».", at="«"),
                Example("«الخطة جاهزة، قال الوزير. وسنبدأ التنفيذ غدا.»",
                        "وقال الوزير: «الخطة جاهزة». «وسنبدأ التنفيذ غدا».", at="«")],
      good=["«حتى المشي يحدث فرقا، وكما قال لي أحد المشاركين “لم أغير شيئا”».",
            "وقالت الرئيسة: «نحن نحصد ثمار الاستثمارات»."])
def attribution_inside_quote(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.open is None or not ctx.pq.starts_sentence(q.open.start):
            continue
        lo, hi = q.content_start, q.content_end
        core = hi
        while core > lo and s[core - 1] in GAP:
            core -= 1
        stop = ""
        if core > lo and s[core - 1] == ".":
            core -= 1
            stop = "."
        for m in COMMA_RUN.finditer(s, lo, core):
            if any(c.start <= m.start() < c.end for c in q.children):
                continue
            att = attribution_at(ctx, m.end(), core, bare_only=True, outside_quotes=False, joined=True)
            if att is None:
                continue
            rest = ""  # the quote going on after its attribution: `“A، قال X. B”`
            if att.end != core:
                if att.terminator != "." or att.trailing_start != att.end:
                    continue
                rest = _content(ctx, q, att.end + 1, core)
                if not rest:
                    continue
            end = q.close.end if q.close else len(s)
            if not stop and q.close is not None and s[end:end + 1] == ".":
                stop, end = ".", end + 1
            content = _content(ctx, q, lo, m.start())
            if not content:
                break
            start = _span_start(ctx, q)
            if rest:
                text = _rewrite(ctx, att, content) + f" {ctx.open_mark}{rest}{ctx.close_mark}{stop}"
                msg = ("the closing mark stands after the attribution and the quote goes on after it; "
                       "the speaker goes first and the quote's two parts are quoted apart")
            else:
                att = Attribution(att.verb_start, att.verb_end, att.prefix, att.att_end, att.trailing_start,
                                  att.end, stop)
                text = _rewrite(ctx, att, content)
                msg = "the closing mark stands after the attribution; the quote ends before the speech verb"
            yield ctx.diag("A002", msg, q.start, end, [(start, end, text)])
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
        last = -1  # the last sentence end inside the quote, outside its nested quotes
        for m in reversed(list(_END_THEN_GAP.finditer(s, q.content_start, len(s) - 1))):
            k = m.start()
            if is_terminator(s, k, 0, len(s)) and not any(c.start <= k < c.end for c in q.children):
                last = k
                break
        if last < 0:
            continue
        att = attribution_at(ctx, skip_gap(s, last + 1), len(s), outside_quotes=False)
        if att is None or s[_span_end(att):].strip(GAP):
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
        if verb is None or not verb[0] or s[q.close.end:i].strip(GAP) or _starts_sentence(ctx, q):
            continue
        att = attribution_at(ctx, i, len(s))
        if att is not None:
            yield ctx.diag("A101", "reported speech: the speech verb trails the quoted phrase; "
                           "reword so the speaker comes first", q.start, att.end)


# Words that cannot head a possessed noun phrase: relative pronouns, particles, pronouns.
_NOT_POSSESSED = frozenset(strip_tashkeel(w) for w in (
    "الذي التي الذين اللذان اللتان اللواتي اللاتي ما من أن إن لا لم لن قد هو هي هم نحن أنا "
    "أنت هذا هذه ذلك تلك في على إلى عن مع بعد قبل كل").split())
_PHRASE_WORDS = 5


def _owned_phrase(ctx: ParaContext, q: Quote) -> bool:
    """The quote reads as the possessed half of `the West's "destructive policy"`: a short
    indefinite phrase (`«سياسة مدمرة»`), not a relative clause (`للفنان «الذي …»`), a definite
    phrase or a name in construct (`للبطولة «أرض الأحلام»`)."""
    words = WORD.findall(ctx.text, q.content_start, q.content_end)
    if not words or len(words) > _PHRASE_WORDS:
        return False
    first = strip_tashkeel(words[0])
    if len(words) > 1 and strip_tashkeel(words[1]).startswith("ال"):
        return False  # `«أرض الأحلام»`: a construct, which names a thing (a song, a plan)
    return not first.startswith("ال") and first not in _NOT_POSSESSED


@rule(code="A102", name="possessive-scrambled-around-quote", family="attribution", scope="paragraph",
      summary="A possessive split by a phrase quote (`نتيجة للغرب “سياسة مدمرة”`).",
      why="English `the West's \"destructive policy\"` translated word by word: the owner lands before "
          "the quote with a stray لـ, and the phrase no longer reads as `سياسة الغرب المدمرة`.",
      fix_safety="None: the fix is a rewording (`نتيجة «السياسة المدمرة» للغرب`); check reports it.",
      applicability=Applicability.DISPLAY, priority=90, structural=False,
      examples=[Example("يواجه العالم الخطر نتيجة للغرب «سياسة مدمرة» في أوكرانيا.", None, at="للغرب")],
      good=["يواجه العالم الخطر نتيجة «سياسة مدمرة» ينتهجها الغرب.",
            "وأشاد النقاد بالعمل الجديد للفنان «الذي قدم فيه رؤية مختلفة».",
            "وذهبت الجائزة للمخرجة «الأكثر جرأة» هذا العام."])
def possessive_scramble(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.top_level:
        if q.open is None:
            continue
        b = q.open.start
        while b > 0 and s[b - 1] in GAP:
            b -= 1
        a = b
        while a > 0 and (s[a - 1].isalpha() or unicodedata.category(s[a - 1]) == "Mn"):
            a -= 1
        word = s[a:b]
        if len(word) >= 4 and strip_tashkeel(word).startswith("لل") and not _starts_sentence(ctx, q) \
                and _owned_phrase(ctx, q):
            yield ctx.diag("A102", f"possessive scrambled around a quote: {word} stands before the "
                           "quoted phrase it owns", a, q.end)
