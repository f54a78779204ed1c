"""The CLI's contract: data on stdout, one-line errors on stderr, exit codes 0/1/2."""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

SEED = ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt"
GOLDEN = ROOT / "tests" / "golden" / "000_3c03ad3dcec7cf78.fixed.txt"
GARBLED = "“لم نكن في مستوانا اليوم،” قال فيريرا.\n"
FIXED = "وقال فيريرا: «لم نكن في مستوانا اليوم».\n"
CLEAN = "وقال فيريرا: «لم نكن في مستوانا اليوم».\n"


def _one_line_error(res, code=2):
    assert res.code == code
    assert res.err.startswith("qfix: error: ") and res.err.count("\n") == 1, res.err
    assert "Traceback" not in res.err


def test_fix_stdin_to_stdout(cli):
    res = cli("fix", "-", stdin=GARBLED)
    assert res.code == 0 and res.text == FIXED


def test_fix_seed_file_matches_golden(cli):
    res = cli("fix", str(SEED))
    assert res.text == GOLDEN.read_text(encoding="utf-8")
    assert res.code == 1  # reported speech and a possessive scramble remain for review
    assert "left for review" in res.err
    assert cli("fix", str(SEED), "--exit-zero").code == 0


def test_fix_output_file_and_in_place(cli, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(GARBLED, encoding="utf-8")
    out = tmp_path / "out.txt"
    assert cli("fix", str(src), "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8") == FIXED
    assert src.read_text(encoding="utf-8") == GARBLED
    os.chmod(src, 0o640)
    assert cli("fix", "--in-place", str(src)).code == 0
    assert src.read_text(encoding="utf-8") == FIXED
    assert (os.stat(src).st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir() if "qfix-tmp" in p.name] == []


def test_in_place_leaves_every_file_untouched_when_one_is_bad(cli, tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(GARBLED, encoding="utf-8")
    bad.write_bytes(b"\xd9\x82\xff broken")
    res = cli("fix", "--in-place", str(good), str(bad))
    _one_line_error(res)
    assert good.read_text(encoding="utf-8") == GARBLED


def test_output_into_missing_directory_fails_cleanly(cli, tmp_path):
    res = cli("fix", "-", "-o", str(tmp_path / "nope" / "out.txt"), stdin=GARBLED)
    _one_line_error(res)
    assert not (tmp_path / "nope").exists()


def test_check_flag_and_diff(cli):
    res = cli("fix", "--check", "-", stdin=GARBLED)
    assert res.code == 1 and res.out == b"" and "would repair" in res.err
    assert cli("fix", "--check", "-", stdin=CLEAN).code == 0
    res = cli("fix", "--diff", "-", stdin=GARBLED)
    assert res.code == 1
    assert "-“لم نكن" in res.text and "+وقال فيريرا" in res.text
    assert cli("fix", "--diff", "-", stdin=CLEAN).out == b""


def test_check_text_json_jsonl(cli):
    res = cli("check", str(SEED))
    assert res.code == 1
    lines = res.text.splitlines()
    assert lines[0] == f"{SEED}:1:68: B001 site name 'RT World News' after the title (evidence: the site word 'News')"
    assert any(":12:57: A101 " in line for line in lines)
    rows = json.loads(cli("check", "--format", "json", str(SEED)).text)
    assert {r["code"] for r in rows} >= {"A001", "A003", "B001", "B002", "A101", "A102"}
    assert all({"path", "line", "column", "code", "message", "applicability"} <= r.keys() for r in rows)
    jl = cli("check", "--format", "jsonl", str(SEED)).text.splitlines()
    assert [json.loads(x) for x in jl] == rows
    assert cli("check", "-", stdin=CLEAN).code == 0


def test_rules_and_rule_doc(cli):
    res = cli("rules")
    assert res.code == 0 and "A001" in res.text and "B002" in res.text
    doc = cli("rule", "a001")
    assert doc.code == 0 and "Why:" in doc.text and "Example:" in doc.text
    _one_line_error(cli("rule", "Z999"))


@pytest.mark.parametrize("data,expect", [
    (b"", b""),
    (codecs.BOM_UTF8 + GARBLED.encode(), codecs.BOM_UTF8 + FIXED.encode()),
    (GARBLED.replace("\n", "\r\n").encode(), FIXED.replace("\n", "\r\n").encode()),
    (codecs.BOM_UTF16_LE + GARBLED.encode("utf-16-le"), codecs.BOM_UTF16_LE + FIXED.encode("utf-16-le")),
    (codecs.BOM_UTF16_BE + GARBLED.encode("utf-16-be"), codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")),
    (b"No Arabic here: \"quoted\", he said.\n", b"No Arabic here: \"quoted\", he said.\n"),
], ids=["empty", "utf8-bom", "crlf", "utf16le-bom", "utf16be-bom", "no-arabic"])
def test_encodings_and_line_endings_are_kept(cli, tmp_path, data, expect):
    src = tmp_path / "in.txt"
    src.write_bytes(data)
    res = cli("fix", str(src))
    assert res.code == 0 and res.out == expect
    assert cli("fix", "--in-place", str(src)).code == 0
    assert src.read_bytes() == expect


@pytest.mark.parametrize("make,needle", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: (d / "bad.txt").write_bytes(b"\xd9\x82\xff\xfe") and d / "bad.txt", "not valid UTF-8"),
    (lambda d: (d / "nul.txt").write_bytes("نص\x00نص".encode()) and d / "nul.txt", "NUL"),
], ids=["missing", "directory", "invalid-utf8", "nul-bytes"])
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, make, needle):
    path = make(tmp_path)
    for cmd in ("fix", "check"):
        res = cli(cmd, str(path))
        _one_line_error(res)
        assert needle in res.err and res.out == b""


