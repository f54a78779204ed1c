"""LanguageTool's ``/v2/check`` and ``/v2/languages``, answered from a qfix repair (pure, no IO).

Clients of LanguageTool's HTTP API (LibreOffice's remote checker, browser extensions,
editor plugins, ``language_tool_python``) post ``text`` or ``data`` and ``language``
and get ``matches``: a span (``offset``/``length`` in UTF-16 code units, as Java counts),
a message, the rule and its category, and ``replacements`` the client applies.

- each change a ``qfix fix`` run makes (``qfix.changes``) is one match; its first
  replacement, marked ``autoCorrect`` (LanguageTool's flag for a replacement that may
  be applied without asking), is the text ``qfix fix`` puts there, so applying every
  ``autoCorrect`` match gives ``qfix fix``'s text exactly;
- a finding left for review is a match whose replacement is what accepting it gives
  (``repair(text, config, {id: True})``, its change), without ``autoCorrect``;
- a display-only finding is a match without replacements.

Every match also carries a ``qfix`` object (finding ids, applicability), which
LanguageTool clients ignore. The JSON shape follows LanguageTool's
``RuleMatchesAsJsonSerializer``; issue types are those of its ``ITSIssueType`` (the ITS 2.0
localization quality issue types).
"""
from __future__ import annotations

import bisect
import json
import re
from typing import Any, Iterable, Mapping

from .. import __version__
from ..apply import Finding, RepairResult
from ..apply import repair as _repair
from ..changes import Change, changes
from ..config import Config, ConfigError
from ..diagnostics import Applicability
from ..parse.quotes import is_terminator
from ..rules.base import REGISTRY, all_rules
from ..text import has_arabic

CONTEXT_CHARS = 40  # LanguageTool's default context on each side of a match
MAX_REVIEW_SUGGESTIONS = 50  # review findings given a replacement (each costs a repair)

LANGUAGES = [{"name": "Arabic", "code": "ar", "longCode": "ar"}]

# category of each rule family (LanguageTool's categories are per language; these are qfix's)
CATEGORIES = {
    "quotes": {"id": "QUOTES", "name": "Quotation marks"},
    "attribution": {"id": "ATTRIBUTION", "name": "Attribution of quotes"},
    "boilerplate": {"id": "BOILERPLATE", "name": "Scraped boilerplate"},
}
# ITS 2.0 localization quality issue type of each rule (LanguageTool's ITSIssueType names)
ISSUE_TYPES = {
    "Q001": "typographical", "Q002": "duplication", "Q003": "typographical", "Q004": "typographical",
    "Q005": "typographical", "Q006": "whitespace", "Q007": "typographical", "Q008": "characters",
    "A001": "style", "A002": "style", "A003": "style", "A101": "style", "A102": "grammar",
    "B001": "non-conformance", "B002": "non-conformance",
}


class RequestError(ValueError):
    """A request that cannot be answered: one line, answered 400."""


