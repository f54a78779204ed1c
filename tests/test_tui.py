"""The review TUI: every action through Pilot, autosave, exports, and SVG snapshots.

A deterministic test engine stands in for Marian (STYLE item 8); translation runs
synchronously (``use_workers=False``) except in the worker test.
"""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytest.importorskip("textual")

from qfix import repair  # noqa: E402
from qfix.tui.bidi import default_mode, visual_order, wrap  # noqa: E402
from qfix.review.model import ReviewModel  # noqa: E402

from review_fixtures import SEED, SIZE, EchoEngine, app_for, sync  # noqa: E402,F401

ROOT = Path(__file__).resolve().parent.parent
XLIFF_XSD = Path(__file__).parent / "data" / "xliff-core-1.2-strict.xsd"


def _broken():
    raise RuntimeError("model foo is not downloaded (nor a local directory) and the hub is offline")


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.setenv("QFIX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("QFIX_BIDI", raising=False)
    path = tmp_path / "article.txt"
    shutil.copy(SEED, path)
    return path


def session_of(path) -> dict:
    return json.loads(Path(str(path) + ".qfix.session.json").read_text(encoding="utf-8"))


@sync
async def test_opens_on_first_issue_with_english(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.issue_id == app.model.open_issues(app.current)[0].id
        seg = app.model.segments[4]
        assert seg.english.startswith("EN(") or "EN(" in seg.english
        assert "open issues" in app.sub_title


@sync
async def test_reject_then_undo(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first, i = app.issue_id, app.current
        fixed = app.model.segments[i].arabic
        await pilot.press("r")
        assert app.model.decisions == {first: False}
        assert app.model.status(i) == "rejected"
        assert app.model.segments[i].arabic == app.model.segments[i].source != fixed
        assert session_of(article)["decisions"] == {first: False}  # saved before the next key
        assert app.issue_id != first  # moved on
        await pilot.press("u")
        assert app.model.decisions == {}
        assert app.model.segments[i].arabic == fixed
        assert session_of(article)["decisions"] == {}


@sync
async def test_accept_next_previous(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.issue_id
        await pilot.press("a")
        assert app.model.decisions[first] is True
        second = app.issue_id
        await pilot.press("n")
        assert app.issue_id not in (first, second)
        await pilot.press("p")
        assert app.issue_id == second


@sync
async def test_bulk_accept_rule(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app._issue() is None or app._issue().code != "Q001":
            await pilot.press("n")
        await pilot.press("A")
        q001 = [x for x in app.model.all_issues() if x.code == "Q001"]
        assert len(q001) == 4 and all(app.model.decisions[x.id] is True for x in q001)
        assert all(x.code != "Q001" for x in app.model.all_issues() if x.id not in app.model.decisions)


@sync
async def test_edit_arabic_and_english(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        i = app.current
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("TextArea")
        area.text = "نص جديد"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.model.segments[i].arabic == "نص جديد"
        assert app.model.status(i) == "edited"
        assert app.model.segments[i].english == "EN(2 words)"  # re-translated at once
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("TextArea").text = "My own English."
        await pilot.press("ctrl+s")
        await pilot.pause()
        seg = app.model.segments[i]
        assert seg.english == "My own English." and seg.english_edited
        app.request_translation([i])  # a re-translation never overwrites an edit
        assert seg.english == "My own English."
        await pilot.press("T")  # unless the editor asks
        assert seg.english == "EN(2 words)" and not seg.english_edited
        saved = session_of(article)["segments"][str(i)]
        assert saved["arabic"] == "نص جديد"


@sync
async def test_filters(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        total = len(app.panes.rows)
        await pilot.press("i")
        with_issues = app.panes.rows
        assert len(with_issues) < total
        assert all(app.model.open_issues(i) for i in with_issues)
        await pilot.press("i", "a", "v")
        assert all(app.model.status(i) == "pending" for i in app.panes.rows)
        assert app.table.row_count == len(app.panes.rows)


@sync
async def test_bidi_toggle_draws_visual_or_logical(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title_row = app.panes.render_line(1).text
        await pilot.press("b")
        assert app.bidi_mode == "terminal"
        logical = app.panes.render_line(1).text
        assert "الكرملين يعلق" in logical  # logical order, as stored
        assert "قلعي نيلمركلا" in title_row  # app mode: cells in visual order
        await pilot.press("b")
        assert app.bidi_mode == "app"


@sync
async def test_export_from_app_and_xliff(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.press("x")
        await pilot.pause()
    xlf = Path(str(article) + ".qfix.xlf")
    for suffix in (".qfix.ar.txt", ".qfix.en.txt", ".qfix.en.md", ".qfix.review.json", ".qfix.xlf"):
        assert Path(str(article) + suffix).exists()
    assert Path(str(article) + ".qfix.ar.txt").read_text(encoding="utf-8") == repair(
        article.read_text(encoding="utf-8")).text
    check_xliff(xlf.read_text(encoding="utf-8"))
    report = json.loads(Path(str(article) + ".qfix.review.json").read_text(encoding="utf-8"))
    assert report["segments"][0]["status"] == "accepted"


def check_xliff(text: str) -> None:
    """Against the strict schema when tests/data has it; the key constraints in any case."""
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2"}
    root = ET.fromstring(text.encode("utf-8"))
    assert root.get("version") == "1.2"
    file = root.find("x:file", ns)
    for attr in ("original", "source-language", "datatype"):
        assert file.get(attr)
    units = file.findall("x:body/x:trans-unit", ns)
    assert units and len({u.get("id") for u in units}) == len(units)
    states = {"new", "needs-translation", "needs-review-translation", "translated", "signed-off", "final"}
    for u in units:
        children = [c.tag.split("}")[1] for c in u]
        assert children[:2] == ["source", "target"] and set(children[2:]) <= {"note"}
        assert u.find("x:target", ns).get("state") in states
    if XLIFF_XSD.exists():
        xmlschema = pytest.importorskip("xmlschema")
        xmlschema.XMLSchema(str(XLIFF_XSD)).validate(text)


@sync
async def test_quit_autosaves_and_reopen_restores(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r", "a")
        decisions = dict(app.model.decisions)
        await pilot.press("q")
    assert session_of(article)["decisions"] == decisions
    again = app_for(article)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.model.decisions == decisions
        assert [again.model.status(i) for i in range(5)] == [app.model.status(i) for i in range(5)]


@sync
async def test_changed_input_refuses_stale_session(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
    article.write_text(article.read_text(encoding="utf-8") + "سطر\n", encoding="utf-8")
    from qfix.errors import UserError
    with pytest.raises(UserError, match="different version"):
        app_for(article)


@sync
async def test_missing_model_keeps_review_working(article):
    app = app_for(article, engine_factory=_broken, use_workers=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not downloaded" in app.english_note
        assert "No English: model foo" in app.panes.render_line(1).text  # the whole note, re-wrapped
        await pilot.press("r")
        assert app.model.decisions


@sync
async def test_worker_translates_and_progress_hides(article):
    app = app_for(article, use_workers=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.model.to_translate()
        assert app.query_one("#mt").display is False


@sync
async def test_help_and_palette_commands(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        assert type(app.screen).__name__ != "HelpScreen"
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Accept", "Reject", "Undo", "Export", "Bidi"} <= titles


def test_decisions_equal_whole_repair():
    """Each decision re-runs its paragraph (repair_paragraph); the review's Arabic and findings
    are those of one repair of the whole document with the same decisions."""
    text = SEED.read_text(encoding="utf-8") * 3
    model = ReviewModel(text)
    ids = [x.id for x in model.all_issues()][::3]
    for k, fid in enumerate(ids):
        model.decide([fid], k % 2 == 0)
    whole = repair(text, None, dict(model.decisions))
    assert model.final_arabic() == whole.text
    assert [x.finding for x in model.all_issues()] == whole.findings
    model.decide(ids, False)  # many paragraphs at once
    assert model.final_arabic() == repair(text, None, {i: False for i in ids}).text


def test_rejected_move_holds_and_keeps_the_paragraph_rejected():
    """Rejecting A003 on the seed keeps the attribution where it stands: A001, which would move it
    once Q004 has closed the quote, counts as rejected too; the quote still gets its marks."""
    text = SEED.read_text(encoding="utf-8")
    model = ReviewModel(text)
    [x] = [x for x in model.all_issues() if x.code == "A003"]
    model.decide([x.id], False)
    assert model.status(x.segment) == "rejected"
    arabic = model.segments[x.segment].arabic
    assert arabic.startswith("«في الواقع") and "». وقال بيسكوف في مؤتمر صحفي" in arabic
    moves = [y for y in model.segments[x.segment].issues if y.code in ("A001", "A002", "A003")]
    assert moves and all(model.issue_state(y) == "rejected" for y in moves)
    assert not [y for y in model.open_issues(x.segment) if y.code.startswith("A00")]
    assert model.final_arabic() == repair(text, None, dict(model.decisions)).text
    model.undo()
    assert model.status(x.segment) == "pending" and not model.decisions


def test_session_lines_cached_and_equal_to_record():
    from qfix.review import session
    model = ReviewModel(SEED.read_text(encoding="utf-8"))
    assert json.loads(session.encode(model, "a.txt")) == session.session_record(model, "a.txt")
    model.set_english(0, model.segments[0].arabic, 'The "Kremlin" «comments»')
    model.segments[2].approved = True
    model.decide([model.all_issues()[0].id], False)
    assert json.loads(session.encode(model, "a.txt")) == session.session_record(model, "a.txt")
    model.segments[2].approved = False  # a cached line is replaced when its paragraph changes
    assert json.loads(session.encode(model, "a.txt")) == session.session_record(model, "a.txt")


def test_wrap_and_visual_order():
    assert wrap("aa bb cc", 5) == [(0, 5), (6, 8)]
    order, shown = visual_order("«نعم» ok", True)
    assert shown.startswith("ok ") and "«معن»" in shown  # guillemets mirrored, Latin kept LTR
    assert sorted(order) == list(range(len("«نعم» ok")))


def test_bidi_default_from_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert default_mode({"VTE_VERSION": "7200"})[0] == "terminal"
    assert default_mode({"QFIX_BIDI": "app", "VTE_VERSION": "1"})[0] == "app"
    assert default_mode({})[0] == "app"


def test_bidi_default_from_config(monkeypatch, tmp_path):
    from qfix.config import Config
    monkeypatch.chdir(tmp_path)
    assert default_mode({}, Config(bidi="terminal"))[0] == "terminal"
    assert default_mode({"QFIX_BIDI": "app"}, Config(bidi="terminal"))[0] == "app"  # the variable wins
    assert default_mode({"VTE_VERSION": "1"}, Config(bidi="app"))[0] == "app"  # over the terminal
    (tmp_path / "qfix.toml").write_text('bidi = "terminal"\n', encoding="utf-8")
    mode, why = default_mode({})
    assert mode == "terminal" and "qfix.toml" in why  # read through load_config


@sync
async def test_arrows_move_paragraphs_and_click_selects(article):
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = app.current
        await pilot.press("down")
        assert app.current == app.panes.rows[app.panes.row_of(start) + 1]
        await pilot.press("up")
        assert app.current == start
        await pilot.click("#segments", offset=(2, 7))  # the eighth row of the list
        await pilot.pause()
        assert app.current == app.panes.rows[7] and app.table.cursor == 7
        assert app.panes.current == app.current


@sync
async def test_decision_repaints_only_changed_rows(article):
    """A decision redraws the rows and lines that changed, not the whole screen."""
    app = app_for(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        drawn = []
        original = app.table._draw
        app.table._draw = lambda k, width: drawn.append(k) or original(k, width)
        await pilot.press("a")
        await pilot.pause()
        assert drawn and len(set(drawn)) <= 3  # the decided row and the cursor's old and new rows


def test_cli_export_and_session_export(article, cli):
    r = cli("review", str(article), "--export", "arabic,json")
    assert r.code == 0, r.err
    assert Path(str(article) + ".qfix.ar.txt").exists()
    model = ReviewModel(article.read_text(encoding="utf-8"))
    model.decide([model.all_issues()[0].id], False)
    from qfix.review import session
    session.save(session.default_session_path(article), session.session_record(model, str(article)))
    r = cli("export", str(session.default_session_path(article)), "--format", "xliff", "-o", "-")
    assert r.code == 0, r.err
    check_xliff(r.text)
    assert "needs-review-translation" in r.text


def test_snapshot_main(article, snap_compare):
    assert snap_compare(app_for(article), terminal_size=SIZE)


def test_snapshot_after_reject_terminal_bidi(article, snap_compare):
    assert snap_compare(app_for(article), press=["r", "n", "b"], terminal_size=SIZE)


def test_snapshot_help(article, snap_compare):
    assert snap_compare(app_for(article), press=["f1"], terminal_size=SIZE)
