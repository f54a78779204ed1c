"""Boilerplate rules: site names after the title, subscribe and share footers."""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from ..diagnostics import Applicability
from ..parse.quotes import HAS_MARK
from ..text import has_arabic
from .base import DocContext, Example, rule
from .lexicon import footer_first_chars, footer_pattern, site_words

# ` | Site`, ` – Site`, ` — Site`, ` - Site` at the end of the title line
_SEPARATOR = re.compile(r"[ \t\u00a0]+([|–—-])[ \t\u00a0]+")
_STRONG_SEPARATORS = "|–—"
_LATIN_WORD = regex.compile(r"[A-Za-z]")
_LETTER = regex.compile(r"\p{L}")
_DISCOVER = regex.compile(r"^(?:اكتشاف المزيد من|Discover more from)\s+(?P<site>.+?)\s*$")
_MAX_SITE_WORDS = 6
_SURE_SITE_WORDS = 3  # ` – تقنية بلس`: a short tail after a dash is the site (CONVENTIONS.md)


_NONSPACE = re.compile(r"\S")
_NEWLINE = re.compile(r"\n")


@lru_cache(maxsize=4)
def _candidate_lines(first_chars: frozenset[str]) -> re.Pattern:
    return re.compile(r"^[^\S\n]*[" + re.escape("".join(sorted(first_chars))) + "]", re.M)


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding ``pos``, without its terminator (nor a CR before LF)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _title_tail(title: str) -> re.Match | None:
    """The first separator (` | `, ` – `, ` — `, ` - `) after which no | – — follows."""
    last_strong = max(title.rfind(c) for c in _STRONG_SEPARATORS)
    for m in _SEPARATOR.finditer(title):
        if m.start(1) >= last_strong and m.end() < len(title.rstrip()):
            return m
    return None


def _footers(ctx: DocContext) -> list[tuple[int, int]]:
    """(start, end) of every whole line matching a footer pattern, in order."""
    cached = ctx._footer_spans
    if cached is None:
        extra = ctx.config.extra_boilerplate
        pattern = footer_pattern(extra)
        first_chars = None if extra else footer_first_chars()
        cached = []
        text = ctx.text
        if first_chars is None:
            starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        else:  # only lines whose first visible character can start a footer
            starts = [m.start() for m in _candidate_lines(first_chars).finditer(text)]
        for pos in starts:
            a, b = _line_at(text, pos)
            if b - a < 200:
                stripped = text[a:b].strip()
                if stripped and pattern.fullmatch(stripped):
                    cached.append((a, b))
        ctx._footer_spans = cached
    return cached


def _site_names(ctx: DocContext) -> set[str]:
    names = set()
    for a, b in _footers(ctx):
        m = _DISCOVER.match(ctx.text[a:b].strip())
        if m:
            names.add(m.group("site").casefold())
    return names


@rule(code="B001", name="site-name-in-title", family="boilerplate", scope="document",
      summary="The site's name after the title (` – RT World News`, ` | اسم الموقع`).",
      why="Scrapers copy the page's <title>, which ends with the site's name; it is no part of the "
          "headline and should not be translated or published.",
      fix_safety="Safe after ` | `, and after a dash when the tail has at most three words, is in Latin "
                 "script under an Arabic title, names the site of the page's own footer, or holds a word "
                 "such as نيوز / موقع / News; review for longer tails. A headline that itself ends in "
                 "` - ` and a short name (`برشلونة - ريال مدريد`) is taken for a site: check titles "
                 "of match reports.",
      applicability=Applicability.SAFE, priority=0, structural=True,
      examples=[Example("الكرملين يعلق على المحادثات النووية – RT World News\nقال بيسكوف إن المحادثات مهمة.",
                        "الكرملين يعلق على المحادثات النووية\nقال بيسكوف إن المحادثات مهمة.", at="RT World"),
                Example("مدرب الساحل يتعهد بالعودة | الرياضة اليوم\nتعهد المدرب بالعودة.",
                        "مدرب الساحل يتعهد بالعودة\nتعهد المدرب بالعودة.", at="الرياضة")],
      good=["دراسة: المشي يخفض خطر الإصابة بأمراض القلب\nخلصت دراسة إلى أن المشي مفيد.",
            "الكرملين يعلق على المحادثات النووية\nقال بيسكوف إن المحادثات مهمة."])