def language(value: str | None) -> str:
    """``ar``, ``ar-*`` or ``auto`` (qfix checks Arabic only); anything else is refused as
    LanguageTool refuses a language it does not know."""
    if value is None or not value.strip():
        raise RequestError("missing 'language' parameter (use ar, ar-XX or auto)")
    code = value.strip()
    if code.lower() == "auto" or re.fullmatch(r"ar(-[A-Za-z0-9]{1,8})*", code, re.IGNORECASE):
        return code
    raise RequestError(f"{code!r} is not a language code known to qfix. Supported language codes are: "
                       "ar, ar-XX (any region), auto.")


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def request_config(base: Config, params: Mapping[str, str]) -> Config:
    """The config for one request: ``enabledRules``/``disabledRules``/``enabledOnly`` and
    ``enabledCategories``/``disabledCategories`` mapped onto qfix's select and ignore.
    Unknown rule codes raise ConfigError; unknown categories (``TYPOS``, which clients
    disable by habit) are ignored, as LanguageTool ignores them."""
    enabled = _codes(params.get("enabledRules"))
    disabled = _codes(params.get("disabledRules"))
    enabled_cats = _family_prefixes(params.get("enabledCategories"))
    disabled_cats = _family_prefixes(params.get("disabledCategories"))
    only = (params.get("enabledOnly") or "").strip().lower() == "true"
    if only and not (enabled or enabled_cats):
        raise RequestError("enabledOnly=true needs enabledRules or enabledCategories")
    changes_: dict[str, Any] = {}
    if only:
        changes_["select"] = enabled + enabled_cats
    elif (enabled or enabled_cats) and base.select:
        changes_["select"] = base.select + enabled + enabled_cats  # every rule is on by default otherwise
    if disabled or disabled_cats:
        changes_["ignore"] = base.ignore + disabled + disabled_cats
    if not changes_:
        return base
    import dataclasses

    from ..rules.base import check_codes
    try:  # every code must name a rule
        config = dataclasses.replace(base, **changes_)
        check_codes(config)
        return config
    except ConfigError as exc:  # in the names the client used
        message = str(exc)
        for ours, theirs in (("select:", "enabledRules:"), ("ignore:", "disabledRules:")):
            if message.startswith(ours):
                message = theirs + message[len(ours):]
        raise RequestError(message) from None


def _family_prefixes(value: str | None) -> tuple[str, ...]:
    by_id = {c["id"]: family for family, c in CATEGORIES.items()}
    prefix = {"quotes": "Q", "attribution": "A", "boilerplate": "B"}
    return tuple(prefix[by_id[c.upper()]] for c in _codes(value) if c.upper() in by_id)


# --- text or data ---------------------------------------------------------------------

class Markup:
    """``data``'s annotation: the plain text that is checked, and offsets mapped back to the
    whole text (markup included) that the client holds."""

    def __init__(self, items: list[tuple[str, str, bool]]):
        # (as sent, as checked, is text)
        self.original = "".join(sent for sent, _, _ in items)
        self.plain = "".join(checked for _, checked, _ in items)
        self.segments: list[tuple[int, int, int, int, bool]] = []  # plain lo, hi, original lo, hi, text
        p = o = 0
        for sent, checked, is_text in items:
            self.segments.append((p, p + len(checked), o, o + len(sent), is_text))
            p += len(checked)
            o += len(sent)

    def span(self, start: int, end: int) -> tuple[int, int, bool]:
        """``plain[start:end]`` in the original text, and whether no markup lies in it there
        (only then may a replacement be offered: it would otherwise drop markup)."""
        lo = len(self.original)
        for p_lo, p_hi, o_lo, _, is_text in self.segments:
            if p_lo <= start < p_hi:  # markup of no width at ``start`` stays before the span
                lo = o_lo + (start - p_lo if is_text else 0)
                break
        hi = lo
        if end > start:
            hi = 0
            for p_lo, p_hi, o_lo, o_hi, is_text in self.segments:
                if p_lo < end <= p_hi:  # ... and at ``end`` after it
                    hi = o_lo + (end - p_lo) if is_text else o_hi
        clean = not any(o_lo < hi and lo < o_hi or (lo == hi and o_lo < lo < o_hi)
                        for _, _, o_lo, o_hi, is_text in self.segments if not is_text)
        return lo, hi, clean


