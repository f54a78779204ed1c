"""`qfix models make-tiny|list|pull`."""
from __future__ import annotations

import json

import pytest

from translate_fixtures import run_cli
from translate_fixtures import _isolated_cache, tiny_model  # noqa: F401 (fixtures)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def test_tiny_model_has_the_opus_mt_layout(tiny_model):
    names = {p.name for p in tiny_model.iterdir()}
    assert {"config.json", "generation_config.json", "model.safetensors", "source.spm", "target.spm",
            "vocab.json"} <= names
    vocab = json.loads((tiny_model / "vocab.json").read_text(encoding="utf-8"))
    assert vocab["</s>"] == 0 and vocab["<unk>"] == 1 and vocab["<pad>"] == len(vocab) - 1
    config = json.loads((tiny_model / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "marian" and config["vocab_size"] == len(vocab)
    assert config["pad_token_id"] == config["decoder_start_token_id"] == len(vocab) - 1


def test_list_shows_project_models(tiny_model, tmp_path, monkeypatch, capsys):
    import shutil
    shutil.copytree(tiny_model, tmp_path / "models" / "tiny")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli(["models", "list"], capsys)
    assert code == 0 and "models/tiny\tlocal\t" in out and "KB" in out


def test_pull_offline_is_one_line(capsys):
    code, out, err = run_cli(["models", "pull", "Helsinki-NLP/opus-mt-ar-en"], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1 and "offline" in err


def test_make_tiny_writes_where_asked(tmp_path, capsys):
    code, out, _ = run_cli(["models", "make-tiny", str(tmp_path / "t"), "--seed", "1"], capsys)
    assert code == 0 and out.strip() == str(tmp_path / "t") and (tmp_path / "t" / "model.safetensors").is_file()
