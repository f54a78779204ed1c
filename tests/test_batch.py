"""Batches and streams: directories, JSONL, the pool, resume, reports, bad input (qfix.batch)."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, load_cases

GOLDEN = ROOT / "tests" / "golden" / "batch"
GARBLED = "“لم نكن في مستوانا اليوم،” قال فيريرا.\n"
FIXED = "وقال فيريرا: «لم نكن في مستوانا اليوم».\n"
CLEAN = "وقال فيريرا: «لم نكن في مستوانا اليوم».\n"
REVIEW = "يواجه العالم خطرا نتيجة «سياسة مدمرة» وحذرت المتحدثة باسم الوزارة الأسبوع الماضي.\n"  # A101: review


def _jsonl(records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _records(n: int) -> list[dict]:
    cases = [c["input"] for c in load_cases("dev.jsonl")]
    return [{"id": f"r{i}", "text": cases[i % len(cases)], "url": f"https://example.org/{i}"} for i in range(n)]


def _lines(res) -> list[dict]:
    return [json.loads(x) for x in res.text.splitlines()]


def _small_feed() -> str:
    return _jsonl([
        {"id": 1, "text": GARBLED, "source": "wire"},
        {"id": "b", "text": CLEAN},
        {"text": REVIEW, "lang": "ar"},
    ])


# --- JSONL streams ---

def test_fix_jsonl_keeps_fields_adds_keys_in_order(cli):
    res = cli("fix", "-", stdin=_small_feed())
    assert res.code == 1  # a record is left for review
    out = _lines(res)
    assert [r["id"] for r in out] == [1, "b", "<stdin>:3"]
    assert out[0]["source"] == "wire" and out[0]["text"] == GARBLED and out[0]["repaired"] == FIXED
    assert out[0]["changed"] is True and out[1]["changed"] is False and out[1]["diagnostics"] == []
    assert out[2]["lang"] == "ar" and {d["code"] for d in out[2]["diagnostics"]} >= {"A101"}
    assert all(r["qfix_report_version"] == 1 for r in out)
    assert list(out[0])[-4:] == ["repaired", "changed", "diagnostics", "qfix_report_version"]
    assert "3 records: 1 changed, 1 with problems left for review, 0 skipped" in res.err
    assert cli("fix", "-", "--exit-zero", stdin=_small_feed()).code == 0


@pytest.mark.parametrize("command,args", [("fix", ()), ("check", ("--format", "jsonl"))])
def test_jsonl_matches_golden(cli, command, args):
    res = cli(command, "feed.jsonl", *args, "--jobs", "1")
    expected = (GOLDEN / f"{command}.jsonl").read_text(encoding="utf-8")
    assert res.text == expected


@pytest.fixture(autouse=True)
def _feed(tmp_path):
    """feed.jsonl in the directory the `cli` fixture runs in."""
    (tmp_path / "feed.jsonl").write_text(_small_feed(), encoding="utf-8")


def test_check_markdown_and_report_match_golden(cli, tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": 9, "text": "«نص»"}\nnot json\n{"id": 10}\n', encoding="utf-8")
    res = cli("check", "feed.jsonl", "bad.jsonl", "--format", "markdown", "--report", "report.json")
    assert res.code == 2
    assert res.text == (GOLDEN / "check-summary.md").read_text(encoding="utf-8")
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    from qfix import __version__
    from qfix.config import Config
    assert report["signature"] == Config().signature()
    report["signature"]["qfix"] = "VERSION"
    assert report == json.loads((GOLDEN / "check-report.json").read_text(encoding="utf-8"))
    from qfix.batch.report import REPORT_SCHEMA
    assert set(report) == set(REPORT_SCHEMA) and report["qfix_report_version"] == 1
    assert __version__


def test_check_text_and_json_name_records(cli):
    res = cli("check", "feed.jsonl")
    assert res.code == 1
    assert res.text.splitlines()[0].startswith("feed.jsonl#1:1:1: ")
    rows = json.loads(cli("check", "feed.jsonl", "--format", "json").text)
    assert {(r["path"], r["record"], r["id"]) for r in rows} == {("feed.jsonl", 1, 1), ("feed.jsonl", 3, "feed.jsonl:3")}


def test_bad_records_are_reported_with_file_and_line_and_skipped(cli, tmp_path):
    big = json.dumps({"id": "huge", "text": "ا" * 6_000_000})  # 12 MB of UTF-8: over the 10 MB limit
    lines = [json.dumps({"id": "ok1", "text": GARBLED}), "{not json", '["a list"]', json.dumps({"id": "nt"}),
             json.dumps({"id": "num", "text": 5}), big, json.dumps({"id": "ok2", "text": GARBLED})]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "u", "text": "\xff"}\n'
                     + json.dumps({"id": "ok3", "text": CLEAN}).encode() + b"\n")
    res = cli("fix", str(path), "--jobs", "2")
    assert res.code == 2
    assert [r["id"] for r in _lines(res)] == ["ok1", "ok2", "ok3"]
    assert all(r["repaired"] == FIXED for r in _lines(res)[:2])
    errors = [e for e in res.err.splitlines() if e.startswith("qfix: error: ")]
    where = [e[len("qfix: error: "):].split(": ", 1)[0] for e in errors]
    assert where == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 8)]
    assert "not JSON" in errors[0] and "not an object" in errors[1] and 'no "text"' in errors[2]
    assert "not a string" in errors[3] and "over the limit" in errors[4] and "UTF-8" in errors[5]
    assert cli("fix", str(path), "--exit-zero").code == 2  # a skipped record is never hidden


def test_fail_fast_stops_at_the_first_bad_record(cli, tmp_path):
    (tmp_path / "f.jsonl").write_text(_jsonl([{"id": 1, "text": GARBLED}]) + "oops\n"
                                      + _jsonl([{"id": 2, "text": GARBLED}]), encoding="utf-8")
    res = cli("fix", "f.jsonl", "--fail-fast")
    assert res.code == 2 and [r["id"] for r in _lines(res)] == [1]


def test_a_record_that_crashes_a_rule_is_skipped(cli, monkeypatch):
    import qfix.apply
    real = qfix.apply.repair

    def flaky(text, config=None, decisions=None):
        if "BOOM" in text:
            raise RuntimeError("rule bug")
        return real(text, config, decisions)
    monkeypatch.setattr(qfix.apply, "repair", flaky)
    res = cli("fix", "-", "--jobs", "1", stdin=_jsonl([{"id": 1, "text": "BOOM"}, {"id": 2, "text": GARBLED}]))
    assert res.code == 2 and [r["id"] for r in _lines(res)] == [2]
    assert "qfix: error: <stdin>:1: could not be processed (RuntimeError: rule bug)" in res.err


# --- the pool ---

def test_jobs_2_gives_the_same_bytes_as_jobs_1(cli, tmp_path):
    (tmp_path / "many.jsonl").write_text(_jsonl(_records(150)), encoding="utf-8")
    one = cli("fix", "many.jsonl", "--jobs", "1")
    two = cli("fix", "many.jsonl", "--jobs", "2")
    assert one.code == two.code and one.out == two.out and len(one.text.splitlines()) == 150
    c1 = cli("check", "many.jsonl", "--jobs", "1", "--format", "json")
    c2 = cli("check", "many.jsonl", "--jobs", "2", "--format", "json")
    assert c1.out == c2.out and c1.out


@pytest.mark.parametrize("jobs", [1, 2])
def test_stream_holds_a_bounded_window(jobs):
    """However long the stream, only a bounded number of records is read ahead of the output."""
    from qfix.batch import pool
    from qfix.batch.inputs import Doc
    from qfix.batch.work import WorkSpec
    from qfix.config import Config
    read = [0]

    def docs():
        for i in range(2000):
            read[0] += 1
            yield Doc(str(i), f"s:{i}", "s", "«نص»، قال.", 20)
    ahead = 0
    for n, out in enumerate(pool.process_stream(docs(), WorkSpec(Config(), "check"), jobs), 1):
        ahead = max(ahead, read[0] - n)
    bound = (jobs * pool.WINDOW_PER_JOB + 2) * pool.CHUNK_RECORDS
    assert n == 2000 and ahead <= bound


# --- directories and text files ---

def _tree(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "sport").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text(GARBLED, encoding="utf-8")
    (root / "sport" / "b.txt").write_text(CLEAN, encoding="utf-8")
    (root / "sport" / "c.md").write_text(GARBLED, encoding="utf-8")
    (root / "sport" / "drafts").mkdir()
    (root / "sport" / "drafts" / "d.txt").write_text(GARBLED, encoding="utf-8")
    (root / ".git" / "e.txt").write_text(GARBLED, encoding="utf-8")
    (root / "z.bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    return root


def test_directory_walk_include_exclude_and_a_binary_file(cli, tmp_path):
    root = _tree(tmp_path)
    res = cli("fix", "--check", "news")
    assert res.code == 2
    assert res.err.splitlines()[:3] == ["would repair: news/a.txt", "would repair: news/sport/drafts/d.txt",
                                        "qfix: error: news/z.bin.txt: not valid UTF-8 (byte 0x89 at offset 0); "
                                        "convert it first, e.g. iconv -f WINDOWS-1256 -t UTF-8"]
    res = cli("fix", "--check", "news", "--exclude", "drafts", "--exclude", "z.*", "--include", "*.txt",
              "--include", "*.md")
    assert res.code == 1
    assert res.err.splitlines() == ["would repair: news/a.txt", "would repair: news/sport/c.md"]
    res = cli("check", "news", "--exclude", "z.*", "--format", "jsonl")
    assert {json.loads(x)["path"] for x in res.text.splitlines()} == {"news/a.txt", "news/sport/drafts/d.txt"}
    assert cli("fix", "--in-place", "news", "--exclude", "z.*").code == 0
    assert (root / "sport" / "drafts" / "d.txt").read_text(encoding="utf-8") == FIXED
    assert (root / ".git" / "e.txt").read_text(encoding="utf-8") == GARBLED


def test_in_place_over_a_directory_rewrites_nothing_when_a_file_is_bad(cli, tmp_path):
    root = _tree(tmp_path)
    res = cli("fix", "--in-place", "news")
    assert res.code == 2 and "z.bin.txt" in res.err
    assert (root / "a.txt").read_text(encoding="utf-8") == GARBLED


def test_text_files_as_jsonl_records(cli, tmp_path):
    _tree(tmp_path)
    res = cli("fix", "news", "--format", "jsonl", "--exclude", "z.*")
    out = _lines(res)
    assert [r["id"] for r in out] == ["news/a.txt", "news/sport/b.txt", "news/sport/drafts/d.txt"]
    assert out[0] == {**out[0], "path": "news/a.txt", "repaired": FIXED, "changed": True}


def test_batch_usage_errors(cli, tmp_path):
    _tree(tmp_path)
    (tmp_path / "empty").mkdir()
    for args, needle in [(("fix", "news"), "several files"),
                         (("fix", "empty"), "is a directory with no files"),
                         (("fix", "--in-place", "feed.jsonl"), "--in-place rewrites text files"),
                         (("fix", "feed.jsonl", "--format", "text"), "JSONL input is written as JSONL"),
                         (("fix", "feed.jsonl", "--resume"), "--resume needs"),
                         (("fix", "news", "nope.txt", "--check"), "nope.txt: no such file"),
                         (("fix", "-", "--jobs", "0"), "must be 1 or more")]:
        res = cli(*args, stdin=GARBLED)
        assert res.code == 2 and needle in res.err, (args, res.err)
        assert res.out == b""


# --- resume, interruption ---

def test_resume_skips_done_ids_and_cuts_a_torn_line(cli, tmp_path):
    (tmp_path / "many.jsonl").write_text(_jsonl(_records(40)), encoding="utf-8")
    full = cli("fix", "many.jsonl", "-o", "full.jsonl")
    assert full.code in (0, 1)
    lines = (tmp_path / "full.jsonl").read_bytes().splitlines(keepends=True)
    (tmp_path / "part.jsonl").write_bytes(b"".join(lines[:15]) + lines[15][:40])  # killed mid-write
    res = cli("fix", "many.jsonl", "-o", "part.jsonl", "--resume", "--report", "r.json")
    assert "cut an incomplete last record" in res.err and "15 already done" in res.err
    assert (tmp_path / "part.jsonl").read_bytes() == (tmp_path / "full.jsonl").read_bytes()
    assert json.loads((tmp_path / "r.json").read_text())["totals"]["resumed"] == 15
    again = cli("fix", "many.jsonl", "-o", "part.jsonl", "--resume")
    assert "40 already done" in again.err
    assert (tmp_path / "part.jsonl").read_bytes() == (tmp_path / "full.jsonl").read_bytes()


def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path):
    (tmp_path / "big.jsonl").write_text(_jsonl(_records(3000)), encoding="utf-8")
    cmd = [sys.executable, "-m", "qfix", "fix", "big.jsonl", "-o", "out.jsonl", "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    out = tmp_path / "out.jsonl"
    deadline = time.time() + 30
    while time.time() < deadline and (not out.exists() or out.stat().st_size < 20_000):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted after" in err and "--resume" in err
    done = out.read_bytes()
    assert done.endswith(b"\n") and 0 < done.count(b"\n") < 3000
    subprocess.run(cmd + ["--resume"], cwd=tmp_path, capture_output=True, check=False)
    subprocess.run(cmd[:-4] + ["-o", "ref.jsonl", "--jobs", "1"], cwd=tmp_path, capture_output=True)
    assert out.read_bytes() == (tmp_path / "ref.jsonl").read_bytes()


# --- reports, progress, API, hooks ---

def test_fix_report_markdown_and_json_schema(cli, tmp_path):
    res = cli("fix", "feed.jsonl", "-o", "out.jsonl", "--report", "summary.md")
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert res.code == 1 and text.startswith("# qfix fix: summary") and "| A001 |" in text
    assert "`feed.jsonl`" in text and text.endswith("\n")


def test_progress_only_on_a_terminal(monkeypatch):
    import io
    from qfix.batch import progress

    class Tty(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert type(progress.progress_bar("x", 10)) is progress.NoProgress
    monkeypatch.setattr(sys, "stderr", Tty())
    monkeypatch.delenv("TERM", raising=False)
    pytest.importorskip("rich")
    bar = progress.progress_bar("repairing", 100)
    assert isinstance(bar, progress.RichProgress)
    with bar:
        bar.advance(50)
    assert type(progress.progress_bar("x", 10, enabled=False)) is progress.NoProgress


def test_python_api_repair_records():
    from qfix.batch import repair_records
    out = list(repair_records([{"id": 1, "text": GARBLED}, {"id": 2}, {"id": 3, "text": CLEAN}]))
    assert out[0]["repaired"] == FIXED and out[2]["changed"] is False
    assert "error" in out[1] and out[1]["qfix_report_version"] == 1


def test_pre_commit_hooks_run_our_commands():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"qfix-check", "qfix-fix"}
    from qfix.cli.main import build_parser
    for h in hooks:
        assert h["language"] == "python" and h["entry"].startswith("qfix ")
        build_parser().parse_args(h["entry"].split()[1:] + ["a.txt"])
