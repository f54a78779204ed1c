"""The "no harm" corpus: clean Arabic news that `qfix fix` must not change by one word.

tests/cases/noharm.jsonl holds headlines (with dashes, pipes and colons whose tails are the
headline's own words), sentences that start like footers, correct quotes, numbers and
abbreviations. Each is repaired alone, each headline also as the title of an article, and
the whole corpus as one document: no word may be added, dropped, changed or moved; only
quotation marks may change (to «»)."""
from __future__ import annotations

import re

import pytest

import qfix

from conftest import load_cases

NOHARM = load_cases("noharm.jsonl")
BODY = "وقالت مصادر مطلعة إن التفاصيل ستعلن في وقت لاحق."
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _assert_words_kept(text: str, result) -> None:
    assert _words(result.text) == _words(text), (text, result.text, [f.code for f in result.applied])


def test_corpus_is_big_enough():
    assert len(NOHARM) >= 300
    assert sum(c["kind"] == "headline" for c in NOHARM) >= 100


@pytest.mark.parametrize("case", NOHARM, ids=lambda c: c["id"])
def test_no_word_changes(case):
    text = case["text"]
    _assert_words_kept(text, qfix.repair(text))
    if case["kind"] == "headline":  # as an article's title: B001 looks at the tail
        article = f"{text}\n{BODY}"
        _assert_words_kept(article, qfix.repair(article))


def test_whole_corpus_as_one_document():
    text = "\n".join(c["text"] for c in NOHARM)
    _assert_words_kept(text, qfix.repair(text))
