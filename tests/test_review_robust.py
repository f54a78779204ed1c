"""The review never crashes and never hangs (issue 11): bad session files, unwritable places,
exports all or nothing and in the input's encoding, the model that made the English recorded,
quitting while a model loads, display-only findings, the Arabic edit dialog.

Unwritable directories are emulated so that the tests hold for root too: ``tempfile.mkstemp``
in qfix.io refuses the directory with EACCES, as a read-only directory does for a user.
"""
from __future__ import annotations

import asyncio
import codecs
import errno
import fnmatch
import json
import shutil
import threading
import time
from pathlib import Path

import pytest

from qfix import io as qio
from qfix.errors import UserError
from qfix.review import session as sessions
from qfix.review.model import ReviewModel

from conftest import read_only
from review_fixtures import SEED, SIZE, EchoEngine, app_for, sync

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.setenv("QFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QFIX_BIDI", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = tmp_path / "articles"
    folder.mkdir()
    path = folder / "article.txt"
    shutil.copy(SEED, path)
    return path


def session_with_english(article: Path) -> Path:
    """A saved session whose English came from EchoEngine, as the app would save it."""
    model = ReviewModel(article.read_text(encoding="utf-8"))
    by = model.add_engine(EchoEngine.signature)
    for i, seg in enumerate(model.segments):
        if seg.arabic.strip():
            model.set_english(i, seg.arabic, f"English {i}", by)
    path = sessions.default_session_path(article)
    sessions.save_model(path, model, str(article))
    return path


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- bad session files ----------------------------------------------------------------------

BAD = [
    ("wrong type", lambda r: r["segments"].__setitem__("0", {"english": 5}), "'english' is a number, not a string"),
    ("unknown key", lambda r: r.__setitem__("colour", "red"), "unknown key 'colour'"),
    ("unknown segment key", lambda r: r["segments"].__setitem__("1", {"aproved": True}), "unknown key 'aproved'"),
    ("index past the end", lambda r: r["segments"].__setitem__("99", {"approved": True}), "segment 99 is past"),
    ("index not a number", lambda r: r["segments"].__setitem__("x", {}), "'x' is not a paragraph number"),
    ("decision id", lambda r: r["decisions"].__setitem__("Q001@x", True), "not a finding id"),
    ("decision value", lambda r: r["decisions"].__setitem__("Q001@5", "yes"), "not true or false"),
    ("version", lambda r: r.__setitem__("qfix_review", 2), "another format"),
    ("version as boolean", lambda r: r.__setitem__("qfix_review", True), "another format"),
    ("segments a list", lambda r: r.__setitem__("segments", []), "'segments' is a list, not an object"),
    ("encoding", lambda r: r.__setitem__("encoding", "latin-1"), "encoding 'latin-1'"),
    ("no input", lambda r: r.pop("input"), "no 'input'"),
]


@pytest.mark.parametrize("name,spoil,expected", BAD, ids=[b[0] for b in BAD])
def test_bad_session_is_one_line_and_writes_nothing(article, cli, name, spoil, expected):
    path = session_with_english(article)
    record = json.loads(path.read_text(encoding="utf-8"))
    spoil(record)
    path.write_text(json.dumps(record), encoding="utf-8")
    before = sorted(p.name for p in article.parent.iterdir())
    for argv in (["export", str(path)], ["review", str(article), "--export", "all"]):
        res = cli(*argv)
        line = one_line(res.err)
        assert res.code == 2 and line.startswith("qfix: error: ") and expected in line, (argv, res.err)
        assert "internal error" not in line
    assert sorted(p.name for p in article.parent.iterdir()) == before
    with pytest.raises(UserError, match="session"):  # the app does not start on it either
        app_for(article)


@pytest.mark.parametrize("content", ["not json {", "[1, 2]", ""])
def test_unreadable_session_file(article, cli, content):
    sessions.default_session_path(article).write_text(content, encoding="utf-8")
    res = cli("review", str(article), "--export", "arabic")
    assert res.code == 2 and "not a" in one_line(res.err)


def test_session_of_the_old_name_is_read(article):
    model = ReviewModel(article.read_text(encoding="utf-8"))
    first = model.all_issues()[0].id
    model.decide([first], False)
    sessions.save_model(sessions.legacy_session_path(article), model, str(article))
    opened = sessions.open_review(str(article), None)
    assert opened.model.decisions == {first: False}
    assert opened.session_path == sessions.default_session_path(article)  # saved under the new name


# --- exports ---------------------------------------------------------------------------------


def test_export_is_all_or_nothing(article, cli, monkeypatch):
    path = session_with_english(article)
    real = qio.os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(qio.os, "replace", replace)
    res = cli("export", str(path))
    assert res.code == 2 and "cannot write: Input/output error" in one_line(res.err)
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.txt", path.name]


def test_export_into_an_unwritable_directory(article, cli, monkeypatch):
    path = session_with_english(article)
    read_only(monkeypatch, article.parent)
    res = cli("export", str(path))
    assert res.code == 2 and "Permission denied" in one_line(res.err)
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.txt", path.name]


def test_exports_record_the_model_that_made_the_english(article, cli):
    path = session_with_english(article)
    res = cli("export", str(path))  # headless: no model loaded, the configured one is the default
    assert res.code == 0, res.err
    report = json.loads(Path(str(article) + ".qfix.review.json").read_text(encoding="utf-8"))
    assert report["signature"]["model"] == "echo-model" and report["signature"]["revision"] == "r1"
    assert report["signature"]["translation"] == [EchoEngine.signature]
    assert {s["english_model"] for s in report["segments"] if s["english"]} == {"echo-model"}
    xliff = Path(str(article) + ".qfix.xlf").read_text(encoding="utf-8")
    assert "echo-model" in xliff and "Helsinki-NLP" not in xliff


def test_english_of_an_older_session_is_the_model_it_recorded(article, cli):
    path = session_with_english(article)
    record = json.loads(path.read_text(encoding="utf-8"))
    del record["engines"]
    for entry in record["segments"].values():
        entry.pop("english_by", None)
    record["signature"]["model"] = "models/tiny"
    path.write_text(json.dumps(record), encoding="utf-8")
    res = cli("export", str(path), "--format", "json", "-o", "-")
    assert res.code == 0, res.err
    assert json.loads(res.text)["signature"]["model"] == "models/tiny"


def test_no_english_no_model(article, cli):
    res = cli("review", str(article), "--export", "json")
    report = json.loads(Path(str(article) + ".qfix.review.json").read_text(encoding="utf-8"))
    assert res.code == 0 and report["signature"]["model"] is None and report["signature"]["translation"] == []


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-8-sig", codecs.BOM_UTF8),
                                          ("utf-16-be", codecs.BOM_UTF16_BE)])
