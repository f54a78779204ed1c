"""Quote-mark rules: glyphs, doubles, garbled clusters, orphans, spacing, end punctuation."""
from __future__ import annotations

from ..diagnostics import Applicability
from ..parse.chardata import ARABIC_COMMA, ARABIC_QUESTION, BIDI_CONTROLS, COMMAS, QUOTE_MARKS
from ..parse.quotes import HAS_MARK, Mark, Quote, is_terminator, proclitic_before
from .base import Example, ParaContext, rule
from .lexicon import COMPLEMENTIZER, WORD
from .speech import reports_speech, sentence_starts, skip_gap

_SPACES = " \t\u00a0\u2009\u202f"
_TERMINAL = ".!?" + ARABIC_QUESTION


def _canonical(ctx: ParaContext, q: Quote) -> tuple[str, str]:
    return ctx.marks_for(q.depth)


def _describe(mark: Mark, want: str) -> str:
    glyph = mark.text[0]
    if glyph in "\"'":
        what = "straight mark"
    elif mark.family == "single" and want not in "‘’'":
        what = "single mark"
    elif (mark.role == "open" and glyph in "”»’›") or (mark.role == "close" and glyph in "“«‘‹„"):
        what = "reversed mark"
    else:
        what = "mark"
    return f"{what} {glyph} {'opens' if mark.role == 'open' else 'closes'} a quote; house style is {want}"


@rule(code="Q001", name="non-house-quote-mark", family="quotes", scope="paragraph",
      summary="A quotation mark that is straight, single, reversed or of another style than the house style.",
      why="Machine translation writes English marks (“ ” \" ‘ ’) or the CLDR Arabic order (” … “), "
          "so one article mixes several styles; readers and downstream tools expect one.",
      fix_safety="Only the mark changes; its role (opening or closing) comes from the pairing.",
      applicability=Applicability.SAFE, priority=30, structural=False,
      examples=[Example("ووصف الباحثون النتيجة بأنها ”خطوة مهمة» نحو الفهم.",
                        "ووصف الباحثون النتيجة بأنها «خطوة مهمة» نحو الفهم.", at="”"),
                Example("وقالت القاضية إن المتهم \"استغل ثقة الأسر» وقدم وعودا.",
                        "وقالت القاضية إن المتهم «استغل ثقة الأسر» وقدم وعودا.", at='"'),
                Example('وقال: «نحن لا نقبل "الحل المؤقت” أبدا».',
                        "وقال: «نحن لا نقبل “الحل المؤقت” أبدا».", at='"')],
      good=["وذهبت الجائزة إلى فيلم «ليل طويل».", "وقال: «كان شعارنا “الإنسان أولا”، وما زال»."])
def non_house_mark(ctx: ParaContext):
    for q in ctx.pq.quotes:
        o, c = _canonical(ctx, q)
        for mark, want in ((q.open, o), (q.close, c)):
            if mark is not None and mark.kind == "single" and mark.text != want:
                yield ctx.diag("Q001", _describe(mark, want), mark.start, mark.end,
                               [(mark.start, mark.end, want)])


@rule(code="Q002", name="doubled-quote-mark", family="quotes", scope="paragraph",
      summary="A quotation mark written twice (““ … ””, «« … »»).",
      why="Doubled marks come from a translation that quoted text which was already quoted; "
          "they read as a stutter and break pairing in other tools.",
      fix_safety="The pair of glyphs becomes one mark of the house style.",
      applicability=Applicability.SAFE, priority=20, structural=False,
      examples=[Example("جاءت ««متأخرة جدا» للمزارعين.", "جاءت «متأخرة جدا» للمزارعين.", at="««")],
      good=["جاءت «متأخرة جدا» للمزارعين."])
def doubled_mark(ctx: ParaContext):
    for q in ctx.pq.quotes:
        o, c = _canonical(ctx, q)
        for mark, want in ((q.open, o), (q.close, c)):
            if mark is not None and mark.kind == "double":
                yield ctx.diag("Q002", f"doubled mark {mark.text}; one {want} is enough",
                               mark.start, mark.end, [(mark.start, mark.end, want)])


