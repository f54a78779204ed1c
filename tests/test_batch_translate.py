"""`qfix translate` over streams: JSONL records, directories, windows that fill the model's batches."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from translate_fixtures import _isolated_cache, dev_cases, english_quotes, tiny_model  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
GOLDEN = ROOT / "tests" / "golden" / "batch"


class CountingEngine:
    """Deterministic stand-in: says how many sentences each batch held."""

    signature = {"model": "counting", "engine": "test", "max_length": 512}

    def __init__(self):
        self.batches: list[int] = []

    def translate_batch(self, sentences: list[str]) -> list[str]:
        self.batches.append(len(sentences))
        return [f"<{len(s.split())} words>" for s in sentences]


def test_windows_fill_the_batches_and_read_as_translate_document():
    from qfix.batch.translate import translate_window
    from qfix.translate import translate_document
    texts = [c["expected"] for c in dev_cases()[:12]]
    alone = CountingEngine()
    one_by_one = [translate_document(t, alone) for t in texts]
    together = CountingEngine()
    windowed = translate_window(texts, together)
    assert [[p.english for p in d.paragraphs] for d in windowed] == \
        [[p.english for p in d.paragraphs] for d in one_by_one]
    # the same sentences, in fewer and fuller batches: all full but the last
    assert sum(together.batches) <= sum(alone.batches)
    assert together.batches[:-1] == [16] * (len(together.batches) - 1)
    assert len(together.batches) < len(alone.batches)


def _feed(tmp_path):
    """Short records, so that the golden file follows the format, not every rule's latest spans."""
    from test_batch import CLEAN, GARBLED, REVIEW
    records = [{"id": "d01", "text": GARBLED, "section": "news"}, {"id": "en", "text": "Just English, no Arabic.\n"},
               {"id": "d02", "text": CLEAN + REVIEW, "section": "news"}, {"id": "d03", "text": REVIEW, "section": "news"}]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + "{broken\n",
                    encoding="utf-8")
    return path


def test_translate_jsonl_records(cli, tiny_model, tmp_path):
    _feed(tmp_path)
    res = cli("translate", "feed.jsonl", "--model", str(tiny_model), "--jobs", "1", "--report", "r.json")
    assert res.code == 2 and "qfix: error: feed.jsonl:5: not JSON" in res.err
    out = [json.loads(x) for x in res.text.splitlines()]
    assert [r["id"] for r in out] == ["d01", "en", "d02", "d03"]
    assert out[1]["english"] == "Just English, no Arabic." and out[1]["changed"] is False
    for r in out:
        assert r.get("section") == "news" or r["id"] == "en"
        assert list(r)[-6:] == ["repaired", "english", "translation", "changed", "diagnostics", "qfix_report_version"]
        assert english_quotes(r["english"]) is not None  # balanced
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    t = report["translation"]
    assert t["records"] == 4 and t["coverage"] == 0.8 and t["sentences"] > 0 and t["translated"] == t["sentences"]
    assert report["signature"]["model"] == str(tiny_model) and report["signature"]["engine"] == "transformers"
    # the golden file holds the keys and the repair; the tiny model's English is random words
    for r in out:
        r["english"] = "<english>"
    expected = [json.loads(x) for x in (GOLDEN / "translate.jsonl").read_text(encoding="utf-8").splitlines()]
    assert out == expected


def test_translate_resume_relies_on_the_memory(cli, tiny_model, tmp_path):
    _feed(tmp_path)
    full = cli("translate", "feed.jsonl", "--model", str(tiny_model), "-o", "full.jsonl")
    lines = (tmp_path / "full.jsonl").read_bytes().splitlines(keepends=True)
    (tmp_path / "part.jsonl").write_bytes(lines[0])
    res = cli("translate", "feed.jsonl", "--model", str(tiny_model), "-o", "part.jsonl", "--resume", "-v")
    assert full.code == res.code == 2
    assert "1 already done" in res.err and " 0 from the translation memory" not in res.err
    assert (tmp_path / "part.jsonl").read_bytes() == (tmp_path / "full.jsonl").read_bytes()


def test_translate_a_directory_as_text_and_markdown_report(cli, tiny_model, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for c in dev_cases()[:2]:
        (d / f"{c['id']}.txt").write_text(c["input"], encoding="utf-8")
    res = cli("translate", "in", "--model", str(tiny_model), "--report", "r.md", "-o", "out.txt")
    assert res.code == 0 and res.out == b""
    english = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert english.count("\n\n") >= 1 and english_quotes(english) is not None
    summary = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Translation" in summary and "records translated | 2 of 2 (100.0%)" in summary


def test_translate_stdin_jsonl_is_detected(cli, tmp_path):
    res = cli("translate", "-", stdin='{"id": 1, "text": "No Arabic at all."}\n')
    assert res.code == 0 and json.loads(res.text)["english"] == "No Arabic at all."
