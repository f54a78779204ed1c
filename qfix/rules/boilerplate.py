"""Boilerplate rules: site names after the title, subscribe and share footers."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import regex

from ..diagnostics import Applicability
from ..parse.quotes import HAS_MARK
from ..text import has_arabic
from .base import DocContext, Example, rule
from .lexicon import lexicon, extra_pattern, footer_gate, footer_lines, site_key, site_names, site_words

# ` | Site`, ` – Site`, ` — Site`, ` - Site` at the end of the title line
_SEPARATOR = re.compile(r"[ \t\u00a0]+([|–—-])[ \t\u00a0]+")
_STRONG_SEPARATORS = "|–—"
_LATIN_TOKEN = regex.compile(r"[A-Za-z][A-Za-z0-9&'.]*")
_LETTER = regex.compile(r"\p{L}")
_DOMAIN = regex.compile(r"(?i)(?:\bwww\.|\.(?:com|net|org|info|news|tv|co|me|ae|sa|eg|ma|dz|tn|jo|lb|iq|kw|qa|ps|sy|ly)\b)")
_MAX_SITE_WORDS = 6
# a site's edition after its name: `سكاي نيوز عربية`, `BBC News عربي`, `CNN Arabic`
_EDITION_WORDS = ("عربي", "عربية", "بالعربية", "العربية", "arabic", "arabia", "english")
_EDITION = regex.compile(rf"(?:\s+(?:{'|'.join(_EDITION_WORDS)}))+$")
# a footer's site name holds no preposition standing alone: those begin a sentence's phrase
_NOT_A_SITE = regex.compile(r"(?<!\S)(?:في|على|إلى|عن|مع|قبالة|حول|منذ|بعد|قبل|خلال|بين|لدى|عند|ضد)(?!\S)")
# `Asharq Al-Awsat`, `Al Mayadeen`, `El Watan`: Arabic written in Latin letters under an Arabic
# headline is a masthead (a headline would write its Arabic words in Arabic)
_ARABIC_NAME_IN_LATIN = regex.compile(r"(?<![A-Za-z])(?:Al|El|Ash|As|Ad|Ar|An|At)[- ][A-Z][a-z]+")


_NONSPACE = re.compile(r"\S")
_NEWLINE = re.compile(r"\n")


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding ``pos``, without its terminator (nor a CR before LF)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


class Footer:
    """A whole line matching a footer pattern: its span, whether a built-in pattern or the
    user's matched, and the site it names (`اكتشاف المزيد من X`)."""

    __slots__ = ("start", "end", "builtin", "site")

    def __init__(self, start: int, end: int, builtin: bool, site: str):
        self.start, self.end, self.builtin, self.site = start, end, builtin, site


def _footer_matches(text: str) -> list[re.Match]:
    """``footer_lines().finditer(text)``, but only at the starts of lines that begin with a
    footer's first word (most texts have none): the same matches, as a footer line match
    starts at a line's start and ends at its end."""
    gate = footer_gate()
    pattern = footer_lines()
    if gate is None:
        return list(pattern.finditer(text))
    first, later = gate
    out = []
    if first.match(text) is not None:
        m = pattern.match(text)
        if m is not None:
            out.append(m)
    for g in later.finditer(text):
        m = pattern.match(text, g.start() + 1)
        if m is not None:
            out.append(m)
    return out


def _footers(ctx: DocContext) -> list[Footer]:
    """Every whole line matching a footer pattern, in order: one scan of the text by a single
    multi-line pattern of every built-in footer; the user's patterns, when there are some, a
    line at a time."""
    cached = ctx._footer_spans
    if cached is None:
        text = ctx.text
        found: dict[int, Footer] = {}
        for m in _footer_matches(text):
            site = next(filter(None, m.groups()), "")
            if site and _NOT_A_SITE.search(site):
                continue  # `اكتشاف المزيد من المقابر في المنطقة`: words of a sentence
            a, b = _line_at(text, m.start())
            found[a] = Footer(a, b, True, site)
        extra = extra_pattern(ctx.config.extra_boilerplate)
        if extra is not None:
            for pos in [0] + [m.end() for m in _NEWLINE.finditer(text)]:
                a, b = _line_at(text, pos)
                stripped = text[a:b].strip()
                if a not in found and stripped and b - a < 200 and extra.fullmatch(stripped):
                    found[a] = Footer(a, b, False, "")
        cached = ctx._footer_spans = [found[a] for a in sorted(found)]
    return cached


