"""A run's summary: counts per rule and per source, errors, translation coverage.

It grows by a bounded amount per record (counters, and at most
``MAX_EXAMPLES`` record ids per source and ``MAX_ERRORS`` errors kept), so a
stream of any length can be summarised. Rendered as the versioned JSON report
(``REPORT_SCHEMA`` documents each key) or as a Markdown summary.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .inputs import Failure
from .work import REPORT_VERSION, Outcome

MAX_EXAMPLES = 20
MAX_ERRORS = 1000

# The JSON report, version 1: every key, what it holds. Kept here, next to the code that
# writes it, and printed into docs/pipeline.md; tests check a report against it.
REPORT_SCHEMA: dict[str, str] = {
    "qfix_report_version": "int: 1; bumped when a key changes meaning or goes away (new keys may appear)",
    "command": "str: fix | check | translate",
    "signature": "object: Config.signature() (qfix version, rules, quote style, extra boilerplate and "
                 "speech verbs, model, revision, engine, "
                 "beams, max length); for translate also the engine's signature",
    "exit_code": "int: the run's exit code (0, 1, 2 or 130)",
    "interrupted": "bool: the run was stopped by Ctrl-C",
    "totals": "object: inputs (files or streams read), records (documents seen), processed, changed, "
              "with_problems (records with findings left for review), errors (skipped), "
              "resumed (skipped by --resume: already in the output)",
    "rules": "object: code → {name, found, fixed, left}",
    "sources": "list: per input file with problems or errors, in input order: {path, records, changed, "
               f"with_problems, errors, examples (up to {MAX_EXAMPLES} ids of JSONL records with problems left)}}",
    "errors": f"list: {{origin, message}} for each skipped document (the first {MAX_ERRORS})",
    "translation": "object or null: records, paragraphs, units, sentences, translated (by the model), "
                   "from_memory, unpaired_paragraphs (quote marks that did not pair: translated, "
                   "marks dropped), coverage (records translated / records read)",
}


@dataclass
class SourceStats:
    path: str
    records: int = 0
    changed: int = 0
    with_problems: int = 0
    errors: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class Summary:
    command: str
    signature: dict[str, Any]
    inputs: int = 0
    records: int = 0
    processed: int = 0
    changed: int = 0
    with_problems: int = 0
    resumed: int = 0
    fixed: Counter = field(default_factory=Counter)
    left: Counter = field(default_factory=Counter)
    sources: dict[str, SourceStats] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    error_count: int = 0
    translation: dict[str, int] | None = None
    interrupted: bool = False

    def _source(self, path: str) -> SourceStats:
        if path not in self.sources:
            self.sources[path] = SourceStats(path)
        return self.sources[path]

    def add(self, item: Outcome | Failure) -> None:
        src = self._source(item.source)
        src.records += 1
        self.records += 1
        if isinstance(item, Failure):
            src.errors += 1
            self.error_count += 1
            if len(self.errors) < MAX_ERRORS:
                self.errors.append({"origin": item.origin, "message": item.message})
            return
        self.processed += 1
        self.fixed.update(item.applied)
        self.left.update(item.left)
        if item.changed:
            src.changed += 1
            self.changed += 1
        if item.left:
            src.with_problems += 1
            self.with_problems += 1
            if item.fields is not None and len(src.examples) < MAX_EXAMPLES:
                src.examples.append(item.fields.get("id"))

    def add_translation(self, **counts: int) -> None:
        if self.translation is None:
            self.translation = Counter()
        self.translation.update(counts)

    # --- rendering ---
    def as_json(self, exit_code: int) -> dict[str, Any]:
        from ..rules.base import REGISTRY, all_rules
        all_rules()
        codes = sorted(set(self.fixed) | set(self.left))
        translation = None
        if self.translation is not None:
            t = dict(self.translation)
            translation = {k: t.get(k, 0) for k in ("records", "paragraphs", "units", "sentences", "translated",
                                                    "from_memory", "unpaired_paragraphs")}
            translation["coverage"] = round(translation["records"] / self.records, 4) if self.records else 1.0
        return {
            "qfix_report_version": REPORT_VERSION,
            "command": self.command,
            "signature": self.signature,
            "exit_code": exit_code,
            "interrupted": self.interrupted,
            "totals": {"inputs": self.inputs, "records": self.records, "processed": self.processed,
                       "changed": self.changed, "with_problems": self.with_problems,
                       "errors": self.error_count, "resumed": self.resumed},
            "rules": {c: {"name": REGISTRY[c].name if c in REGISTRY else "", "found": self.fixed[c] + self.left[c],
                          "fixed": self.fixed[c], "left": self.left[c]} for c in codes},
            "sources": [{"path": s.path, "records": s.records, "changed": s.changed,
                         "with_problems": s.with_problems, "errors": s.errors, "examples": s.examples}
                        for s in self.sources.values() if s.with_problems or s.errors],
            "errors": self.errors,
            "translation": translation,
        }

    def to_json(self, exit_code: int) -> str:
        return json.dumps(self.as_json(exit_code), ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self, exit_code: int) -> str:
        r = self.as_json(exit_code)
        t = r["totals"]
        verb = {"fix": "changed by fix", "check": "fix would change", "translate": "changed by repair"}
        out = [f"# qfix {self.command}: summary", ""]
        if self.interrupted:
            out += ["**Interrupted**: the counts cover the records done before Ctrl-C.", ""]
        out += ["| | |", "|---|---:|",
                f"| inputs | {t['inputs']} |", f"| records | {t['records']} |",
                f"| {verb.get(self.command, 'changed')} | {t['changed']} |",
                f"| with problems left for review | {t['with_problems']} |",
                f"| skipped (errors) | {t['errors']} |"]
        if t["resumed"]:
            out.append(f"| already done (--resume) | {t['resumed']} |")
        out.append(f"| exit code | {exit_code} |")
        if r["rules"]:
            out += ["", "## Findings by rule", "", "| Rule | Name | Found | Fixed | Left |", "|---|---|---:|---:|---:|"]
            out += [f"| {c} | {v['name']} | {v['found']} | {v['fixed']} | {v['left']} |" for c, v in r["rules"].items()]
        problems = [s for s in r["sources"] if s["with_problems"]]
        if problems:
            out += ["", "## Files with problems left", "", "| File | Records | With problems | Examples |",
                    "|---|---:|---:|---|"]
            for s in problems:
                examples = ", ".join(f"`{e}`" for e in s["examples"][:5])
                out.append(f"| `{s['path']}` | {s['records']} | {s['with_problems']} | {examples} |")
        if r["translation"] is not None:
            tr = r["translation"]
            out += ["", "## Translation", "", "| | |", "|---|---:|",
                    f"| records translated | {tr['records']} of {t['records']} ({tr['coverage']:.1%}) |",
                    f"| paragraphs | {tr['paragraphs']} |",
                    f"| paragraphs whose quote marks did not pair | {tr['unpaired_paragraphs']} |",
                    f"| sentences | {tr['sentences']} |",
                    f"| by the model / from the translation memory | {tr['translated']} / {tr['from_memory']} |"]
        if r["errors"]:
            out += ["", "## Skipped", ""]
            out += [f"- `{e['origin']}`: {e['message'].removeprefix(e['origin'] + ': ').removesuffix('; skipped')}"
                    for e in r["errors"]]
            if self.error_count > len(r["errors"]):
                out.append(f"- … and {self.error_count - len(r['errors'])} more")
        sig = self.signature
        out += ["", f"<sub>qfix {sig.get('qfix', '')} · quote style {sig.get('quote_style', '')} · "
                    f"report version {REPORT_VERSION}</sub>", ""]
        return "\n".join(out)