def test_exports_keep_encoding_bom_and_crlf(article, cli, encoding, bom):
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    article.write_bytes(qio.encode(text, encoding))
    model = ReviewModel(text)
    by = model.add_engine(EchoEngine.signature)
    for i, seg in enumerate(model.segments):
        model.set_english(i, seg.arabic, f"English {i}", by)
    sessions.save_model(sessions.default_session_path(article), model, str(article), encoding)
    res = cli("review", str(article), "--export", "all")
    assert res.code == 0, res.err
    arabic = Path(str(article) + ".qfix.ar.txt").read_bytes()
    assert arabic.startswith(bom) and qio.decode(arabic, "x") == (model.final_arabic(), encoding)
    assert "\r\n" in model.final_arabic()
    for suffix in (".qfix.en.txt", ".qfix.en.md"):
        data = Path(str(article) + suffix).read_bytes()
        english, found = qio.decode(data, suffix)
        assert data.startswith(bom) and found == encoding and "English 1\r\n" in english
        assert "\n" not in english.replace("\r\n", "")
    assert not Path(str(article) + ".qfix.review.json").read_bytes().startswith(bom)  # JSON: plain UTF-8
    json.loads(Path(str(article) + ".qfix.review.json").read_text(encoding="utf-8"))


def test_outputs_are_named_walked_past_and_git_ignored(article, cli):
    session_with_english(article)
    assert cli("review", str(article), "--export", "all").code == 0
    outputs = sorted(p.name for p in article.parent.iterdir() if p.name != "article.txt")
    assert outputs == sorted("article.txt" + s for s in (".qfix.session.json", ".qfix.ar.txt", ".qfix.en.txt",
                                                          ".qfix.en.md", ".qfix.review.json", ".qfix.xlf"))
    assert all(qio.is_qfix_output(name) for name in outputs)
    patterns = [line.strip() for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith(("#", "!"))]
    for name in outputs:
        assert any(fnmatch.fnmatch(name, p) for p in patterns), name
    res = cli("check", str(article.parent), "--format", "json")
    assert {row["path"] for row in json.loads(res.text)} == {str(article)}
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert hooks.count("exclude: '\\.qfix\\.'") == 2  # pre-commit names files itself: they must be excluded


# --- the app -----------------------------------------------------------------------------------