def _trailing(ctx: DocContext) -> list[bool]:
    """For each footer: whether only footers and blank lines follow it and the article comes
    before it (the page's chrome at the end of a text, where scrapers put it; a text that is
    nothing but such lines is no article with a footer)."""
    if ctx._trailing is not None:
        return ctx._trailing
    text = ctx.text
    footers = _footers(ctx)
    trailing = ctx._trailing = [False] * len(footers)
    if not footers or not text[:footers[0].start].strip():
        return trailing
    clean = not text[footers[-1].end:].strip() if footers else False
    for k in range(len(footers) - 1, -1, -1):
        if k < len(footers) - 1:
            clean = clean and not text[footers[k].end:footers[k + 1].start].strip()
        trailing[k] = clean
    return trailing


def _footer_sites(ctx: DocContext) -> set[str]:
    trailing = _trailing(ctx)
    return {site_key(f.site) for f, t in zip(_footers(ctx), trailing) if f.site and t}


def tail_evidence(site: str, separator: str, config, footer_sites: frozenset[str] | set[str] = frozenset()) -> str:
    """Why ``site`` (the tail of a title after ``separator``) is a site's name, or "" when
    nothing says so. Evidence: a site word in Latin script (News, .com, Online); a known site
    name; an Arabic masthead word (نيوز, بلس; اليوم and الآن only after | – —; موقع, بوابة as
    the first word); a section name (ثقافة وفنون); a site name the configuration gives or
    that ends several titles of the batch; the site the page's own footer names."""
    key = site_key(site)
    if config.site_names and key in _keys(config.site_names):
        return "the configured site name"
    if config.batch_site_names and key in _keys(config.batch_site_names):
        return "the same tail ends other titles of this batch"
    if key in footer_sites:
        return "the page's footer names the same site"
    if key in site_names():
        return "a known site name"
    # `بي بي سي نيوز عربي`, `CNN Arabic`: the site's edition (the pattern needs one of its words last)
    edition = _EDITION.sub("", key).strip() if key.endswith(_EDITION_WORDS) else key
    if edition != key and edition in site_names():
        return "a known site name"
    words = site_words()
    if _DOMAIN.search(site):
        return "a web address"
    if _ANY_LATIN.search(site):  # else no Latin token
        latin, by_length = _latin_words()
        for token in _LATIN_TOKEN.findall(site):
            low = token.casefold()  # ASCII: as long as the token
            if low in latin:
                return f"the site word {token!r}"
            # a site word glued to a name (`AlArabiyaNews`): it starts with a capital
            for n, ends in by_length:
                if n < len(low) and low[-n:] in ends and token[-n].isupper():
                    return f"the site word {token!r}"
    tokens = key.split()
    if not has_arabic(site):  # `CNN Business`, `BBC Sport`: a known name and its section
        for n in range(len(tokens) - 1, 0, -1):
            if " ".join(tokens[:n]) in site_names():
                return f"the known site name {' '.join(site.split()[:n])!r}"
    if _ARABIC_NAME_IN_LATIN.search(site):
        return "an Arabic name in Latin script"
    tokens = edition.split()
    # a masthead word ends the name (الوطن نيوز, مدينتي اليوم, صحة نت); inside a tail it is a word
    # of the headline (إمساكية اليوم الأول)
    for n in (2, 1):
        last = " ".join(tokens[-n:])
        if len(tokens) > n and last in words["arabic"]:
            return f"the masthead word {last!r}"
        if len(tokens) > n and last in words["strong"] and separator in _STRONG_SEPARATORS:
            return f"the masthead word {last!r} after {separator!r}"
    if tokens and tokens[0] in words["first"]:
        return f"the masthead word {tokens[0]!r}"
    section = [t[1:] if t[:1] == "و" and t[1:] in words["section"] else t for t in tokens]
    if section and all(t in words["section"] for t in section):
        return "a section name"
    return ""