def text_or_data(params: Mapping[str, str]) -> tuple[str, Markup | None]:
    """The text to check from ``text`` or ``data`` (LanguageTool's annotated text)."""
    text, data = params.get("text"), params.get("data")
    if text is not None and data is not None:
        raise RequestError("give either 'text' or 'data', not both")
    if text is not None:
        return text, None
    if data is None:
        raise RequestError("missing 'text' or 'data' parameter")
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        raise RequestError(f"'data' is not valid JSON: {exc}") from None
    annotation = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(annotation, list):
        raise RequestError("'data' must be a JSON object with an 'annotation' list")
    items: list[tuple[str, str, bool]] = []
    for k, item in enumerate(annotation):
        if not isinstance(item, dict):
            raise RequestError(f"'data' annotation {k}: not an object")
        if isinstance(item.get("text"), str) and "markup" not in item:
            items.append((item["text"], item["text"], True))
        elif isinstance(item.get("markup"), str) and "text" not in item:
            interpret = item.get("interpretAs", "")
            if not isinstance(interpret, str):
                raise RequestError(f"'data' annotation {k}: interpretAs must be a string")
            items.append((item["markup"], interpret, False))
        else:
            raise RequestError(f"'data' annotation {k}: needs a string 'text' or a string 'markup'")
    markup = Markup(items)
    return markup.plain, markup


# --- the answer -------------------------------------------------------------------------

class _Utf16:
    """Code-point offsets as UTF-16 code units (characters outside the BMP count twice)."""

    def __init__(self, text: str):
        self.astral = [m.start() for m in re.finditer("[\U00010000-\U0010ffff]", text)]

    def __call__(self, pos: int) -> int:
        return pos + bisect.bisect_left(self.astral, pos)


def _utf16_len(s: str) -> int:
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


def check(text: str, config: Config, markup: Markup | None = None, code: str = "ar",
          max_review: int = MAX_REVIEW_SUGGESTIONS) -> dict[str, Any]:
    """The ``/v2/check`` answer for ``text`` (the plain text when ``markup`` is given)."""
    result = _repair(text, config)
    found = matches(result, config, max_review)
    original = markup.original if markup else text
    utf16 = _Utf16(original)
    out = []
    for m in found:
        start, end = m.pop("_start"), m.pop("_end")
        if markup is not None:
            start, end, clean = markup.span(start, end)
            if not clean and m["replacements"]:
                m["replacements"] = []  # a replacement there would drop markup: shown, not offered
        offset, length = utf16(start), utf16(end) - utf16(start)
        out.append({"message": m["message"], "shortMessage": m["shortMessage"],
                    "replacements": m["replacements"], "offset": offset, "length": length,
                    "context": _context(original, start, end), "sentence": _sentence(original, start),
                    "type": {"typeName": "Other"}, "rule": m["rule"],
                    "ignoreForIncompleteSentence": False, "contextForSureMatch": 0, "qfix": m["qfix"]})
    capped = sum(1 for f in result.findings if _wants_suggestion(f)) > max_review
    warnings: dict[str, Any] = {"incompleteResults": False}
    if capped:
        warnings = {"incompleteResults": True, "incompleteResultsReason":
                    f"replacements are given for the first {max_review} findings left for review only"}
    arabic = has_arabic(text)
    return {
        "software": {"name": "qfix", "version": __version__, "buildDate": "", "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": warnings,
        "language": {"name": "Arabic", "code": "ar" if code.lower() == "auto" else code,
                     "detectedLanguage": {"name": "Arabic", "code": "ar", "confidence": 1.0 if arabic else 0.0}},
        "matches": out,
        "qfix": {"signature": config.signature(), "changed": result.changed},
    }


def _wants_suggestion(f: Finding) -> bool:
    return not f.applied and f.applicability is not Applicability.DISPLAY


def matches(result: RepairResult, config: Config, max_review: int = MAX_REVIEW_SUGGESTIONS) -> list[dict]:
    """Matches with code-point spans (``_start``/``_end``) on ``result.input``, sorted."""
    text = result.input
    by_id: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_id.setdefault(f.id, []).append(f)
    out = []
    for c in changes(result):
        fs = [f for i in dict.fromkeys(c.finding_ids) for f in by_id.get(i, []) if f.applied]
        out.append(_match(c.start, c.end, [c.replacement], fs, c.codes, "safe", True, auto=True))
    suggested = 0
    for f in result.findings:
        if f.applied:
            continue
        replacement: list[str] = []
        start, end = f.start, f.end
        if _wants_suggestion(f) and suggested < max_review:
            suggested += 1
            change = _accepted(text, config, f)
            if change is not None:
                start, end, replacement = change.start, change.end, [change.replacement]
        applicability = f.applicability.value
        out.append(_match(start, end, replacement, [f], (f.code,), applicability, False))
    out.sort(key=lambda m: (m["_start"], m["_end"]))
    return out


def _accepted(text: str, config: Config, f: Finding) -> Change | None:
    """What accepting ``f`` changes, trimmed to what differs from the input (so a review
    suggestion does not also carry a neighbouring safe fix it merged with)."""
    result = _repair(text, config, {f.id: True})
    for c in changes(result):
        if f.id in c.finding_ids:
            return _trim(text, c)
    return None


def _trim(text: str, c: Change) -> Change:
    before, after = text[c.start:c.end], c.replacement
    head = 0
    while head < len(before) and head < len(after) and before[head] == after[head]:
        head += 1
    tail = 0
    while (tail < len(before) - head and tail < len(after) - head
           and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]):
        tail += 1
    return c._replace(start=c.start + head, end=c.end - tail, replacement=after[head:len(after) - tail])