def site_name_in_title(ctx: DocContext):
    text = ctx.text
    first = _NONSPACE.search(text)
    if first is None:
        return
    a, b = _line_at(text, first.start())
    if not _NONSPACE.search(text, b):
        return  # a lone line is no title with a body
    title = text[a:b]
    m = _title_tail(title)
    if not m:
        return
    site = title[m.end():].strip()
    head = title[:m.start()]
    words = site.split()
    if not head.strip() or not words or len(words) > _MAX_SITE_WORDS or site[-1:] in ".!?؟:،":
        return
    if not _LETTER.search(site) or HAS_MARK.search(site):
        return  # a site name has letters and no quotation marks
    if len(head.split()) < 2 or not has_arabic(head):
        return
    sure = (m.group(1) == "|"
            or len(words) <= _SURE_SITE_WORDS
            or (_LATIN_WORD.search(site) and not has_arabic(site))
            or any(w.casefold() in site_words() for w in words)
            or site.casefold() in _site_names(ctx))
    app = Applicability.SAFE if sure else Applicability.REVIEW
    msg = f"site name {site!r} after the title" if sure else f"{site!r} after the title may be a site name"
    yield ctx.diag("B001", msg, a + m.end(), b, [(a + m.start(), b, "")], app)


@rule(code="B002", name="subscribe-share-footer", family="boilerplate", scope="document",
      summary="A subscribe or share line from the site's page (`اشترك للحصول على …`, `شارك هذا:`).",
      why="Widget text scraped with the article: no part of it, and noise in translation and review.",
      fix_safety="Only whole lines matching the footer table (qfix/rules/data/footers.txt) or "
                 "`extra-boilerplate` go; blank lines left at the end of the text go with them.",
      applicability=Applicability.SAFE, priority=0, structural=True,
      examples=[Example("وقررت الحكومة إعفاء الشحنات من الرسوم.\nشارك هذا:",
                        "وقررت الحكومة إعفاء الشحنات من الرسوم.", at="شارك هذا:"),
                Example("وقررت الحكومة إعفاء الشحنات.\nاكتشاف المزيد من صدى المدينة",
                        "وقررت الحكومة إعفاء الشحنات.", at="اكتشاف")],
      good=["شارك هذا الأسبوع آلاف المتظاهرين في المسيرة.\nوقالت الشرطة إن المسيرة سلمية."])
def footer_line(ctx: DocContext):
    text = ctx.text
    footers = _footers(ctx)
    # trailing[k]: from footer k on, the text holds only footers and blank lines
    trailing = [False] * len(footers)
    tail_clean = not text[footers[-1][1]:].strip() if footers else False
    for k in range(len(footers) - 1, -1, -1):
        if k < len(footers) - 1:
            tail_clean = tail_clean and not text[footers[k][1]:footers[k + 1][0]].strip()
        trailing[k] = tail_clean
    for k, (a, b) in enumerate(footers):
        if a == 0:
            nl = text.find("\n", b)
            start, end = 0, (nl + 1 if nl >= 0 else b)
        else:
            start, end = _line_at(text, a - 1)[1], b
            # at the end of the text, blank lines before the footer go with it
            if trailing[k]:
                ls, le = _line_at(text, a - 1)
                while ls > 0 and not text[ls:le].strip() and (k == 0 or footers[k - 1][1] < ls):
                    start = _line_at(text, ls - 1)[1]
                    ls, le = _line_at(text, ls - 1)
        yield ctx.diag("B002", f"subscribe/share line {text[a:b].strip()!r}", a, b, [(start, end, "")])