def test_bad_options_and_config(cli, tmp_path):
    _one_line_error(cli("fix", "-", "--quote-style", "<<>>", stdin=GARBLED))
    _one_line_error(cli("fix", "-", "--extra-boilerplate", "([", stdin=GARBLED))
    (tmp_path / "qfix.toml").write_text("quote-styel = '«»'\n")
    _one_line_error(cli("fix", "-", stdin=GARBLED, cwd=tmp_path))
    (tmp_path / "qfix.toml").write_text("not toml = = =\n")
    _one_line_error(cli("fix", "-", stdin=GARBLED, cwd=tmp_path))
    res = cli("fix", "a.txt", "b.txt")
    _one_line_error(res)


def test_quote_style_and_selection_flags(cli):
    assert cli("fix", "-", "--quote-style", "“”", stdin=GARBLED).text == "وقال فيريرا: “لم نكن في مستوانا اليوم”.\n"
    assert cli("fix", "-", "--quote-style", "straight", stdin=GARBLED).text == 'وقال فيريرا: "لم نكن في مستوانا اليوم".\n'
    # only quote-mark rules: the attribution stays where it is
    only_q = cli("fix", "-", "--select", "Q", stdin=GARBLED).text
    assert only_q.startswith("«لم نكن في مستوانا اليوم»") and "قال فيريرا" in only_q
    assert cli("fix", "-", "--ignore", "A,Q", stdin=GARBLED).text == GARBLED


def test_config_file_found_upward(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.qfix]\nquote-style = "“”"\nextra-boilerplate = ["^إعلان$"]\n',
                                            encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    res = cli("fix", "-", stdin="عنوان الخبر هنا\n" + GARBLED + "إعلان\n", cwd=deep)
    assert res.text == "عنوان الخبر هنا\nوقال فيريرا: “لم نكن في مستوانا اليوم”.\n"
    # a flag beats the file
    res = cli("fix", "-", "--quote-style", "«»", stdin=GARBLED, cwd=deep)
    assert res.text == FIXED


def test_extra_speech_verb(cli):
    text = "“سنعود أقوى”، نوّه المدرب.\n"
    assert cli("fix", "-", stdin=text).text == "وَنوّه المدرب: «سنعود أقوى».\n".replace("وَ", "و")
    text = "“سنعود أقوى”، غرد المدرب.\n"
    assert cli("fix", "-", stdin=text).text == "«سنعود أقوى»، غرد المدرب.\n"
    assert cli("fix", "-", "--extra-speech-verb", "غرد", stdin=text).text == "وغرد المدرب: «سنعود أقوى».\n"


