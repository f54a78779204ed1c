"""Batch evidence for B001: a title tail that ends the titles of several documents is the
site's name (a headline's own words are not repeated from article to article)."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..rules.boilerplate import title_tails
from ..rules.lexicon import site_key
from .inputs import DEFAULT_MAX_RECORD_BYTES, STDIN, Doc, InputSpec, read_items

MIN_DOCUMENTS = 3  # documents whose titles must end with the same tail


def repeated_tails(specs: Iterable[InputSpec], max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
                   min_documents: int = MIN_DOCUMENTS) -> tuple[str, ...]:
    """The title tails that end at least ``min_documents`` documents' first lines, as written
    in the first of them. Reads the inputs once more (files only: standard input cannot be
    read twice, so a stream on stdin gets no batch evidence; name the site with --site-name)."""
    specs = [s for s in specs if s.name != STDIN]
    counts: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    for item in read_items(specs, max_record_bytes):
        if not isinstance(item, Doc):
            continue
        for tail in title_tails(item.text[:2000]):  # the title is the first line
            key = site_key(tail.text)
            counts[key] += 1
            first_seen.setdefault(key, tail.text)
    return tuple(sorted(first_seen[k] for k, n in counts.items() if n >= min_documents))


def with_repeated_tails(config, found, max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES):
    """``config`` with the batch's evidence for B001: the title tails repeated across its
    documents (only worth a second read of the inputs when there are several documents). Every
    way of running a batch (``--jobs``, ``--ray``, the Python API) uses it, so that all give the
    same output."""
    if not config.rule_enabled("B001") or (len(found.specs) < 2 and not found.has_jsonl):
        return config
    tails = repeated_tails(found.specs, max_record_bytes)
    return config.replace(batch_site_names=tails) if tails else config
