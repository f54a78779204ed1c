"""The CTranslate2 engine: conversion, its traps, agreement with transformers, engine choice.

On the tiny model (random weights, real vocabularies). Everything that needs
ctranslate2 is skipped cleanly without it; the install hint is tested always.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from qfix import document
from qfix.config import Config
from qfix.translate import TranslateError, load_engine, translate_document
from qfix.translate import ct2
from qfix.translate.segment import needs_model, segment_document, split_for_budget
from translate_fixtures import dev_cases, english_quotes, run_cli
from translate_fixtures import _isolated_cache, tiny_model  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")
needs_ct2 = pytest.mark.skipif(not ct2.available(), reason="ctranslate2 is not installed (pip install -e '.[fast]')")


@pytest.fixture(scope="session")
def own_tiny(tiny_model, tmp_path_factory):
    """A copy of the tiny model, so conversions beside it never switch other tests' `auto` to ct2."""
    return shutil.copytree(tiny_model, tmp_path_factory.mktemp("ct2") / "tiny")


@pytest.fixture(scope="session")
def tiny_f32(own_tiny):
    from qfix.translate.hub import resolve_model
    return ct2.convert(resolve_model(str(own_tiny)), "float32")


@pytest.fixture(scope="session")
def dev_sentences(tiny_model):
    from qfix.translate.hub import resolve_model
    from qfix.translate.marian import MarianEngine
    counter = MarianEngine(resolve_model(str(tiny_model)), device="cpu")
    text = "\n".join(c["expected"] for c in dev_cases())
    units = [u.arabic for p in segment_document(document(text)) for u in p.units if needs_model(u.arabic)]
    return list(dict.fromkeys(s for u in units for s in split_for_budget(u, 510, counter.count_tokens)))


# --- the install hint: always tested ---

