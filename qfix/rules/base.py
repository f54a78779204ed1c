"""What a rule is, the contexts it sees, and the registry of all rules.

A rule is a function from a context to diagnostics, plus its documentation:
a code, a name for the defect, why it is wrong, how safe its fix is, and
examples (bad text that fires once and its fixed form; good text that fires
nothing) which the test suite runs (after ruff's rule docs and LanguageTool's
rule examples).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from ..config import Config, ConfigError
from ..diagnostics import Applicability, Diagnostic, Edit, Fix
from ..parse.chardata import quote_marks
from ..parse.quotes import ParagraphQuotes
from ..parse.chardata import BIDI_CONTROLS
from .lexicon import WORD as _WORD
from .lexicon import Lexicon, lexicon
from .speech import parse

_MESSAGES: dict[str, str] = {}


def _intern(message: str) -> str:
    """One copy of each message: a long document repeats the same few thousands of times."""
    return _MESSAGES.setdefault(message, message) if len(_MESSAGES) < 100_000 else message


_GAP = frozenset(" \t\u00a0\u2009\u202f" + BIDI_CONTROLS)


@dataclass(frozen=True)
class Example:
    bad: str  # the rule fires exactly once here
    fixed: str | None  # the text after that diagnostic's fix; None when it has no fix
    at: str = ""  # a piece of ``bad`` the diagnostic's span must cover


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str  # "quotes" | "attribution" | "boilerplate"
    scope: str  # "paragraph" (sees one line) | "document"
    summary: str
    why: str
    fix_safety: str
    applicability: Applicability
    priority: int  # lower wins when two fixes overlap in one pass
    structural: bool  # rewrites a whole sentence or line: no other fix may touch its span
    examples: tuple[Example, ...]
    good: tuple[str, ...]
    check: Callable[..., Iterable[Diagnostic]] = field(compare=False, repr=False)

    def doc(self) -> str:
        lines = [f"{self.code} {self.name}", "", self.summary, "", "Why: " + self.why, "",
                 f"Fix safety ({self.applicability.value}): " + self.fix_safety, ""]
        for ex in self.examples:
            lines.append("Example:")
            lines.extend("  " + line for line in ex.bad.splitlines())
            if ex.fixed is not None:
                lines.append("Repaired:")
                lines.extend("  " + line for line in ex.fixed.splitlines())
            lines.append("")
        if self.good:
            lines.append("Left alone:")
            lines.extend("  " + g for g in self.good)
        return "\n".join(lines).rstrip() + "\n"


REGISTRY: dict[str, Rule] = {}


def rule(**meta) -> Callable[[Callable], Rule]:
    """Register a check function with its documentation."""
    def wrap(fn: Callable) -> Rule:
        meta.setdefault("examples", ())
        meta.setdefault("good", ())
        meta["examples"] = tuple(meta["examples"])
        meta["good"] = tuple(meta["good"])
        r = Rule(check=fn, **meta)
        if r.code in REGISTRY:
            raise ValueError(f"duplicate rule code {r.code}")
        REGISTRY[r.code] = r
        return r
    return wrap


def all_rules() -> list[Rule]:
    from . import attribution, boilerplate, quotes  # noqa: F401  (registration)
    return sorted(REGISTRY.values(), key=lambda r: r.code)


@lru_cache(maxsize=64)
def enabled_rules(config: Config, scope: str) -> tuple[Rule, ...]:
    check_codes(config)
    return tuple(r for r in all_rules() if r.scope == scope and config.rule_enabled(r.code))


def check_codes(config: Config) -> None:
    """Every code or prefix in ``select``/``ignore`` names some rule: `--select Q01` would
    otherwise run nothing and report a clean text. Raises ConfigError."""
    codes = [r.code for r in all_rules()]
    for name in ("select", "ignore"):
        for prefix in getattr(config, name):
            if not prefix or not any(code.startswith(prefix) for code in codes):
                raise ConfigError(f"{name}: {prefix!r} matches no rule code (codes: {', '.join(codes)}; "
                                  "a prefix such as Q or A00 selects a family)")


class ParaContext:
    """One paragraph (a line without its terminator); offsets are local to it."""

    def __init__(self, text: str, index: int, config: Config, lex: Lexicon,
                 pq: ParagraphQuotes | None = None):
        self.text = text
        self.index = index
        self.config = config
        self.lex = lex
        self.pq: ParagraphQuotes = pq if pq is not None else parse(text, lex)
        self.memo: dict = {}  # what several rules of one pass compute once
        self._after: dict[int, tuple[int, tuple[str, str] | None]] = {}
        self.open_mark, self.close_mark, self.nested_open, self.nested_close = quote_marks(config.quote_style)

    def word_after(self, pos: int) -> tuple[int, tuple[str, str] | None]:
        """After ``pos``: skip spaces and bidi controls, one comma or full stop, and spaces again;
        the offset reached and, when a speech verb starts there, its (prefix, verb)."""
        key = pos
        hit = self._after.get(key)
        if hit is None:
            s = self.text
            n = len(s)
            i = pos
            while i < n and s[i] in _GAP:
                i += 1
            if i < n and s[i] in "،,.":
                i += 1
                while i < n and s[i] in _GAP:
                    i += 1
            w = _WORD.match(s, i)
            hit = (i, self.lex.verb(w.group()) if w else None)
            self._after[key] = hit
        return hit

    def marks_for(self, depth: int) -> tuple[str, str]:
        return (self.open_mark, self.close_mark) if depth % 2 == 0 else (self.nested_open, self.nested_close)

    def diag(self, code: str, message: str, start: int, end: int, edits=(), applicability=None) -> Diagnostic:
        fix = None
        if edits:
            fix = Fix(tuple([Edit(*e) for e in edits]), applicability or REGISTRY[code].applicability)
        return Diagnostic(code, _intern(message), start, end, fix, self.index)


class DocContext:
    def __init__(self, text: str, config: Config, lex: Lexicon):
        self.text = text
        self.config = config
        self.lex = lex
        self._footer_spans: list | None = None  # the footer lines, found once (rules/boilerplate.py)
        self._trailing: list[bool] | None = None  # and which of them end the text

    def diag(self, code: str, message: str, start: int, end: int, edits=(), applicability=None) -> Diagnostic:
        fix = None
        if edits:
            fix = Fix(tuple([Edit(*e) for e in edits]), applicability or REGISTRY[code].applicability)
        return Diagnostic(code, message, start, end, fix, -1)


def run_rules(rules: Iterable[Rule], ctx) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for r in rules:
        out.extend(r.check(ctx))
    return out


def context_lexicon(config: Config) -> Lexicon:
    return lexicon(config.extra_speech_verbs)
