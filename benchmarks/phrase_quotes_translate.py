"""Measure the two ways of keeping a phrase quote inside its sentence, on the dev cases.

split:        translate the runs around the phrase and the phrase apart, re-insert
              the phrase between them in quote marks (what qfix does);
placeholder:  put a token (QPH0) where the phrase was, translate the whole sentence,
              and substitute the translated phrase back for the token.

A placeholder keeps the sentence whole, but works only if the model copies the
token exactly once; splitting cannot lose the quote. This script counts phrase
quotes kept by each, and how short the split fragments get (the context split costs):

    python benchmarks/phrase_quotes_translate.py --model DIR_OR_HUB_ID
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    args = ap.parse_args()
    from qfix.config import Config
    from qfix.translate import load_engine, translate_document
    from qfix.translate.assemble import EnglishRenderer

    engine = load_engine(Config(model=args.model, device="cpu"))
    cases = [json.loads(line) for line in (ROOT / "tests" / "cases" / "dev.jsonl").read_text("utf-8").splitlines()]
    sentences, fragment_words, split_kept = [], [], 0
    for case in cases:
        doc = translate_document(case["expected"], engine)
        renderer = EnglishRenderer()
        for p in doc.paragraphs:
            for s in p.sentences:
                phrases = [p.quotes[i] for what, i in s.parts if what == "quote"]
                if s.kind != "narrative" or not phrases:
                    continue
                english = renderer.parts(p, s.parts)
                split_kept += sum(renderer.phrase(p, q) in english for q in phrases)
                fragment_words += [len(p.units[i].arabic.split()) for what, i in s.parts if what == "unit"]
                arabic = " ".join("QPH0" if what == "quote" else p.units[i].arabic for what, i in s.parts)
                sentences.append((arabic, len(phrases)))
    outputs = engine.translate_batch([a for a, _ in sentences]) if sentences else []
    placeholder_kept = sum(min(out.count("QPH0"), n) for out, (_, n) in zip(outputs, sentences))
    total = sum(n for _, n in sentences)
    print(json.dumps({"model": args.model, "sentences_with_phrase_quotes": len(sentences), "phrase_quotes": total,
                      "kept_by_split": split_kept, "kept_by_placeholder": placeholder_kept,
                      "split_fragment_words_median": statistics.median(fragment_words) if fragment_words else 0,
                      "split_fragments_under_3_words": sum(w < 3 for w in fragment_words),
                      "split_fragments": len(fragment_words)}, indent=2))


if __name__ == "__main__":
    main()
