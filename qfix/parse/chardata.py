"""Character tables: quote marks, Arabic punctuation, bidi controls.

One home for every character class the parser and rules use (after ftfy's
``chardata.py``). Sources: Unicode 15 General_Category Pi/Pf and Ps/Pe for the
quotation marks; CLDR ``ar`` delimiters (quotationStart ”, quotationEnd “,
alternateQuotationStart ’, alternateQuotationEnd ‘) for the reversed order
that Arabic machine translation often emits; Unicode Bidi_Control property for
the invisible direction marks.
"""
from __future__ import annotations

# Every character that may act as a quotation mark in scraped Arabic news.
DOUBLE_MARKS = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e"  # “ ” „ ‟ « » ″ 〝 〞
SINGLE_MARKS = "\u2018\u2019\u201a\u201b\u2039\u203a"  # ‘ ’ ‚ ‛ ‹ ›
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS + STRAIGHT_DOUBLE + STRAIGHT_SINGLE

# Unicode Bidi_Control: LRM, RLM, ALM, LRE..RLO, LRI..PDI.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

ARABIC_COMMA = "\u060c"  # ،
ARABIC_QUESTION = "\u061f"  # ؟
COMMAS = ARABIC_COMMA + ","
SENTENCE_END = ".!?" + ARABIC_QUESTION + "\u06d4"  # ۔ Urdu full stop, seen in some feeds
# Harakat and tatweel: ignored when matching words from the data files.
TASHKEEL = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"

# Quote styles a user can choose: (open, close, nested open, nested close).
QUOTE_STYLES: dict[str, tuple[str, str, str, str]] = {
    "«»": ("\u00ab", "\u00bb", "\u201c", "\u201d"),
    "“”": ("\u201c", "\u201d", "\u2018", "\u2019"),
    '""': ('"', '"', "'", "'"),
}
QUOTE_STYLE_NAMES = {"guillemets": "«»", "curly": "“”", "straight": '""'}


def quote_marks(style: str) -> tuple[str, str, str, str]:
    """The four marks of a quote style, by its marks ("«»") or its name ("guillemets")."""
    style = QUOTE_STYLE_NAMES.get(style, style)
    try:
        return QUOTE_STYLES[style]
    except KeyError:
        raise ValueError(
            f"unknown quote style {style!r}; choose one of: " + ", ".join(
                f"{marks} ({name})" for name, marks in QUOTE_STYLE_NAMES.items())
        ) from None