_ANY_LATIN = re.compile("[A-Za-z]")


@lru_cache(maxsize=1)
def _latin_words() -> tuple[frozenset[str], tuple[tuple[int, frozenset[str]], ...]]:
    """The Latin site words, and by length, for the test of a word at a token's end."""
    latin = site_words()["latin"]
    lengths = sorted({len(w) for w in latin})
    return latin, tuple((n, frozenset(w for w in latin if len(w) == n)) for n in lengths)


class Tail(NamedTuple):
    """A title's tail after a separator: perhaps the site's name."""

    start: int  # of the separator with its spaces: what a removal takes
    tail_start: int
    end: int  # of the title line
    text: str
    separator: str  # | – — -


@lru_cache(maxsize=64)
def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(site_key(n) for n in names)


def title_tails(text: str) -> list[Tail]:
    """The tails of the text's first line that may be a site's name, the shortest (after the
    last separator) first: `headline - iPhone 17 – Asharq Al-Awsat` has two. Pure; the batch
    layer counts them across documents."""
    first = _NONSPACE.search(text)
    if first is None:
        return []
    a, b = _line_at(text, first.start())
    if not _NONSPACE.search(text, b):
        return []  # a lone line is no title with a body
    return _tails(text[a:b], a, b)


def _tails(title: str, a: int, b: int) -> list[Tail]:
    """The tails of the title line ``title`` (at ``a:b`` in its text)."""
    out: list[Tail] = []
    if "-" not in title and "|" not in title and "–" not in title and "—" not in title:
        return out  # no separator (most titles): no need to scan
    for m in reversed(list(_SEPARATOR.finditer(title))):
        site = title[m.end():].strip()
        head = title[:m.start()]
        words = site.split()
        if not head.strip() or not words or len(words) > _MAX_SITE_WORDS or site[-1:] in ".!?؟:،":
            break  # longer tails only hold more words
        if not _LETTER.search(site) or HAS_MARK.search(site):
            continue  # a site name has letters and no quotation marks
        if len(head.split()) < 2 or not has_arabic(head):
            continue
        out.append(Tail(a + m.start(), a + m.end(), b, site, m.group(1)))
    return out


def title_settled(title: str, config) -> bool:
    """Whether the document rules find nothing on ``title``, the first line with text of a text
    with a body after it: no tail that may be a site's name (B001), no footer line (B002)."""
    return not _tails(title, 0, len(title)) and not _footers(DocContext(title, config, lexicon(config.extra_speech_verbs)))


@rule(code="B001", name="site-name-in-title", family="boilerplate", scope="document",
      summary="The site's name after the title (` – RT World News`, ` | بوابة الشرق`).",
      why="Scrapers copy the page's <title>, which ends with the site's name; it is no part of the "
          "headline and should not be translated or published.",
      fix_safety="Safe only with evidence, which the message names: a site word in Latin script "
                 "(News, Online, .com), a known site name, an Arabic masthead word (نيوز, بلس, أونلاين; "
                 "اليوم and الآن after | – —; موقع, بوابة, صحيفة first), a section name (ثقافة وفنون), a "
                 "site name from the configuration (`site-names`), the same tail after the titles of "
                 "several documents of a batch, or the site the page's own footer names. Any other "
                 "tail (`كأس العالم 2026 — المغرب يتأهل`) may be part of the headline: review.",
      applicability=Applicability.SAFE, priority=0, structural=True,
      examples=[Example("الكرملين يعلق على المحادثات النووية – RT World News\nقال بيسكوف إن المحادثات مهمة.",
                        "الكرملين يعلق على المحادثات النووية\nقال بيسكوف إن المحادثات مهمة.", at="RT World"),
                Example("مدرب الساحل يتعهد بالعودة | الرياضة اليوم\nتعهد المدرب بالعودة.",
                        "مدرب الساحل يتعهد بالعودة\nتعهد المدرب بالعودة.", at="الرياضة")],
      good=["دراسة: المشي يخفض خطر الإصابة بأمراض القلب\nخلصت دراسة إلى أن المشي مفيد.",
            "الكرملين يعلق على المحادثات النووية\nقال بيسكوف إن المحادثات مهمة."])