@sync
async def test_q_quits_within_a_second_while_the_model_loads(article):
    gate = threading.Event()

    def slow_model():
        gate.wait(60)  # a model that takes a minute to load
        return EchoEngine()

    app = app_for(article, engine_factory=slow_model, use_workers=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            assert app.english_note.startswith("loading")
            started = time.perf_counter()
            await pilot.press("q")
            await app.workers.wait_for_complete()
        await asyncio.get_running_loop().shutdown_default_executor()  # what asyncio.run waits for at exit
        assert time.perf_counter() - started < 1
        assert app.return_code == 0 and not app.save_error
    finally:
        gate.set()


@sync
async def test_unwritable_session_keeps_decisions_and_offers_another_path(article, tmp_path, monkeypatch):
    from textual.widgets import Input

    from qfix.tui.screens import PathScreen
    read_only(monkeypatch, article.parent)
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.issue_id
        await pilot.press("a")  # the save fails: no traceback, a message and a dialog
        await pilot.pause()
        assert app.model.decisions == {first: True} and "Permission denied" in app.save_error
        assert app.query_one("#alert").display and isinstance(app.screen, PathScreen)
        elsewhere = tmp_path / "elsewhere" / "s.json"
        app.screen.query_one(Input).value = str(tmp_path / "missing-dir" / "x" / "s.json")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)  # not written: says why and stays open
        elsewhere.parent.mkdir()
        app.screen.query_one(Input).value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathScreen) and app.session_path == elsewhere
        assert not app.save_error and not app.query_one("#alert").display
        await pilot.press("r")  # later decisions go to the new place
        await pilot.pause()
        assert json.loads(elsewhere.read_text(encoding="utf-8"))["decisions"] == app.model.decisions
        await pilot.press("q")
    assert not sessions.default_session_path(article).exists()


@sync
async def test_quit_with_an_unsaved_session_asks_first(article, monkeypatch):
    from qfix.tui.screens import PathScreen
    read_only(monkeypatch, article.parent)
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # declines the first dialog
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen) and app.is_running  # asked before anything is lost
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.save_error and app.model.decisions  # the CLI reports the loss (exit 2)


@sync
async def test_first_failed_save_at_quit_asks_once(article, monkeypatch):
    from qfix.tui.screens import PathScreen
    read_only(monkeypatch, article.parent)
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        dialogs = [s for s in app.screen_stack if isinstance(s, PathScreen)]
        assert len(dialogs) == 1 and dialogs[0].heading == "Save the session before quitting"
        await pilot.press("escape", "q")
    assert app.return_code == 0


def test_cli_reports_an_unsaved_session(article, cli, monkeypatch):
    from qfix.tui import app as app_module

    class Done:
        return_code = 0
        save_error = "article.txt.qfix.session.json: cannot write: Permission denied"
        session_path = Path("x")
        model = ReviewModel(SEED.read_text(encoding="utf-8"))

        def run(self):
            pass

    monkeypatch.setattr(app_module, "make_app", lambda *a, **k: Done())
    res = cli("review", str(article), "--no-translate")
    assert res.code == 2 and "could not be saved" in one_line(res.err)


@sync
async def test_export_failure_is_a_message_and_another_place(article, tmp_path, monkeypatch):
    from textual.widgets import Input

    from qfix.tui.screens import PathScreen
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        read_only(monkeypatch, article.parent)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PathScreen)
        assert not list(article.parent.glob("*.qfix.*.txt"))
        out = tmp_path / "out"
        out.mkdir()
        app.screen.query_one(Input).value = str(out / "article.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PathScreen)
        assert sorted(p.name for p in out.iterdir()) == sorted(
            "article.txt" + s for s in (".qfix.ar.txt", ".qfix.en.txt", ".qfix.en.md", ".qfix.review.json",
                                        ".qfix.xlf"))


@sync
async def test_accept_rule_skips_display_only_findings(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app._issue() is None or app._issue().code != "A101":
            await pilot.press("n")
        await pilot.press("A")
        await pilot.press("R")
        assert not app.model.decisions  # nothing to accept or reject: a suggestion
        while app._issue() is None or app._issue().code != "Q001":
            await pilot.press("n")
        await pilot.press("A")
        decided = {fid.split("@")[0] for fid in app.model.decisions}
        assert decided == {"Q001"}


@sync
async def test_edit_dialog_previews_arabic_right_to_left(article):
    from qfix.tui.bidi import visual_order
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("TextArea")
        area.text = "قال المتحدث «نعم» اليوم"
        await pilot.pause()
        box = app.screen.query_one("#edit-preview")
        shown = str(box.render())
        assert shown == visual_order("قال المتحدث «نعم» اليوم", True)[1]
        assert shown.startswith("مويلا")  # the last word first: reads right to left
        assert box.styles.text_align == "right"
        area.text = "كلمة " * 60  # wrapped at the dialog's width, each line reordered
        await pilot.pause()
        lines = str(box.render()).splitlines()
        assert len(lines) > 2 and all(len(line) <= box.content_region.width for line in lines)
        await pilot.press("escape")


# --- scripts/try_review.sh ----------------------------------------------------------------------


def test_try_review_finds_python_without_a_venv(tmp_path):
    """No .venv (the README never makes one): python3 from the PATH, and a hint when it lacks qfix."""
    import subprocess
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "try_review.sh", tmp_path / "scripts")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python3"
    fake.write_text("#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/calls\"\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(["bash", str(tmp_path / "scripts" / "try_review.sh")], capture_output=True, text=True,
                          env=env, timeout=30)
    assert proc.returncode == 2 and str(fake) in proc.stderr and "pip install" in proc.stderr
    assert "import qfix.tui.app" in (bin_dir / "calls").read_text(encoding="utf-8")
    assert ".venv" not in proc.stderr
