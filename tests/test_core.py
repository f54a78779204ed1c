"""The pure core: import hygiene, the edit log, positions, config, unit behaviour."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import qfix
from qfix.apply import apply_edits, replay
from qfix.config import Config, ConfigError, load_config
from qfix.diagnostics import Edit
from qfix.parse.quotes import parse_paragraph


def test_core_imports_no_heavy_packages():
    code = ("import sys, qfix, qfix.apply, qfix.cli.repair_cmds; qfix.repair('«نص»، قال.'); "
            "import json; print(json.dumps(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('torch', 'transformers', 'textual', 'ctranslate2', 'sentencepiece'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_edits_apply_in_order_and_overlap_rules():
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A"), Edit(2, 2, "+")]) == "Ab+cdEf"
    assert Edit(0, 3, "x").overlaps(Edit(2, 4, "y"))
    assert not Edit(0, 3, "x").overlaps(Edit(3, 4, "y"))
    assert not Edit(3, 3, "x").overlaps(Edit(0, 3, "y"))
    assert Edit(3, 3, "x").overlaps(Edit(0, 3, "y"), touching=True)  # a rewrite owns its edges
    assert Edit(3, 3, "x").overlaps(Edit(3, 3, "y"))


def test_log_replays_and_names_its_rules():
    text = "عنوان الخبر | موقع الأخبار\n“الخطة جاهزة،” قال الوزير.\n‘نعم’ قالت.\nشارك هذا:\n"
    result = qfix.repair(text)
    assert result.text == "عنوان الخبر\nوقال الوزير: «الخطة جاهزة».\nوقالت: «نعم».\n"
    assert replay(text, result.edits) == result.text
    assert {e.code for e in result.edits} == {"A001", "B001", "B002"}
    with pytest.raises(ValueError):
        replay(text.replace("الوزير", "المدير"), result.edits)


def test_findings_point_into_the_input():
    text = "سطر أول للعنوان هنا\nكلام عادي ثم “عبارة” في الوسط.\n"
    result = qfix.repair(text)
    opening = [f for f in result.findings if f.code == "Q001"][0]
    assert text[opening.start] == "“"
    assert result.explain()[0].startswith("2:14: Q001")


def test_bidi_controls_do_not_break_detection():
    rlm, alm, lrm = "\u200f", "\u061c", "\u200e"
    text = f"{rlm}“الخطة جاهزة{alm}”{rlm}، قال الوزير.\nكلام ثم {rlm}“عبارة”{alm} هنا {lrm}123{lrm}."
    pq = parse_paragraph(text, 0, text.index("\n"))
    assert pq.balanced and len(pq.quotes) == 1
    result = qfix.repair(text)
    # detected through the controls; the controls beside the old marks go (A001, Q008),
    # one elsewhere stays
    assert result.text == f"وقال الوزير: «الخطة جاهزة».\nكلام ثم «عبارة» هنا {lrm}123{lrm}."
    assert {e.code for e in result.edits} == {"A001", "Q001", "Q008"}


@pytest.mark.parametrize("text", ["", "\n", "\n\n\n", "   ", "«»", "“", "”", "قال.", "\ufeff", "\r\n"])
def test_degenerate_inputs(text):
    result = qfix.repair(text)
    assert qfix.repair(result.text).text == result.text
    assert replay(text, result.edits) == result.text


def test_text_without_arabic_is_untouched():
    text = '"Any talks must be broader," Peskov said.\n‘Quoted’ text — Site News'
    assert qfix.repair(text).text == text


def test_crlf_kept_inside_repairs():
    text = "عنوان الخبر هنا\r\n“الخطة جاهزة،” قال الوزير.\r\nشارك هذا:\r\n"
    assert qfix.repair(text).text == "عنوان الخبر هنا\r\nوقال الوزير: «الخطة جاهزة».\r\n"


def test_review_fixes_need_apply_review():
    text = "عنوان الخبر الرئيسي - الساحل الشمالي في الصيف المقبل\nنص الخبر هنا."
    result = qfix.repair(text)
    assert result.text == text and [f.code for f in result.diagnostics] == ["B001"]
    assert qfix.repair(text, Config(apply_review=True)).text == "عنوان الخبر الرئيسي\nنص الخبر هنا."


def test_reported_speech_is_not_moved():
    text = "«الخطة جاهزة». وقال الوزير إن التنفيذ يبدأ غدا."
    assert qfix.repair(text).text == text
    text = "وصف الوضع بأنه «خطير» وقال إن الحل قريب."
    assert qfix.repair(text).text == text


def test_config_validation_and_files(tmp_path):
    with pytest.raises(ConfigError):
        Config(quote_style="<>")
    with pytest.raises(ConfigError):
        Config(beams=0)
    assert Config(quote_style="curly").quote_style == "“”"
    assert Config(select="Q, A001").select == ("Q", "A001")
    (tmp_path / "qfix.toml").write_text('ignore = ["B"]\nbeams = 2\n')
    cfg = load_config(tmp_path)
    assert cfg.ignore == ("B",) and cfg.beams == 2 and cfg.source.endswith("qfix.toml")
    assert not cfg.rule_enabled("B001") and cfg.rule_enabled("Q001")
    assert load_config(tmp_path, beams=6).beams == 6
    assert set(cfg.signature()) >= {"qfix", "quote_style", "model", "revision", "beams"}


def test_public_api_result_shape():
    result = qfix.repair("“نعم،” قال.")
    assert result.changed and result.text == "وقال: «نعم»."
    e = result.edits[0]
    assert (e.code, e.before, e.after) == ("A001", "“نعم،” قال.", "وقال: «نعم».")


def test_decisions_reject_and_accept_by_finding_id():
    text = "عنوان الخبر الرئيسي - الساحل الشمالي في الصيف المقبل\n“الخطة جاهزة،” قال الوزير.\nكلام “عبارة” هنا."
    first = qfix.repair(text)
    a001 = next(f for f in first.findings if f.code == "A001")
    b001 = next(f for f in first.findings if f.code == "B001")
    assert a001.applied and not b001.applied
    second = qfix.repair(text, decisions={a001.id: False, b001.id: True})
    lines = second.text.split("\n")
    assert lines[0] == "عنوان الخبر الرئيسي"
    assert lines[1] == "«الخطة جاهزة»، قال الوزير."  # marks still fixed, the move rejected
    assert lines[2] == "كلام «عبارة» هنا."
    rejected = next(f for f in second.findings if f.id == a001.id)
    assert not rejected.applied


def test_a_rejected_attribution_move_holds_whichever_rule_would_move_it():
    """`“A. وقال X.`: rejecting A003 leaves the quote open; Q004 closes it before the narrator's
    sentence, and A001 must not then move the attribution after all."""
    text = "“الخطة جاهزة. وقال الوزير في مؤتمر صحفي."
    result = qfix.repair(text)
    assert result.text == "وقال الوزير في مؤتمر صحفي: «الخطة جاهزة»."
    [a003] = [f for f in result.findings if f.code == "A003"]
    rejected = qfix.repair(text, decisions={a003.id: False})
    assert rejected.text == "«الخطة جاهزة». وقال الوزير في مؤتمر صحفي."
    assert not any(f.applied for f in rejected.findings if f.code.startswith("A00"))
