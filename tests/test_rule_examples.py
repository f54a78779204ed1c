"""Every rule documents itself with examples, and the examples run (ruff / LanguageTool)."""
from __future__ import annotations

import pytest

from qfix.apply import apply_edits
from qfix.config import Config
from qfix.diagnostics import Applicability
from qfix.rules.base import DocContext, ParaContext, all_rules, context_lexicon, run_rules

RULES = all_rules()
CONFIG = Config()


def _diagnostics(rule, text: str):
    lex = context_lexicon(CONFIG)
    ctx = DocContext(text, CONFIG, lex) if rule.scope == "document" else ParaContext(text, 0, CONFIG, lex)
    direct = list(rule.check(ctx))
    assert list(run_rules([rule], ctx)) == direct, "the rule's prefilter hides a diagnostic"
    return direct


def test_registry_is_not_empty_and_codes_are_unique():
    codes = [r.code for r in RULES]
    assert len(codes) >= 12 and len(set(codes)) == len(codes)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule):
    assert rule.examples, f"{rule.code} has no bad example"
    assert rule.good, f"{rule.code} has no good example"
    for field in (rule.name, rule.summary, rule.why, rule.fix_safety):
        assert field and len(field) > 10 or field == rule.name
    assert rule.code in rule.doc()


@pytest.mark.parametrize("rule,example", [(r, e) for r in RULES for e in r.examples],
                         ids=lambda v: getattr(v, "code", None) or "")
def test_bad_example_fires_once_and_fix_gives_fixed_text(rule, example):
    diags = _diagnostics(rule, example.bad)
    assert len(diags) == 1, [d.message for d in diags]
    d = diags[0]
    if example.at:
        at = example.bad.index(example.at)
        assert d.start <= at < max(d.end, d.start + 1), (d.start, d.end, at)
    if example.fixed is None:
        assert d.fix is None and rule.applicability is Applicability.DISPLAY
    else:
        assert d.fix is not None
        assert apply_edits(example.bad, d.fix.edits) == example.fixed


@pytest.mark.parametrize("rule,good", [(r, g) for r in RULES for g in r.good],
                         ids=lambda v: getattr(v, "code", None) or "")
def test_good_example_fires_nothing(rule, good):
    assert _diagnostics(rule, good) == []
