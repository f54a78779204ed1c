"""Benchmark the translation engines through qfix's own pipeline, on a real-shaped model.

    python benchmarks/bench_engines.py [--new-tokens 16] [--sentences 96] [--repeat 2]

The model has opus-mt-ar-en's shape (d_model 512, 6+6 layers, 8 heads, FFN
2048, vocabulary 62,834, swish) with random weights, built offline, with a
generation config that makes every translation exactly --new-tokens long
(the last one </s>), so every engine does the same work; CTranslate2 reads
the same generation config (qfix.translate.ct2.decoding_options).

Configurations: transformers float32, transformers with torch dynamic int8
(nn.Linear), ct2 float32 and ct2 int8; batch 1, 8 and 32; beams 1 and 4. Each
configuration runs in its own process (so its peak RSS is its own), loads the
model, warms up on one batch, then times ``translate_texts`` (budget split,
dedup, length-sorted batches, engine, clean) on the same sentences. The runs
are interleaved and each configuration keeps its best time: the machine is
shared. Both engines get the same thread count (--threads, default all cores).

Before timing, a greedy float32 run of both engines on all the dev-case
sentences measures token-for-token agreement.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENGINES = ("transformers-float32", "transformers-int8", "ct2-float32", "ct2-int8")


def dev_sentences(count_tokens) -> list[str]:
    """The unique sentences qfix sends to a model for the 20 dev cases, in document order."""
    from qfix import document
    from qfix.translate.segment import needs_model, segment_document, split_for_budget
    cases = [json.loads(line) for line in (ROOT / "tests" / "cases" / "dev.jsonl").read_text("utf-8").splitlines()
             if line.strip()]
    text = "\n".join(c["expected"] for c in cases)
    units = [u.arabic for p in segment_document(document(text)) for u in p.units if needs_model(u.arabic)]
    return list(dict.fromkeys(s for u in units for s in split_for_budget(u, 510, count_tokens)))


def pick(sentences: list[str], n: int, count_tokens) -> list[str]:
    """n sentences spread evenly over the length distribution (all of them if n >= len)."""
    if n >= len(sentences):
        return sentences
    ranked = sorted(sentences, key=count_tokens)
    return [ranked[round(i * (len(ranked) - 1) / (n - 1))] for i in range(n)]


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over exec from the
    parent, so every worker would report at least the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: no exec carry-over issue


def load(model: Path, engine: str, beams: int, batch_size: int, threads: int):
    from qfix.config import Config
    from qfix.translate import load_engine
    kind, weights = engine.split("-")
    if kind == "ct2":
        path = model.parent / f"{model.name}-ct2-{weights}"
        return load_engine(Config(model=str(path), engine="ct2", device="cpu", beams=beams, batch_size=batch_size),
                           threads=threads)
    e = load_engine(Config(model=str(model), engine="transformers", device="cpu", beams=beams,
                           batch_size=batch_size), threads=threads)
    e._load()
    if weights == "int8":
        import torch
        e.model = torch.ao.quantization.quantize_dynamic(e.model, {torch.nn.Linear}, dtype=torch.qint8)
    return e


def worker(args) -> None:
    """One configuration: load, warm up, time the pipeline once; one JSON line on stdout."""
    from qfix.translate import translate_texts
    model = Path(args.model)
    engine = load(model, args.engine, args.beams, args.batch_size, args.threads)
    sentences = pick(dev_sentences(engine.count_tokens), args.sentences, engine.count_tokens)
    check = engine.translate_pieces(sentences[:args.batch_size])  # warm-up, and the forced length
    assert all(len(p) == args.new_tokens - 1 for p in check), [len(p) for p in check]  # + </s>
    start = time.perf_counter()
    english = translate_texts(sentences, engine, batch_size=args.batch_size)
    seconds = time.perf_counter() - start
    assert len(english) == len(sentences)
    peak_mb = peak_rss_mb()
    print(json.dumps({"seconds": seconds, "sentences": len(sentences), "tokens": len(sentences) * args.new_tokens,
                      "peak_rss_mb": round(peak_mb)}))


def agreement(model: Path, threads: int) -> dict:
    """Greedy float32, both engines, all dev-case sentences: how many agree token for token."""
    from qfix.config import Config
    from qfix.translate import load_engine
    hf = load_engine(Config(model=str(model), engine="transformers", device="cpu", beams=1), threads=threads)
    fast = load_engine(Config(model=str(model.parent / f"{model.name}-ct2-float32"), engine="ct2", device="cpu",
                              beams=1), threads=threads)
    sentences = dev_sentences(hf.count_tokens)
    same = 0
    for i in range(0, len(sentences), 32):
        batch = sentences[i:i + 32]
        same += sum(a == b for a, b in zip(hf.translate_pieces(batch), fast.translate_pieces(batch)))
    return {"sentences": len(sentences), "agree": same}


def prepare(args) -> Path:
    from qfix.translate import ct2
    from qfix.translate.hub import resolve_model
    from qfix.translate.tiny import OPUS_MT_AR_EN_SHAPE, OPUS_MT_AR_EN_VOCAB, build_marian
    model = Path(args.out) / f"opus-mt-ar-en-shape-t{args.new_tokens}"
    if not (model / "model.safetensors").is_file():
        build_marian(model, shape=OPUS_MT_AR_EN_SHAPE, vocab_size=OPUS_MT_AR_EN_VOCAB, init_std=0.02,
                     spm_size=8000, max_new_tokens=args.new_tokens, fixed_length=True)
    resolved = resolve_model(str(model))
    for quantization in ("float32", "int8"):
        ct2.convert(resolved, quantization)
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "bench-out"))
    ap.add_argument("--new-tokens", type=int, default=16, help="tokens per translation, </s> included")
    ap.add_argument("--sentences", type=int, default=96, help="dev-case sentences to translate (of 243)")
    ap.add_argument("--repeat", type=int, default=2, help="interleaved runs; each configuration keeps its best")
    ap.add_argument("--batches", default="1,8,32")
    ap.add_argument("--beams", default="1,4")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                    help="threads for every engine (default: all cores; 1 is fairer on a shared machine)")
    ap.add_argument("--no-agreement", action="store_true")
    ap.add_argument("--key-runs", type=int, default=2,
                    help="extra interleaved runs of the headline pair (batch 32, beams 4: transformers "
                         "float32, ct2 int8)")
    ap.add_argument("--worker", nargs=4, metavar=("MODEL", "ENGINE", "BATCH", "BEAMS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("QFIX_CACHE_DIR", str(Path(args.out) / "qfix-cache"))
    import warnings
    warnings.filterwarnings("ignore")
    if args.worker:
        model, engine, batch, beams = args.worker
        args.model, args.engine, args.batch_size, args.beams = model, engine, int(batch), int(beams)
        return worker(args)

    model = prepare(args)
    report: dict = {"model": str(model), "threads": args.threads, "new_tokens": args.new_tokens,
                    "sentences": args.sentences, "repeat": args.repeat}
    if not args.no_agreement:
        report["agreement_greedy_float32"] = agreement(model, args.threads)
        print(json.dumps(report["agreement_greedy_float32"]), file=sys.stderr)
    configs = [(e, b, k) for k in map(int, args.beams.split(",")) for b in map(int, args.batches.split(","))
               for e in args.engines.split(",")]
    key = [("transformers-float32", 32, 4), ("ct2-int8", 32, 4)]
    rounds = [configs if run % 2 == 0 else configs[::-1] for run in range(args.repeat)]
    rounds += [key if run % 2 == 0 else key[::-1] for run in range(args.key_runs) if set(key) <= set(configs)]
    best: dict = {}
    for run, configs_now in enumerate(rounds):
        for engine, batch, beams in configs_now:
            command = [sys.executable, __file__, "--new-tokens", str(args.new_tokens), "--sentences",
                       str(args.sentences), "--threads", str(args.threads), "--out", args.out,
                       "--worker", str(model), engine, str(batch), str(beams)]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                sys.exit(f"{engine} batch {batch} beams {beams} failed:\n{done.stderr[-3000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            old = best.get((engine, batch, beams))
            if old is None or result["seconds"] < old["seconds"]:
                best[(engine, batch, beams)] = {**result, "peak_rss_mb": max(result["peak_rss_mb"], old["peak_rss_mb"] if old else 0)}
            elif result["peak_rss_mb"] > old["peak_rss_mb"]:
                old["peak_rss_mb"] = result["peak_rss_mb"]
            print(f"run {run + 1}: {engine:21} batch {batch:2} beams {beams}: {result['seconds']:6.2f} s "
                  f"{result['peak_rss_mb']} MB", file=sys.stderr)
    rows = []
    for (engine, batch, beams), r in best.items():
        base = best.get(("transformers-float32", batch, beams))
        rows.append({"engine": engine, "batch": batch, "beams": beams, "seconds": round(r["seconds"], 2),
                     "tokens_per_s": round(r["tokens"] / r["seconds"], 1),
                     "vs_transformers_float32": round(base["seconds"] / r["seconds"], 2) if base else None,
                     "peak_rss_mb": r["peak_rss_mb"]})
    rows.sort(key=lambda r: (r["beams"], r["batch"], ENGINES.index(r["engine"])))
    report["rows"] = rows
    report["runs_per_configuration"] = {f"{e} b{b} k{k}": sum((e, b, k) in r for r in rounds) for e, b, k in configs}
    print(json.dumps(report, indent=1))
    print("\n| beams | batch | engine | tokens/s | × transformers float32 | peak RSS |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['beams']} | {r['batch']} | {r['engine']} | {r['tokens_per_s']} | "
              f"{r['vs_transformers_float32']:.2f}× | {r['peak_rss_mb']} MB |")


if __name__ == "__main__":
    main()
