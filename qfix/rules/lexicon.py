"""Word lists from ``rules/data``, loaded once and matched without diacritics."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import re

import regex

from ..parse.chardata import TASHKEEL

_TASHKEEL = regex.compile(f"[{TASHKEEL}]")
_TASHKEEL_TABLE = {cp: None for cp in range(0x0600, 0x0700) if _TASHKEEL.match(chr(cp))}
# letters, digits and Arabic diacritics (stdlib re: several times faster than `regex` here)
WORD = re.compile(f"(?:[^\\W_]|[{TASHKEEL}])+")
# that-clauses: a sentence holding one reports speech, it does not attribute a quote
COMPLEMENTIZER = re.compile(r"(?<!\w)(?:[بل]?[إأ]ن(?:ه|ها|هم|هما|هن|نا|ني)?|لأن(?:ه|ها|هم)?)(?!\w)")


def strip_tashkeel(word: str) -> str:
    return word.translate(_TASHKEEL_TABLE)


def _lines(name: str) -> list[str]:
    text = resources.files("qfix.rules").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def _speech_verbs() -> frozenset[str]:
    forms: set[str] = set()
    for line in _lines("speech_verbs.tsv"):
        forms.update(strip_tashkeel(f) for f in line.split("\t") if f)
    return frozenset(forms)


def _participle_forms(base: str) -> set[str]:
    if " " in base or not base.endswith("ا"):
        return {base}
    stem = base[:-1]
    return {base, stem, stem + "ة", stem + "ين", stem + "ات", stem + "ان", stem + "تين", stem + "تان"}


@lru_cache(maxsize=None)
def _participles() -> tuple[frozenset[str], tuple[str, ...]]:
    single: set[str] = set()
    phrases: list[str] = []
    for base in _lines("participles.txt"):
        if " " in base:
            phrases.append(base)
        else:
            single.update(_participle_forms(strip_tashkeel(base)))
    single.discard("")
    return frozenset(single), tuple(sorted(phrases, key=len, reverse=True))


# A site's name inside a footer pattern (`{site}`): up to six words, no sentence punctuation.
_SITE_TOKEN = r"[^\s.،,؛;!?؟:]+(?:\.[^\s.،,؛;!?؟:]+)*"
SITE_PART = rf"(?P<site>{_SITE_TOKEN}(?:[ \t]+{_SITE_TOKEN}){{0,3}})"


@lru_cache(maxsize=None)
def footer_lines() -> re.Pattern:
    """Every built-in footer pattern as one multi-line pattern matching a whole line (spaces
    around it allowed): one scan finds every footer line of a text."""
    alternatives = "|".join(f"(?:{p.replace('{site}', SITE_PART.replace('?P<site>', f'?P<site{k}>'))})"
                            for k, p in enumerate(_lines("footers.txt")))
    # stdlib re (several times faster than `regex` here); a site group per pattern, as `re`
    # allows no name twice: the site is whichever group matched
    return re.compile(rf"(?m)^[^\S\r\n]*(?:{alternatives})[^\S\r\n]*(?=\r?$)")


_META = set("()[]{}\\.*+?|^$")


def _first_word(pattern: str) -> str:
    """The literal text every match of ``pattern`` starts with (up to its first space or regex
    syntax; a character a quantifier makes optional is left out), or "" when there is none
    to rely on (a `|` outside a group, a pattern starting with syntax)."""
    depth, k, in_class = 0, 0, False
    while k < len(pattern):  # a top-level alternative could start with anything
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return ""
        k += 1
    word: list[str] = []
    for c in pattern:
        if c in _META or c.isspace():
            if c in "?*{" and word:
                word.pop()
            break
        word.append(c)
    return "".join(word)


@lru_cache(maxsize=None)
def footer_gate() -> tuple[re.Pattern, re.Pattern] | None:
    """A cheap test that a line may be a footer: every built-in footer line starts (after
    spaces) with one of a few literal words. Two patterns: one for the text's first line
    (``match`` at 0), one for the others (``finditer``: ``\\n`` and the word; the literal
    ``\\n`` first makes the scan fast). None when some pattern starts with no literal word."""
    words = {_first_word(p) for p in _lines("footers.txt")}
    if "" in words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    head = rf"[^\S\r\n]*(?:{alternatives})"
    return re.compile(head), re.compile("\n" + head)


@lru_cache(maxsize=None)
def extra_pattern(extra: tuple[str, ...]) -> regex.Pattern | None:
    """The user's `extra-boilerplate` patterns (validated by Config), or None."""
    return regex.compile("|".join(f"(?:{p})" for p in extra)) if extra else None


SITE_WORD_KINDS = ("latin", "arabic", "strong", "first", "section")


@lru_cache(maxsize=None)
def site_words() -> dict[str, frozenset[str]]:
    """Evidence words for a title tail, by kind (see data/site_words.tsv)."""
    kinds: dict[str, set[str]] = {k: set() for k in SITE_WORD_KINDS}
    for line in _lines("site_words.tsv"):
        word, kind = line.split("\t")
        if kind not in kinds:
            raise ValueError(f"site_words.tsv: unknown kind {kind!r}")
        kinds[kind].add(site_key(word))
    return {k: frozenset(v) for k, v in kinds.items()}


@lru_cache(maxsize=None)
def site_names() -> frozenset[str]:
    """Known site names, compared with ``site_key``."""
    return frozenset(site_key(n) for n in _lines("site_names.txt"))


def site_key(name: str) -> str:
    """A site name as compared: no tashkeel, case folded, spaces collapsed."""
    return " ".join(strip_tashkeel(name).casefold().split())


@dataclass(frozen=True)
class Lexicon:
    """The word tables one configuration sees (data files plus its extras)."""

    speech_verbs: frozenset[str]
    participles: frozenset[str]
    participle_phrases: tuple[str, ...]
    phrase_initials: frozenset[str] = frozenset()  # first letters of the phrases: a cheap test

    def verb(self, word: str) -> tuple[str, str] | None:
        """(prefix, verb) when ``word`` is a speech verb, bare or with و/ف glued on."""
        w = strip_tashkeel(word)
        if w in self.speech_verbs:
            return "", w
        if len(w) > 2 and w[0] in "وف" and w[1:] in self.speech_verbs:
            return w[0], w[1:]
        return None

    def is_participle(self, word: str) -> bool:
        w = strip_tashkeel(word)
        if w in self.participles:
            return True
        return len(w) > 3 and w[0] == "و" and w[1:] in self.participles


@lru_cache(maxsize=64)
def lexicon(extra_speech_verbs: tuple[str, ...] = ()) -> Lexicon:
    single, phrases = _participles()
    verbs = _speech_verbs() | {strip_tashkeel(v) for v in extra_speech_verbs}
    return Lexicon(verbs, single, phrases, frozenset(p[0] for p in phrases))
