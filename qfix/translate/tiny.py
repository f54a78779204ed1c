"""Build MarianMT models with random weights: a tiny one for tests, a real-shaped one for benchmarks.

The vocabularies are real sentencepiece models trained on the project's Arabic
and English text, and everything is written with ``save_pretrained`` in the
layout of an OPUS-MT model (vocab.json with </s>=0, <unk>=1, <pad> last), so
the files go through exactly the loading path of a downloaded model.
"""
from __future__ import annotations

import io
import json
import warnings
from pathlib import Path
from typing import Any

TINY_SHAPE = dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                  decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64)
# Helsinki-NLP/opus-mt-ar-en's config.json.
OPUS_MT_AR_EN_SHAPE = dict(d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
                           decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048)
OPUS_MT_AR_EN_VOCAB = 62834


def _train_spm(text: str, vocab_size: int, path: Path) -> list[str]:
    import sentencepiece as spm
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(text.splitlines()), model_writer=model, vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False, seed_sentencepiece_size=100000,
        num_threads=1, minloglevel=2)
    path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())
            if not processor.is_control(i) and not processor.is_unknown(i)]


def build_marian(out_dir: str | Path, *, shape: dict[str, Any] = TINY_SHAPE, vocab_size: int | None = None,
                 source_text: str | None = None, target_text: str | None = None, spm_size: int = 800,
                 seed: int = 0, init_std: float = 0.5, max_new_tokens: int | None = None,
                 fixed_length: bool = False, max_length: int = 512) -> Path:
    """Write a MarianMT model with random weights to out_dir and return it.

    vocab_size pads the vocabulary with filler pieces up to a real model's size;
    max_new_tokens caps each translation (in the model's own generation config),
    and fixed_length makes every translation exactly that long (for benchmarks
    that must generate the same amount of work on every run).
    """
    from .errors import require_modules
    require_modules("translate", "sentencepiece", "transformers", "torch")
    import torch
    import transformers
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    from .tiny_corpus import ARABIC, ENGLISH
    warnings.filterwarnings("ignore", message=".*sacremoses.*")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pieces = _train_spm(source_text or ARABIC, spm_size, out / "source.spm")
    pieces += _train_spm(target_text or ENGLISH, spm_size, out / "target.spm")
    vocab = ["</s>", "<unk>", *dict.fromkeys(p for p in pieces if p not in ("</s>", "<unk>", "<pad>"))]
    if vocab_size:
        vocab += [f"\u2581w{i}" for i in range(vocab_size - len(vocab) - 1)]
    vocab.append("<pad>")
    (out / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(vocab)}, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    pad = len(vocab) - 1
    config = MarianConfig(vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0,
                          forced_eos_token_id=0, max_position_embeddings=max_length, activation_function="swish",
                          scale_embedding=True, share_encoder_decoder_embeddings=True, init_std=init_std,
                          **shape)
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    generation = dict(num_beams=4, max_length=max_length, bad_words_ids=[[pad]], decoder_start_token_id=pad,
                      eos_token_id=0, forced_eos_token_id=0, pad_token_id=pad)
    if max_new_tokens:
        generation.update(max_new_tokens=max_new_tokens, min_new_tokens=max_new_tokens if fixed_length else None)
    model.generation_config = GenerationConfig(**generation)
    transformers.utils.logging.disable_progress_bar()
    model.save_pretrained(out)  # config.json, generation_config.json, model.safetensors
    tokenizer = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
                                model_max_length=max_length)
    tokenizer.save_pretrained(out)
    return out


def make_tiny(out_dir: str | Path, seed: int = 0) -> Path:
    """The test model: 1+1 layers of width 32, at most 12 tokens a sentence, under 1 MB."""
    return build_marian(out_dir, seed=seed, max_new_tokens=12)