def _match(start: int, end: int, replacements: list[str], findings: list[Finding], codes: Iterable[str],
           applicability: str, applied: bool, auto: bool = False) -> dict:
    all_rules()
    codes = list(codes)
    # the rule a client shows: the change's first finding by rule priority (a rewrite before a mark)
    ranked = sorted(findings, key=lambda f: (REGISTRY[f.code].priority, f.start)) if findings else []
    code = ranked[0].code if ranked else sorted(codes, key=lambda c: REGISTRY[c].priority)[0]
    rule = REGISTRY[code]
    messages = list(dict.fromkeys(f.message for f in ranked)) or [rule.summary]
    reps = [{"value": r} for r in replacements]
    if auto and reps:
        reps[0]["autoCorrect"] = True
    return {
        "_start": start, "_end": end,
        "message": "; ".join(messages),
        "shortMessage": rule.name.replace("-", " "),
        "replacements": reps,
        "rule": {"id": code, "description": rule.summary, "issueType": ISSUE_TYPES.get(code, "uncategorized"),
                 "category": dict(CATEGORIES[rule.family])},
        "qfix": {"codes": codes, "findings": list(dict.fromkeys(f.id for f in findings)),
                 "applicability": applicability, "appliedByFix": applied},
    }


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    """LanguageTool's context: up to 40 characters each side, newlines as spaces, ``...``
    where it was cut; offsets in UTF-16 code units."""
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    prefix = "..." if lo > 0 else ""
    suffix = "..." if hi < len(text) else ""
    piece = text[lo:hi].replace("\n", " ")
    return {"text": prefix + piece + suffix, "offset": _utf16_len(prefix + text[lo:start]),
            "length": _utf16_len(text[start:end])}


def _sentence(text: str, pos: int) -> str:
    """The sentence ``pos`` falls in, within its line."""
    line_lo = text.rfind("\n", 0, pos) + 1
    line_hi = text.find("\n", pos)
    if line_hi < 0:
        line_hi = len(text)
    if pos == line_hi and pos < len(text):  # a match that starts at a line end (a removed footer)
        line_lo, line_hi = pos + 1, text.find("\n", pos + 1)
        line_hi = len(text) if line_hi < 0 else line_hi
        pos = line_lo
    lo = line_lo
    for i in range(min(pos, line_hi) - 1, line_lo - 1, -1):
        if is_terminator(text, i, line_lo, line_hi):
            lo = i + 1
            break
    hi = line_hi
    for i in range(pos, line_hi):
        if is_terminator(text, i, line_lo, line_hi):
            hi = i + 1
            break
    return text[lo:hi].strip()


def languages() -> list[dict[str, str]]:
    return [dict(x) for x in LANGUAGES]
