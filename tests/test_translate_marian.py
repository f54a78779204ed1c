"""The Marian path end to end, on a tiny real MarianMT model (random weights, real vocabularies).

The tiny model's English is random tokens: these tests check structure, not meaning.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from qfix.translate import TranslationMemory, translate_document
from qfix.translate.assemble import EnglishRenderer
from translate_fixtures import SEED, dev_cases, english_quotes, run_cli
from translate_fixtures import _isolated_cache, tiny_engine, tiny_model  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _structure_ok(doc) -> tuple[int, int]:
    """Assert the English quote structure of a document; (Arabic quotes, English quotes)."""
    arabic = sum(len(p.quotes) for p in doc.paragraphs)
    english = "\n".join(p.english for p in doc.paragraphs)
    spans = english_quotes(english)
    assert spans is not None, "unbalanced English quotes"
    # same order: the depth of each span, in reading order, matches the Arabic quotes'
    assert [d for _, d in spans] == [q.depth for p in doc.paragraphs for q in sorted(
        p.quotes, key=lambda q: q.id)], "quotes out of order"
    renderer = EnglishRenderer()
    for p in doc.paragraphs:
        for q in p.quotes:
            if q.attribution:
                assert re.fullmatch(r"\u201c.*[,?!]\u201d \S.*\.", renderer.direct(p, q, "."), re.S)
    return arabic, len(spans)


def _repaired_seed() -> str:
    try:
        from qfix import repair
    except ImportError:
        pytest.skip("the repair engine is not there yet")
    return repair(SEED.read_text(encoding="utf-8")).text


@pytest.mark.parametrize("case", dev_cases(), ids=lambda c: c["id"])
def test_dev_cases_keep_every_quote(case, tiny_engine):
    arabic, english = _structure_ok(translate_document(case["expected"], tiny_engine))
    assert arabic == english == len(case["quotes"])


def test_seed_keeps_every_quote(tiny_engine):
    arabic, english = _structure_ok(translate_document(_repaired_seed(), tiny_engine))
    assert arabic == english > 0


def test_same_input_same_output_and_the_memory_serves_the_rerun(tiny_engine, tmp_path):
    text = "\n".join(c["expected"] for c in dev_cases()[:5])
    fresh = [translate_document(text, tiny_engine).paragraphs for _ in range(2)]
    assert [p.english for p in fresh[0]] == [p.english for p in fresh[1]]
    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        first = translate_document(text, tiny_engine, memory=memory)
        second = translate_document(text, tiny_engine, memory=memory)
        changed = translate_document(text + "\nوقال المتحدث: «جملة جديدة تماما».", tiny_engine, memory=memory)
    assert [p.english for p in first.paragraphs] == [p.english for p in fresh[0]]
    assert [p.english for p in second.paragraphs] == [p.english for p in first.paragraphs]
    assert second.stats["translated"] == 0 and second.stats["from_memory"] == first.stats["sentences"]
    assert changed.stats["translated"] == 2  # only the new quote and its attribution


def test_cli_is_byte_identical_and_second_run_is_cached(tiny_model, tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text(dev_cases()[0]["expected"], encoding="utf-8")
    argv = ["translate", str(source), "--model", str(tiny_model), "--no-repair", "-v"]
    code1, out1, err1 = run_cli(argv, capsys)
    code2, out2, err2 = run_cli(argv, capsys)
    assert code1 == code2 == 0 and out1 == out2 and out1.strip()
    assert " 0 from the translation memory" in err1
    assert re.search(r"(\d+) sentences, \1 from the translation memory", err2)
    code3, out3, _ = run_cli(argv + ["--no-cache"], capsys)
    assert code3 == 0 and out3 == out1


def test_json_export_has_units_links_and_signature(tiny_model, tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text(dev_cases()[2]["expected"], encoding="utf-8")
    code, out, _ = run_cli(["translate", str(source), "--model", str(tiny_model), "--no-repair",
                            "--format", "json", "--beams", "2"], capsys)
    data = json.loads(out)
    assert code == 0
    signature = data["signature"]
    assert signature["model"] == str(tiny_model) and signature["revision"].startswith("sha256:")
    assert signature["beams"] == 2 and signature["engine"] == "transformers" and signature["repair"] is False
    paragraph = data["documents"][0]["paragraphs"][2]
    kinds = [u["kind"] for u in paragraph["units"]]
    assert kinds == ["quote", "attribution"]
    assert paragraph["quotes"][0]["attribution"] == [["unit", 1]] and paragraph["quotes"][0]["position"] == "before"


def test_markdown_has_title_heading(tiny_model, tmp_path, capsys):
    source = tmp_path / "in.txt"
    source.write_text(dev_cases()[1]["expected"], encoding="utf-8")
    code, out, _ = run_cli(["translate", str(source), "--model", str(tiny_model), "--format", "markdown",
                            "--no-repair"], capsys)
    assert code == 0 and out.startswith("# ") and "\n\n" in out


def test_output_file(tiny_model, tmp_path, capsys):
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text("وقال: «مرحبا».", encoding="utf-8")
    code, out, _ = run_cli(["translate", str(source), "--model", str(tiny_model), "-o", str(target),
                            "--no-repair"], capsys)
    assert code == 0 and out == "" and target.read_text(encoding="utf-8").startswith("\u201c")


# --- bad input: the right result, or one line and exit 2 ---

def _one_line_error(code, err):
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("qfix: error: ") and "Traceback" not in err


def test_empty_document(tiny_model, tmp_path, capsys):
    (tmp_path / "e.txt").write_text("", encoding="utf-8")
    code, out, err = run_cli(["translate", str(tmp_path / "e.txt"), "--model", "/nonexistent"], capsys)
    assert (code, out, err) == (0, "\n", "")


def test_no_arabic_passes_through_with_a_warning(tmp_path, capsys):
    (tmp_path / "e.txt").write_text("Just English.\n", encoding="utf-8")
    code, out, err = run_cli(["translate", str(tmp_path / "e.txt"), "--no-repair"], capsys)
    assert code == 0 and out == "Just English.\n" and "no Arabic" in err


def test_huge_paragraph_without_punctuation(tiny_engine):
    words = ("الحكومة قررت تمديد العمل بالخطة الوطنية " * 834).split()[:5000]
    doc = translate_document(" ".join(words), tiny_engine)
    assert doc.stats["sentences"] > 1  # cut under the budget, not truncated
    assert doc.paragraphs[0].english


@pytest.mark.parametrize("damage", ["missing", "corrupt-weights", "corrupt-config"])
def test_broken_model_directory(damage, tiny_model, tmp_path, capsys):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    if damage == "missing":
        (broken / "source.spm").unlink()
    elif damage == "corrupt-weights":
        (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    else:
        (broken / "config.json").write_text("{", encoding="utf-8")
    code, _, err = run_cli(["translate", "--model", str(broken), "--no-repair", str(_arabic_file(tmp_path))],
                           capsys)
    _one_line_error(code, err)


def _arabic_file(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_text("قال المتحدث: «هذا اختبار».", encoding="utf-8")
    return path


def test_unknown_hub_id_offline(tmp_path, capsys):
    code, _, err = run_cli(["translate", "--model", "no-such-org/opus-mt-xx-yy", str(_arabic_file(tmp_path))],
                           capsys)
    _one_line_error(code, err)
    assert "qfix models pull no-such-org/opus-mt-xx-yy" in err


def test_wrong_language_pair_warns(tiny_model, tmp_path, capsys):
    other = tmp_path / "opus-mt-en-de"
    shutil.copytree(tiny_model, other)
    code, out, err = run_cli(["translate", "--model", str(other), "--no-repair", str(_arabic_file(tmp_path))],
                             capsys)
    assert code == 0 and out and "warning" in err and "en→de" in err


def test_cuda_on_a_machine_without_it(tiny_model, tmp_path, capsys):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    code, _, err = run_cli(["translate", "--model", str(tiny_model), "--device", "cuda", "--no-repair",
                            str(_arabic_file(tmp_path))], capsys)
    _one_line_error(code, err)


def test_missing_input_file(tiny_model, tmp_path, capsys):
    code, _, err = run_cli(["translate", str(tmp_path / "nope.txt")], capsys)
    _one_line_error(code, err)


def test_cached_run_does_not_import_torch(tiny_model, tmp_path):
    """A run served from the memory needs no weights, so it never imports torch."""
    source = _arabic_file(tmp_path)
    env = {**os.environ, "QFIX_CACHE_DIR": str(tmp_path / "c"), "HF_HUB_OFFLINE": "1"}
    script = ("import sys\nfrom qfix.config import Config\nfrom qfix.translate import *\n"
              f"e = load_engine(Config(model={str(tiny_model)!r}, device='cpu'))\n"
              f"d = translate_document(open({str(source)!r}, encoding='utf-8').read(), e, memory=TranslationMemory())\n"
              "if sys.argv[1] == 'cached':\n"
              "    assert d.stats['translated'] == 0, d.stats\n    assert 'torch' not in sys.modules\n")
    for run in ("fresh", "cached"):
        subprocess.run([sys.executable, "-c", script, run], check=True, env=env)


def test_translate_package_import_is_light():
    code = ("import sys, qfix.translate, qfix.cli.translate_cmd, qfix.cli.models_cmd, qfix.export.translation\n"
            "heavy = [m for m in ('torch', 'transformers', 'sentencepiece', 'huggingface_hub') if m in sys.modules]\n"
            "assert not heavy, heavy\n")
    subprocess.run([sys.executable, "-c", code], check=True)