def test_real_subprocess_and_no_traceback_on_broken_pipe(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(SEED.read_text(encoding="utf-8") * 200, encoding="utf-8")
    proc = subprocess.run(f"{sys.executable} -m qfix fix --exit-zero {big} | head -c 100", shell=True,
                          capture_output=True, cwd=tmp_path)
    assert b"Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "qfix", "check", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.strip().startswith("qfix: error:")


def test_help_lists_commands(cli):
    res = cli("--help")
    assert res.code == 0


def test_new_output_file_gets_the_usual_mode(cli, tmp_path):
    out = tmp_path / "new.txt"
    old = os.umask(0o022)
    try:
        assert cli("fix", "-", "-o", str(out), stdin=GARBLED).code == 0
    finally:
        os.umask(old)
    assert (os.stat(out).st_mode & 0o777) == 0o644


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
@pytest.mark.parametrize("value", ["Q01", "Z", "A001,X9"])
def test_unknown_rule_codes_are_an_error(cli, flag, value):
    res = cli("fix", flag, value, "-", stdin=GARBLED)
    _one_line_error(res)
    assert "matches no rule code" in res.err


def test_unknown_rule_code_in_config_file_is_an_error(cli, tmp_path):
    (tmp_path / "qfix.toml").write_text('select = ["Q01"]\n', encoding="utf-8")
    _one_line_error(cli("check", "-", stdin=GARBLED, cwd=tmp_path))


def test_rule_prefixes_are_case_insensitive(cli):
    assert cli("fix", "--select", "a,q", "-", stdin=GARBLED).text == FIXED


@pytest.mark.parametrize("toml", ['extra-boilerplate = ["(unclosed"]', "extra-boilerplate = 5",
                                  'apply-review = "yes"', "select = [1]", "beams = 0"])
def test_bad_config_values_are_one_line_errors(cli, tmp_path, toml):
    (tmp_path / "qfix.toml").write_text(toml + "\n", encoding="utf-8")
    _one_line_error(cli("fix", "-", stdin=GARBLED, cwd=tmp_path))
    _one_line_error(cli("fix", "--config", str(tmp_path / "qfix.toml"), "-", stdin=GARBLED))


def test_config_object_rejects_bad_pattern():
    from qfix.config import Config, ConfigError
    with pytest.raises(ConfigError, match="not a valid regular expression"):
        Config(extra_boilerplate=("(unclosed",))


def test_signature_covers_output_options():
    from qfix.config import Config
    sig = Config(extra_boilerplate=("^x$",), extra_speech_verbs=("نوه",)).signature()
    assert sig["extra_boilerplate"] == ["^x$"] and sig["extra_speech_verbs"] == ["نوه"]
    assert Config().signature() != Config(extra_speech_verbs=("نوه",)).signature()


@pytest.mark.parametrize("final_newline", [True, False])
def test_diff_applies_with_patch(cli, tmp_path, final_newline):
    """`patch` applied to the input rebuilds `qfix fix` output byte for byte."""
    import shutil
    if shutil.which("patch") is None:
        pytest.skip("patch is not installed")
    text = SEED.read_text(encoding="utf-8")
    text = text.rstrip("\n") + ("\n" if final_newline else "")
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    res = cli("fix", "--diff", str(src))
    assert res.code == 1
    assert res.text.endswith("\\ No newline at end of file\n") != final_newline
    subprocess.run(["patch", "-s", str(src)], input=res.out, check=True, cwd=tmp_path)
    assert src.read_text(encoding="utf-8") == cli("fix", "-", stdin=text).text


def _titled(n: int, tail: str) -> str:
    return f"خبر رقم {n} عن الاقتصاد المحلي – {tail}\nنص الخبر رقم {n}.\n"


def test_title_tail_repeated_across_a_batch_is_a_site_name(cli, tmp_path):
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(_titled(n, "نافذة الخليج"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_titled(9, "المغرب يتأهل"), encoding="utf-8")
    rows = json.loads(cli("check", "--format", "json", str(tmp_path)).text)
    b001 = {r["path"].rsplit("/", 1)[-1]: r for r in rows if r["code"] == "B001"}
    assert all(b001[f"a{n}.txt"]["fixed_by_fix"] for n in range(3))
    assert "repeated" in b001["a0.txt"]["message"] or "other titles" in b001["a0.txt"]["message"]
    assert not b001["b.txt"]["fixed_by_fix"]  # one document's tail proves nothing
    alone = json.loads(cli("check", "--format", "json", str(tmp_path / "a0.txt")).text)
    assert not alone[0]["fixed_by_fix"]


def test_configured_site_name(cli, tmp_path):
    text = _titled(1, "نافذة الخليج")
    assert cli("fix", "-", stdin=text).text == text
    fixed = "خبر رقم 1 عن الاقتصاد المحلي\nنص الخبر رقم 1.\n"
    assert cli("fix", "--site-name", "نافذة الخليج", "-", stdin=text).text == fixed
    (tmp_path / "qfix.toml").write_text('site-names = ["نافذة الخليج"]\n', encoding="utf-8")
    assert cli("fix", "-", stdin=text, cwd=tmp_path).text == fixed
