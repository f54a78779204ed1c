"""Boilerplate rules: site names after the title, subscribe and share footers."""
from __future__ import annotations

import regex

from ..diagnostics import Applicability
from ..parse.quotes import HAS_MARK
from ..text import has_arabic
from .base import DocContext, Example, rule
from .lexicon import footer_pattern, site_words

# ` | Site`, ` – Site`, ` — Site`, ` - Site` at the end of the title line
_TITLE_TAIL = regex.compile(r"(?P<sep>[ \t\u00a0]+(?P<mark>[|–—-])[ \t\u00a0]+)(?P<site>[^|–—]+?)[ \t\u00a0]*$")
_LATIN_WORD = regex.compile(r"[A-Za-z]")
_LETTER = regex.compile(r"\p{L}")
_DISCOVER = regex.compile(r"^(?:اكتشاف المزيد من|Discover more from)\s+(?P<site>.+?)\s*$")
_MAX_SITE_WORDS = 6
_SURE_SITE_WORDS = 3  # ` – تقنية بلس`: a short tail after a dash is the site (CONVENTIONS.md)


def _footer_lines(ctx: DocContext) -> list[int]:
    pattern = footer_pattern(ctx.config.extra_boilerplate)
    text = ctx.text
    out = []
    for i, (a, b) in enumerate(ctx.lines):
        if b - a < 200:
            line = text[a:b].strip()
            if line and pattern.fullmatch(line):
                out.append(i)
    return out


def _site_names(ctx: DocContext, footer: list[int]) -> set[str]:
    names = set()
    for i in footer:
        a, b = ctx.lines[i]
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
    lines = [(a, b) for a, b in ctx.lines if ctx.text[a:b].strip()]
    if len(lines) < 2:
        return  # a lone line is no title with a body
    a, b = lines[0]
    title = ctx.text[a:b]
    m = _TITLE_TAIL.search(title)
    if not m:
        return
    site = m.group("site").strip()
    head = title[:m.start()]
    words = site.split()
    if not head.strip() or not words or len(words) > _MAX_SITE_WORDS or site[-1:] in ".!?؟:،":
        return
    if not _LETTER.search(site) or HAS_MARK.search(site):
        return  # a site name has letters and no quotation marks
    if len(head.split()) < 2 or not has_arabic(head):
        return
    sure = (m.group("mark") == "|"
            or len(words) <= _SURE_SITE_WORDS
            or (_LATIN_WORD.search(site) and not has_arabic(site))
            or any(w.casefold() in site_words() for w in words)
            or site.casefold() in _site_names(ctx, _footer_lines(ctx)))
    app = Applicability.SAFE if sure else Applicability.REVIEW
    msg = f"site name {site!r} after the title" if sure else f"{site!r} after the title may be a site name"
    yield ctx.diag("B001", msg, a + m.start("site"), b, [(a + m.start(), b, "")], app)


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
    lines = ctx.lines
    footer = _footer_lines(ctx)
    footer_set = set(footer)
    for i in footer:
        a, b = lines[i]
        if i == 0:
            start, end = a, (lines[1][0] if len(lines) > 1 else b)
        else:
            start, end = lines[i - 1][1], b
            # at the end of the text, blank lines before the footer go with it
            if all(k in footer_set or not text[lines[k][0]:lines[k][1]].strip() for k in range(i, len(lines))):
                j = i - 1
                while j > 0 and not text[lines[j][0]:lines[j][1]].strip() and j not in footer_set:
                    start = lines[j - 1][1]
                    j -= 1
        yield ctx.diag("B002", f"subscribe/share line {text[a:b].strip()!r}", a, b, [(start, end, "")])
