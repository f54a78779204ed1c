"""Benchmark qfix's translation pipeline against bare ``model.generate`` on a real-shaped model.

The model has opus-mt-ar-en's shape (d_model 512, 6+6 layers, 8 heads, FFN 2048,
vocabulary 62,834, swish) with random weights, built offline, and a generation
config that makes every translation exactly --new-tokens long, so each run does
the same work. Both sides translate the same sentences (the units qfix cuts
from the dev cases), with the same beams and batch size:

    python benchmarks/bench_translate.py [--new-tokens 24] [--repeat 2]

qfix's side is the whole pipeline (segment, budget split, batches, decode,
clean, assemble; no translation memory); the direct side is tokenizer +
generate + batch_decode on the same length-sorted batches. A second qfix run
keeps the input order, to measure what length-sorted batching gains.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "bench-out" / "opus-mt-ar-en-shape"))
    ap.add_argument("--new-tokens", type=int, default=24)
    ap.add_argument("--beams", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    import torch
    from qfix.config import Config
    from qfix.translate import load_engine, translate_document
    from qfix import document
    from qfix.translate.segment import needs_model, segment_document, split_for_budget
    from qfix.translate.tiny import OPUS_MT_AR_EN_SHAPE, OPUS_MT_AR_EN_VOCAB, build_marian

    out = Path(args.out)
    if not (out / "model.safetensors").is_file():
        build_marian(out, shape=OPUS_MT_AR_EN_SHAPE, vocab_size=OPUS_MT_AR_EN_VOCAB, init_std=0.02,
                     spm_size=8000, max_new_tokens=args.new_tokens, fixed_length=True)
    cases = [json.loads(line) for line in (ROOT / "tests" / "cases" / "dev.jsonl").read_text("utf-8").splitlines()]
    text = "\n".join(c["expected"] for c in cases)

    engine = load_engine(Config(model=str(out), device="cpu", beams=args.beams, batch_size=args.batch_size))
    engine.translate_batch(["تسخين"])  # load the weights outside the timings
    budget = engine.max_length - 2
    units = [u.arabic for p in segment_document(document(text)) for u in p.units]
    sentences = list(dict.fromkeys(s for u in units if needs_model(u)
                                   for s in split_for_budget(u, budget, engine.count_tokens)))
    ordered = sorted(sentences, key=lambda s: -engine.count_tokens(s))
    tok, model = engine.tokenizer, engine.model

    def direct(batch_order):
        generated = 0
        for i in range(0, len(batch_order), args.batch_size):
            enc = tok(batch_order[i:i + args.batch_size], return_tensors="pt", padding=True, truncation=True,
                      max_length=engine.max_length)
            with torch.inference_mode():
                ids = model.generate(**enc, num_beams=args.beams, do_sample=False)
            tok.batch_decode(ids, skip_special_tokens=True)
            generated += int((ids[:, 1:] != model.config.pad_token_id).sum())
        return generated

    def timed(fn):
        start = time.perf_counter()
        result = fn()
        return time.perf_counter() - start, result

    # interleave the two sides and keep each one's best run: the machine may be shared
    t_direct = t_qfix = float("inf")
    for _ in range(args.repeat):
        t, generated = timed(lambda: direct(ordered))
        t_direct = min(t_direct, t)
        t, doc = timed(lambda: translate_document(text, engine, batch_size=args.batch_size))
        t_qfix = min(t_qfix, t)
    t_direct_unsorted, _ = timed(lambda: direct(sentences))
    t_qfix_unsorted, _ = timed(lambda: translate_document(text, engine, batch_size=args.batch_size,
                                                          sort_by_length=False))
    assert doc.stats["sentences"] == len(sentences)
    n = len(sentences)
    report = {
        "threads": torch.get_num_threads(), "sentences": n, "new_tokens_each": args.new_tokens,
        "generated_tokens": generated, "beams": args.beams, "batch_size": args.batch_size,
        "direct_s": round(t_direct, 2), "qfix_s": round(t_qfix, 2),
        "direct_sentences_per_s": round(n / t_direct, 2), "qfix_sentences_per_s": round(n / t_qfix, 2),
        "direct_tokens_per_s": round(generated / t_direct, 1), "qfix_tokens_per_s": round(generated / t_qfix, 1),
        "qfix_overhead_pct": round(100 * (t_qfix - t_direct) / t_direct, 1),
        "qfix_unsorted_s": round(t_qfix_unsorted, 2), "direct_unsorted_s": round(t_direct_unsorted, 2),
        "length_sort_gain_pct": round(100 * (t_qfix_unsorted - t_qfix) / t_qfix_unsorted, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