@rule(code="Q003", name="garbled-quote-cluster", family="quotes", scope="paragraph",
      summary="A comma caught between two marks (“،” or \",”) where a quote should close.",
      why="English `…,\" he said` comes out of machine translation as `… “،” قال`: "
          "the closing mark is lost in a cluster that is no punctuation at all.",
      fix_safety="The cluster becomes a closing mark followed by a comma; when a speech verb "
                 "follows, A001 rewrites the whole sentence instead.",
      applicability=Applicability.SAFE, priority=20, structural=False,
      examples=[Example("«الاتفاق نهائي “،” بحسب مصدر مطلع.", "«الاتفاق نهائي»، بحسب مصدر مطلع.", at="“،”")],
      good=["«الاتفاق نهائي»، بحسب مصدر مطلع."])
def garbled_cluster(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.quotes:
        mark = q.close
        if mark is None or mark.kind != "cluster":
            continue
        _, c = _canonical(ctx, q)
        start = mark.start
        while start > 0 and s[start - 1] in _SPACES:
            start -= 1
        nxt = mark.next
        repl = c if (nxt in COMMAS or nxt in _TERMINAL or nxt == "") else c + ARABIC_COMMA
        yield ctx.diag("Q003", f"garbled cluster {mark.text} stands where the quote closes",
                       mark.start, mark.end, [(start, mark.end, repl)])


def _close_position(s: str, lo: int, hi: int) -> int:
    """Where a lost closing mark goes: before a final full stop, after ؟ or !."""
    t = hi
    while t > lo and (s[t - 1] in _SPACES or s[t - 1] in BIDI_CONTROLS):
        t -= 1
    if t > lo and s[t - 1] == ".":
        return t - 1
    return t


def _introduced(ctx: ParaContext, pos: int) -> str:
    """How the quote opening at ``pos`` is introduced: "colon" (`قال: “…`), "verb" (the speech
    verb that starts its sentence, with the speaker's few words and no that-clause between:
    `قال دانيوس «…`), or ""."""
    s = ctx.text
    i = pos - 1
    while i >= 0 and (s[i] in _SPACES or s[i] in BIDI_CONTROLS):
        i -= 1
    if i >= 0 and s[i] == ":":
        return "colon"
    start = 0
    for k in range(i, -1, -1):
        if s[k] in _TERMINAL and is_terminator(s, k, 0, len(s)):
            start = k + 1
            break
    w = WORD.match(s, skip_gap(s, start), pos)
    if not w or ctx.lex.verb(w.group()) is None:
        return ""
    between = s[w.end():pos]
    words = between.split()
    if (len(words) <= _SPEAKER_WORDS and not COMPLEMENTIZER.search(between)
            and not HAS_MARK.search(between) and not any(c in between for c in COMMAS + ":")
            and not (words and words[-1] in _PREPOSITIONS)):
        return "verb"
    return ""


# A quote right after one of these is the preposition's object (`وحذرت من «…»`), no direct speech.
_PREPOSITIONS = frozenset("من في على إلى عن مع ب ل ك حول بشأن ضد عبر لدى نحو".split())


_SPEAKER_WORDS = 8


def _narrator_sentence(ctx: ParaContext, q: Quote) -> int:
    """Where the narrator takes over an unclosed quote: the start of the first later sentence
    that reports speech (`“سنفوز. وقال المدرب إن الفريق جاهز.`), or -1."""
    for k in sentence_starts(ctx, q.content_start, q.content_end):
        if any(c.start <= k < c.end for c in q.children):
            continue
        if reports_speech(ctx, k, q.content_end):
            return k
    return -1


@rule(code="Q004", name="unclosed-quote", family="quotes", scope="paragraph",
      summary="A quote opens and is never closed in its paragraph.",
      why="An opening mark without its closing one leaves the reader (and every tool after qfix) "
          "unsure where the quoted words end. English style leaves a quote open at the end of a "
          "paragraph when the next one goes on quoting; Arabic house style closes each paragraph.",
      fix_safety="Safe when the quote starts its sentence, follows a colon, or follows the speech verb "
                 "that starts its sentence (`قال دانيوس «…`, which gains the colon of house style): the "
                 "closing mark goes at the paragraph's "
                 "end (before a final full stop, after ؟ or !), or before a later sentence in which the "
                 "narrator reports speech (`… . وقال المدرب إن …`). Review when the quote opens "
                 "mid-sentence: where it should end is ambiguous.",
      applicability=Applicability.SAFE, priority=25, structural=False,
      examples=[Example("وقال المدير: “نحن لا نطلب المستحيل، بل نطلب أن نعيش بكرامة!",
                        "وقال المدير: “نحن لا نطلب المستحيل، بل نطلب أن نعيش بكرامة!»", at="“"),
                Example("«سنفوز بالمباراة المقبلة. وقال المدرب إن الفريق جاهز تماما.",
                        "«سنفوز بالمباراة المقبلة». وقال المدرب إن الفريق جاهز تماما.", at="«"),
                Example("قال دانيوس «الفريق سيعود أقوى في الموسم المقبل.",
                        "قال دانيوس: «الفريق سيعود أقوى في الموسم المقبل».", at="«")],
      good=["وقال المدير: «نحن لا نطلب المستحيل»."])
def unclosed_quote(ctx: ParaContext):
    s = ctx.text
    for q in ctx.pq.quotes:
        if q.open is None or q.close is not None or q.open.family != "double":
            continue
        _, c = _canonical(ctx, q)
        end = q.content_end
        narrator = _narrator_sentence(ctx, q) if q.depth == 0 else -1
        if narrator >= 0:
            end = narrator
        pos = _close_position(s, q.open.end, end)
        introduced = _introduced(ctx, q.open.start) if q.depth == 0 else ""
        clear = q.depth == 0 and (ctx.pq.starts_sentence(q.open.start) or bool(introduced))
        edits = [(pos, pos, c)]
        if introduced == "verb":  # the speaker before a direct quote takes a colon
            gap = q.open.start
            while gap > 0 and s[gap - 1] in _GAP:
                gap -= 1
            edits.insert(0, (gap, gap, ":"))
        if clear and narrator >= 0:
            msg = "quote is never closed; closed before the sentence in which the narrator reports speech"
            app = Applicability.SAFE
        elif clear:
            msg = "quote is never closed; closed at the end of its paragraph"
            app = Applicability.SAFE
        else:
            msg = "quote opened mid-sentence is never closed; its extent is ambiguous"
            app = Applicability.REVIEW
        yield ctx.diag("Q004", msg, q.open.start, q.open.end, edits, app)


@rule(code="Q005", name="lost-opening-mark", family="quotes", scope="paragraph",
      summary="A closing mark whose opening mark was lost.",
      why="Translation drops the opening mark at a paragraph's start, leaving a quote that only closes.",
      fix_safety="Safe when no other mark comes before it: the opening mark goes at the paragraph's "
                 "start. Review when the paragraph starts with a speech verb or other quotes come first: "
                 "the quote's start is ambiguous.",
      applicability=Applicability.SAFE, priority=25, structural=False,
      examples=[Example("نحن لا نعارض المشروع»، بحسب بيان الجمعية.",
                        "«نحن لا نعارض المشروع»، بحسب بيان الجمعية.", at="»")],
      good=["«نحن لا نعارض المشروع»، بحسب بيان الجمعية."])
def lost_opening(ctx: ParaContext):
    s = ctx.text
    for mark in ctx.pq.orphan_closes:
        lost = [q for q in ctx.pq.quotes if q.open is None and q.close is mark]
        o = ctx.open_mark
        if lost:
            pos = 0
            while pos < len(s) and (s[pos] in _SPACES or s[pos] in BIDI_CONTROLS):
                pos += 1
            first = WORD.match(s, pos)
            if first and ctx.lex.verb(first.group()):
                yield ctx.diag("Q005", "closing mark without an opening one; the quote's start is ambiguous",
                               mark.start, mark.end, [(pos, pos, o)], Applicability.REVIEW)
            else:
                yield ctx.diag("Q005", "closing mark without an opening one; the opening was lost at the "
                               "paragraph's start", mark.start, mark.end, [(pos, pos, o)])
        else:
            yield ctx.diag("Q005", "closing mark without an opening one; the quote's start is ambiguous",
                           mark.start, mark.end, None)


_GAP = _SPACES + BIDI_CONTROLS
# punctuation that attaches to the word before it: no space between a closing mark and it
_ATTACHING = frozenset("،,.;؛:!?؟)]}…")


def _gap_before(s: str, pos: int) -> int:
    i = pos
    while i > 0 and s[i - 1] in _GAP:
        i -= 1
    return i


def _gap_after(s: str, pos: int) -> int:
    i = pos
    while i < len(s) and s[i] in _GAP:
        i += 1
    return i


def _normal_gap(region: str, space: bool, space_first: bool) -> str:
    """The gap with its bidi controls kept and its spaces made one (or none)."""
    bidi = "".join(c for c in region if c in BIDI_CONTROLS)
    sp = " " if space else ""
    return sp + bidi if space_first else bidi + sp


@rule(code="Q006", name="quote-mark-spacing", family="quotes", scope="paragraph",
      summary="A quotation mark glued to the word outside it, or padded inside.",
      why="House style puts one space before an opening mark and after a closing one, none inside "
          "(`يلحق“ضررا` and `“ شرط ”` are both wrong); glued marks also confuse tokenizers. A "
          "one-letter word that attaches (و ف ب ل ك, also وب، بـ) stays glued to the quote: `و«العدالة»`.",
      fix_safety="Only spaces change; bidi controls beside the mark stay.",
      applicability=Applicability.SAFE, priority=40, structural=False,
      examples=[Example("قد يلحق «ضررا كبيرا»بالمحلات.", "قد يلحق «ضررا كبيرا» بالمحلات.", at="»"),
                Example("ووصفه بأنه «قرار سيئ» ، لكنه قبله.", "ووصفه بأنه «قرار سيئ»، لكنه قبله.", at="»"),
                Example("لأنها « شرط للتسجيل».", "لأنها «شرط للتسجيل».", at="«"),
                Example("دعا إلى الحرية و «العدالة» معا.", "دعا إلى الحرية و«العدالة» معا.", at="«")],
      good=["قد يلحق «ضررا كبيرا» بالمحلات.", "وقال: «نعم».", "كلام ثم \u200f«عبارة»\u061c هنا.",
            "دعا إلى الحرية و«العدالة» معا.", "ووصف الخطوة بـ«الخطيرة»."])
def mark_spacing(ctx: ParaContext):
    s = ctx.text
    n = len(s)
    for q in ctx.pq.quotes:
        if q.open is not None and q.close is not None and not s[q.open.end:q.close.start].strip(_GAP):
            continue
        for mark in (q.open, q.close):
            if mark is None or mark.kind == "cluster":
                continue
            # fast path: the usual shapes ` «w` and `w» ` / `w».` need no work
            before = s[mark.start - 1] if mark.start else ""
            after = s[mark.end] if mark.end < n else ""
            if mark.role == "open":
                if (before == " " and (mark.start < 2 or s[mark.start - 2] not in _GAP) or not before) \
                        and after and after not in _GAP and not proclitic_before(s, mark.start - 1):
                    continue
            elif before and before not in _GAP and (
                    not after or (after == " " and (mark.end + 1 >= n or (s[mark.end + 1] not in _GAP
                                                                          and s[mark.end + 1] not in _ATTACHING)))
                    or (after not in _GAP and not after.isalnum() and after not in "«“‘„(")):
                continue
            edits = []
            b, a = _gap_before(s, mark.start), _gap_after(s, mark.end)
            gap_before, gap_after = s[b:mark.start], s[mark.end:a]
            prev = s[b - 1] if b > 0 else ""
            nxt = s[a] if a < n else ""
            if mark.role == "open":
                # a proclitic stays glued to the quote it introduces: و«الحرية», بـ«الخطير»
                glued = b == 0 or prev in "([{" or prev in QUOTE_MARKS or proclitic_before(s, b)
                want = _normal_gap(gap_before, not glued, True)
                if b > 0 and gap_before != want:
                    edits.append((b, mark.start, want))
                want = _normal_gap(gap_after, False, False)
                if nxt and gap_after != want:
                    edits.append((mark.end, a, want))
            else:
                want = _normal_gap(gap_before, False, False)
                if b > 0 and gap_before != want:
                    edits.append((b, mark.start, want))
                if nxt.isalnum() or nxt in "«“‘„(":
                    space = True
                elif nxt in _ATTACHING:  # `«قرار سيئ» ،` → `«قرار سيئ»،`
                    space = False
                else:  # a dash or another sign: its spacing is the text's own
                    space = any(c in _SPACES for c in gap_after)
                want = _normal_gap(gap_after, space, False)
                if nxt and gap_after != want:
                    edits.append((mark.end, a, want))
            if edits:
                what = "opening" if mark.role == "open" else "closing"
                yield ctx.diag("Q006", f"{what} mark {mark.text} is glued or padded", mark.start, mark.end, edits)


@rule(code="Q007", name="punctuation-inside-quote-end", family="quotes", scope="paragraph",
      summary="A full stop or comma of the sentence stands inside the closing mark, or a Latin comma "
              "beside a mark.",
      why="English puts `.` and `,` inside the quote (`…,” he said`); Arabic house style keeps the "
          "sentence's full stop after the mark (`…الحالي».`) and its comma after it (`…»، بحسب`). "
          "؟ and ! that belong to the quoted words stay inside.",
      fix_safety="Punctuation moves across the mark; a Latin comma becomes ،.",
      applicability=Applicability.SAFE, priority=35, structural=False,
      examples=[Example("وقال: «الاتفاق نهائي.»", "وقال: «الاتفاق نهائي».", at="."),
                Example("«الحكم نهائي،» وفقا للمحكمة.", "«الحكم نهائي»، وفقا للمحكمة.", at="،"),
                Example("«الحكم نهائي», وفقا للمحكمة.", "«الحكم نهائي»، وفقا للمحكمة.", at=",")],
      good=["وقال: «هل هذا معقول؟».", "«الحكم نهائي»، وفقا للمحكمة."])
def end_punctuation(ctx: ParaContext):
    s = ctx.text
    n = len(s)
    for q in ctx.pq.quotes:
        mark = q.close
        if mark is None or mark.kind == "cluster" or q.open is None and q.depth > 0:
            continue
        i = mark.start - 1
        while i >= 0 and s[i] in _GAP:
            i -= 1
        inner = s[i] if i >= 0 and (q.open is None or i >= q.open.end) else ""
        nxt = mark.next  # bidi controls skipped
        after_pos = _gap_after(s, mark.end)
        after = s[after_pos] if after_pos < n else ""
        if inner == ".":
            if nxt and (nxt in _TERMINAL or nxt in COMMAS):
                yield ctx.diag("Q007", "full stop inside the quote doubles the punctuation after it",
                               i, i + 1, [(i, i + 1, "")])
            elif nxt == "" or nxt.isspace() or nxt in QUOTE_MARKS:
                yield ctx.diag("Q007", "the sentence's full stop stands inside the closing mark",
                               i, i + 1, [(i, i + 1, ""), (mark.end, mark.end, ".")])
            continue
        if inner and inner in COMMAS:
            if after == "" or after in _TERMINAL or after in COMMAS or after in QUOTE_MARKS:
                yield ctx.diag("Q007", "comma inside the closing mark has nothing to separate",
                               i, i + 1, [(i, i + 1, "")])
            else:
                comma = ARABIC_COMMA + (" " if after_pos == mark.end and after.isalnum() else "")
                yield ctx.diag("Q007", "the sentence's comma stands inside the closing mark",
                               i, i + 1, [(i, i + 1, ""), (mark.end, mark.end, comma)])
            continue
        if after_pos == mark.end and after == ",":
            yield ctx.diag("Q007", "Latin comma after a quote; Arabic uses ،", mark.end, mark.end + 1,
                           [(mark.end, mark.end + 1, ARABIC_COMMA)])


@rule(code="Q008", name="bidi-control-at-mark", family="quotes", scope="paragraph",
      summary="An invisible direction mark (U+200E, U+200F, U+061C, U+202A–E, U+2066–9) beside a "
              "quotation mark.",
      why="Scrapers and editors leave direction marks around the marks they reorder; once the marks "
          "are repaired the old controls point the wrong way, split the quoted words from their mark "
          "for search and translation, and show as stray gaps.",
      fix_safety="Only the invisible controls touching a mark (through spaces) go; controls anywhere "
                 "else stay.",
      applicability=Applicability.SAFE, priority=45, structural=False,
      examples=[Example("ضمن \u200e«الحزمة الأساسية» للرعاية.", "ضمن «الحزمة الأساسية» للرعاية.", at="\u200e")],
      good=["ضمن «الحزمة الأساسية» للرعاية.", "رقم \u200e123\u200e في القائمة."])
def bidi_at_mark(ctx: ParaContext):
    s = ctx.text
    if not ctx.pq.has_bidi:
        return
    seen: set[int] = set()
    for mark in ctx.pq.marks:
        if not mark.role:
            continue
        for lo, hi in ((_gap_before(s, mark.start), mark.start), (mark.end, _gap_after(s, mark.end))):
            for i in range(lo, hi):
                if s[i] in BIDI_CONTROLS and i not in seen:
                    seen.add(i)
                    yield ctx.diag("Q008", f"direction mark U+{ord(s[i]):04X} beside a quotation mark",
                                   i, i + 1, [(i, i + 1, "")])