def test_ct2_without_ctranslate2_is_one_line_with_the_install_hint(tiny_model, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import ctranslate2 -> ImportError
    (tmp_path / "ar.txt").write_text("قال المتحدث: «هذا اختبار».", encoding="utf-8")
    code, out, err = run_cli(["translate", "--engine", "ct2", "--model", str(tiny_model), "--no-repair",
                              str(tmp_path / "ar.txt")], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "pip install -e '.[fast]'" in err
    code, _, err = run_cli(["models", "convert", str(tiny_model)], capsys)
    assert code == 2 and err.count("\n") == 1 and "pip install -e '.[fast]'" in err


def test_decoding_options_follow_the_generation_config():
    # tiny model: 12 new tokens, the last forced to </s> -> 11 before it
    tiny = ct2.decoding_options({"max_new_tokens": 12, "forced_eos_token_id": 0, "max_length": 512}, 1, 512)
    assert (tiny["beam_size"], tiny["max_decoding_length"], tiny["min_decoding_length"]) == (1, 11, 0)
    # benchmark model: exactly 8 new tokens, the last </s>
    fixed = ct2.decoding_options({"max_new_tokens": 8, "min_new_tokens": 8, "forced_eos_token_id": 0}, 4, 512)
    assert (fixed["beam_size"], fixed["max_decoding_length"], fixed["min_decoding_length"]) == (4, 7, 7)
    # an OPUS-MT config: max_length 512 counts the decoder start and the forced </s>
    opus = ct2.decoding_options({"max_length": 512, "num_beams": 4, "forced_eos_token_id": 0}, 4, 512)
    assert (opus["max_decoding_length"], opus["max_input_length"], opus["length_penalty"]) == (510, 512, 1.0)
    assert ct2.decoding_options({"min_length": 5}, 2, 64)["min_decoding_length"] == 4


# --- conversion and its traps ---

@needs_ct2
def test_conversion_layout_and_traps(own_tiny, tiny_f32):
    assert tiny_f32 == own_tiny.parent / "tiny-ct2-float32"  # beside the model
    config = json.loads((tiny_f32 / "config.json").read_text(encoding="utf-8"))
    assert config["add_source_eos"] is False  # so the engine appends </s> itself
    vocab = json.loads((own_tiny / "vocab.json").read_text(encoding="utf-8"))
    converted = json.loads((tiny_f32 / "shared_vocabulary.json").read_text(encoding="utf-8"))
    assert converted == sorted(vocab, key=vocab.get)[:-1]  # same ids, <pad> (last) dropped
    meta = json.loads((tiny_f32 / ct2.META).read_text(encoding="utf-8"))
    assert meta["quantization"] == "float32" and meta["revision"].startswith("sha256:")
    assert {"source.spm", "target.spm", "generation_config.json"} <= {p.name for p in tiny_f32.iterdir()}


@needs_ct2
def test_source_tokens_are_marian_tokenizers_with_one_eos(tiny_f32, own_tiny, dev_sentences):
    from transformers import MarianTokenizer
    tokenizer = MarianTokenizer.from_pretrained(str(own_tiny))
    engine = ct2.Ct2Engine(tiny_f32, device="cpu")
    for sentence in dev_sentences:
        tokens = engine.source_tokens(sentence)
        assert tokens == tokenizer.convert_ids_to_tokens(tokenizer(sentence)["input_ids"])
        assert tokens.count("</s>") == 1 and tokens[-1] == "</s>"
    engine.add_eos = False  # a model converted with add_source_eos: true gets no second </s>
    assert "</s>" not in engine.source_tokens(dev_sentences[0])


@needs_ct2
def test_pad_not_last_is_refused(own_tiny, tmp_path, capsys):
    broken = shutil.copytree(own_tiny, tmp_path / "padmid")
    vocab = json.loads((broken / "vocab.json").read_text(encoding="utf-8"))
    order = sorted(vocab, key=vocab.get)
    order.insert(5, order.pop())  # <pad> in the middle
    (broken / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(order)}), encoding="utf-8")
    code, out, err = run_cli(["models", "convert", str(broken)], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "<pad> must be the vocabulary's last" in err
    assert not any(p.name.startswith("padmid-ct2") for p in tmp_path.iterdir())


# --- agreement with transformers ---

@needs_ct2
@pytest.mark.parametrize("beams", [1, 4])
def test_float32_agrees_with_transformers_token_for_token(beams, own_tiny, tiny_f32, dev_sentences):
    base = Config(model=str(own_tiny), device="cpu", beams=beams)
    hf = load_engine(base.replace(engine="transformers"))
    fast = load_engine(base.replace(engine="ct2"))
    assert type(fast).__name__ == "Ct2Engine" and fast.signature["quantization"] == "float32"
    hf_pieces, ct2_pieces, hf_text, ct2_text = [], [], [], []
    for i in range(0, len(dev_sentences), 32):
        batch = dev_sentences[i:i + 32]
        hf_pieces += hf.translate_pieces(batch)
        ct2_pieces += fast.translate_pieces(batch)
        hf_text += hf.translate_batch(batch)
        ct2_text += fast.translate_batch(batch)
    same = sum(a == b for a, b in zip(hf_pieces, ct2_pieces))
    print(f"beams {beams}: {same}/{len(dev_sentences)} translations agree token for token")
    assert same == len(dev_sentences) > 200  # measured 243/243 at beams 1 and 4
    assert hf_text == ct2_text  # and the same tokens detokenize to the same English


# --- the pipeline, budget and engine choice ---

@needs_ct2
def test_dev_cases_keep_every_quote_with_ct2(tiny_f32):
    engine = ct2.Ct2Engine(tiny_f32, device="cpu")
    for case in dev_cases():
        doc = translate_document(case["expected"], engine)
        spans = english_quotes("\n".join(p.english for p in doc.paragraphs))
        assert spans is not None and len(spans) == len(case["quotes"]), case["id"]


@needs_ct2
def test_over_long_input_raises_in_both_engines_and_the_segmenter_keeps_the_budget(own_tiny, tiny_f32):
    long_sentence = " ".join(["الحكومة قررت تمديد العمل بالخطة الوطنية"] * 120)
    fast = ct2.Ct2Engine(tiny_f32, device="cpu", max_length=64)
    assert fast.count_tokens(long_sentence) > 64
    from qfix.translate.hub import resolve_model
    from qfix.translate.marian import MarianEngine
    for engine in (fast, MarianEngine(resolve_model(str(own_tiny)), device="cpu", max_length=64)):
        with pytest.raises(TranslateError, match="longer than the model's limit of 64"):
            engine.translate_batch([long_sentence])
        doc = translate_document(long_sentence, engine)  # through the segmenter: cut, not truncated
        assert doc.stats["sentences"] > 1 and doc.paragraphs[0].english


@needs_ct2
def test_auto_picks_ct2_only_when_a_current_conversion_exists(tiny_model, tmp_path, capsys):
    model = shutil.copytree(tiny_model, tmp_path / "m")
    source = tmp_path / "ar.txt"
    source.write_text("قال المتحدث: «هذا اختبار».", encoding="utf-8")
    argv = ["translate", str(source), "--model", str(model), "--no-repair", "--format", "json", "--no-cache"]
    code, out, err = run_cli(argv + ["--engine", "ct2"], capsys)
    assert code == 2 and err.count("\n") == 1 and f"qfix models convert {model}" in err
    code, out, _ = run_cli(argv, capsys)
    assert code == 0 and json.loads(out)["signature"]["engine"] == "transformers"
    code, out, _ = run_cli(["models", "convert", str(model), "--quantization", "int8"], capsys)
    assert code == 0 and out.strip().endswith(str(tmp_path / "m-ct2-int8"))
    code, out, _ = run_cli(argv, capsys)
    signature = json.loads(out)["signature"]
    assert code == 0 and signature["engine"] == "ct2" and signature["quantization"] == "int8"
    code, out, _ = run_cli(argv + ["--engine", "transformers"], capsys)
    assert json.loads(out)["signature"]["engine"] == "transformers"
    (model / "README.md").write_text("changed", encoding="utf-8")  # a new revision of the model
    code, out, err = run_cli(argv, capsys)
    assert code == 0 and json.loads(out)["signature"]["engine"] == "transformers" and "convert" in err
    code, _, err = run_cli(argv + ["--engine", "ct2"], capsys)
    assert code == 2 and "another revision" in err


@needs_ct2
def test_threads_change_speed_not_output(tiny_f32, dev_sentences):
    default = ct2.Ct2Engine(tiny_f32, device="cpu")
    tuned = ct2.Ct2Engine(tiny_f32, device="cpu", threads=1, inter_threads=2)
    batch = dev_sentences[:24]
    assert default.translate_batch(batch) == tuned.translate_batch(batch)
    assert tuned.translator.num_translators == 2 and default.translator.num_translators == 1


@needs_ct2
def test_model_may_name_the_conversion_and_the_cli_takes_threads(tiny_f32, tmp_path, capsys):
    source = tmp_path / "ar.txt"
    source.write_text("قال المتحدث: «هذا اختبار».", encoding="utf-8")
    code, out, _ = run_cli(["translate", str(source), "--model", str(tiny_f32), "--no-repair", "--threads", "1",
                            "--inter-threads", "1"], capsys)
    assert code == 0 and out.startswith("\u201c")
    code, _, err = run_cli(["translate", str(source), "--model", str(tiny_f32), "--engine", "transformers"],
                           capsys)
    assert code == 2 and "CTranslate2 model" in err


@needs_ct2
def test_pull_fast_offline_is_one_line(capsys):
    code, out, err = run_cli(["models", "pull", "--fast", "Helsinki-NLP/opus-mt-ar-en"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "offline" in err


@needs_ct2
def test_a_ct2_run_imports_neither_torch_nor_transformers(tiny_f32, tmp_path):
    env = {**os.environ, "QFIX_CACHE_DIR": str(tmp_path / "c"), "HF_HUB_OFFLINE": "1"}
    script = ("import sys\nfrom qfix.config import Config\nfrom qfix.translate import load_engine, translate_document\n"
              f"e = load_engine(Config(model={str(tiny_f32)!r}, device='cpu'))\n"
              "assert translate_document('قال المتحدث: «هذا اختبار».', e).paragraphs[0].english\n"
              "heavy = [m for m in ('torch', 'transformers') if m in sys.modules]\nassert not heavy, heavy\n")
    subprocess.run([sys.executable, "-c", script], check=True, env=env)