def site_name_in_title(ctx: DocContext):
    tails = title_tails(ctx.text)
    if not tails:
        return
    sites = _footer_sites(ctx)
    for t in tails:  # the shortest tail with evidence is the site's name
        evidence = tail_evidence(t.text, t.separator, ctx.config, sites)
        if evidence:
            yield ctx.diag("B001", f"site name {t.text!r} after the title (evidence: {evidence})",
                           t.tail_start, t.end, [(t.start, t.end, "")])
            return
    t = tails[0]
    yield ctx.diag("B001", f"{t.text!r} after the title may be a site name or part of the headline; nothing "
                   "says which (no site word, known or configured site name, or tail repeated in other titles)",
                   t.tail_start, t.end, [(t.start, t.end, "")], Applicability.REVIEW)


@rule(code="B002", name="subscribe-share-footer", family="boilerplate", scope="document",
      summary="A subscribe or share line from the site's page (`اشترك للحصول على …`, `شارك هذا:`).",
      why="Widget text scraped with the article: no part of it, and noise in translation and review.",
      fix_safety="Safe for whole lines matching a footer's whole shape (qfix/rules/data/footers.txt: "
                 "the widget's text, a site's name of at most six words, no sentence after it) at the "
                 "end of the text, followed only by other footers and blank lines; review for such a "
                 "line with text after it. Lines matching `extra-boilerplate` go wherever they stand. Blank "
                 "lines left at the end of the text go with the footer.",
      applicability=Applicability.SAFE, priority=0, structural=True,
      examples=[Example("وقررت الحكومة إعفاء الشحنات من الرسوم.\nشارك هذا:",
                        "وقررت الحكومة إعفاء الشحنات من الرسوم.", at="شارك هذا:"),
                Example("وقررت الحكومة إعفاء الشحنات.\nاكتشاف المزيد من صدى المدينة",
                        "وقررت الحكومة إعفاء الشحنات.", at="اكتشاف")],
      good=["شارك هذا الأسبوع آلاف المتظاهرين في المسيرة.\nوقالت الشرطة إن المسيرة سلمية.",
            "عثر الفريق على قطع فخارية.\nاكتشاف المزيد من المقابر في المنطقة يؤكد أهميتها التاريخية، وفقا للوزارة."])
def footer_line(ctx: DocContext):
    text = ctx.text
    footers = _footers(ctx)
    trailing = _trailing(ctx)
    for k, f in enumerate(footers):
        a, b = f.start, f.end
        if a == 0:
            nl = text.find("\n", b)
            start, end = 0, (nl + 1 if nl >= 0 else b)
        else:
            start, end = _line_at(text, a - 1)[1], b
            # at the end of the text, blank lines before the footer go with it
            if trailing[k]:
                ls, le = _line_at(text, a - 1)
                while ls > 0 and not text[ls:le].strip() and (k == 0 or footers[k - 1].end < ls):
                    start = _line_at(text, ls - 1)[1]
                    ls, le = _line_at(text, ls - 1)
        line = text[a:b].strip()
        if not f.builtin:
            yield ctx.diag("B002", f"line {line!r} matches extra-boilerplate", a, b, [(start, end, "")])
        elif trailing[k]:
            yield ctx.diag("B002", f"subscribe/share line {line!r} at the end of the text", a, b,
                           [(start, end, "")])
        else:
            yield ctx.diag("B002", f"{line!r} reads like a subscribe/share line, but text follows it",
                           a, b, [(start, end, "")], Applicability.REVIEW)
