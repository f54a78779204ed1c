"""Translate the core's document model: segment, look up the memory, batch, assemble.

Engine-independent: an engine only has to translate a batch of sentences
(see ``engine.Engine``). Unique sentences go to it in length-sorted batches, so
a batch holds sentences of similar length and pads little.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable

from .assemble import EnglishRenderer, clean_model_output, pass_through
from .document import Paragraph, TranslatedDocument
from .engine import Engine
from .memory import TranslationMemory, signature_key
from .segment import estimate_tokens, needs_model, segment_document, split_for_budget

if TYPE_CHECKING:
    from ..config import Config
    from ..result import RepairResult


def translate_texts(texts: list[str], engine: Engine, *, memory: TranslationMemory | None = None,
                    batch_size: int = 16, sort_by_length: bool = True,
                    stats: dict | None = None) -> list[str]:
    """English for each text (a unit), each cut into sentences under the engine's budget.

    This is the call a reviewer uses to re-translate one unit.
    """
    count: Callable[[str], int] = getattr(engine, "count_tokens", estimate_tokens)
    budget = max(8, int(engine.signature.get("max_length", 512)) - 2)  # room for </s>
    pieces_of = [split_for_budget(t, budget, count) if needs_model(t) else [] for t in texts]
    unique = list(dict.fromkeys(p for pieces in pieces_of for p in pieces))
    key = signature_key(engine.signature)
    english = memory.get_many(key, unique) if memory else {}
    todo = [p for p in unique if p not in english]
    if sort_by_length:
        lengths = {p: count(p) for p in todo}
        todo.sort(key=lambda p: -lengths[p])
    started = time.perf_counter()
    fresh: dict[str, str] = {}
    for i in range(0, len(todo), batch_size):
        batch = todo[i:i + batch_size]
        fresh.update(zip(batch, (clean_model_output(e) for e in engine.translate_batch(batch))))
    if memory and fresh:
        memory.put_many(key, fresh)
    english.update(fresh)
    if stats is not None:
        stats["sentences"] = stats.get("sentences", 0) + len(unique)
        stats["translated"] = stats.get("translated", 0) + len(todo)
        stats["from_memory"] = stats.get("from_memory", 0) + len(unique) - len(todo)
        stats["model_seconds"] = stats.get("model_seconds", 0.0) + time.perf_counter() - started
    return [" ".join(english[p] for p in pieces) if pieces else pass_through(text)
            for text, pieces in zip(texts, pieces_of)]


def translate_paragraphs(paragraphs: list[Paragraph], engine: Engine, *, memory: TranslationMemory | None = None,
                         batch_size: int = 16, en_quotes: str = "curly", sort_by_length: bool = True,
                         stats: dict | None = None) -> list[Paragraph]:
    """Translate segmented paragraphs' units in one call to the batcher and render each
    paragraph's English; the paragraphs of many documents can go together."""
    units = [unit for p in paragraphs for unit in p.units]
    for unit, english in zip(units, translate_texts([u.arabic for u in units], engine, memory=memory,
                                                    batch_size=batch_size, sort_by_length=sort_by_length,
                                                    stats=stats)):
        unit.english = english
    renderer = EnglishRenderer(en_quotes)
    for p in paragraphs:
        p.english = renderer.paragraph(p)
    return paragraphs


def translate_document(source: "RepairResult | str", engine: Engine, *, memory: TranslationMemory | None = None,
                       batch_size: int = 16, en_quotes: str = "curly", sort_by_length: bool = True,
                       config: "Config | None" = None) -> TranslatedDocument:
    """Paragraphs → units (Arabic, English, kind, quote links) and the English of each paragraph.

    ``source`` is the core's result: ``qfix.repair(text)``, or ``qfix.document(text)`` for a
    text taken as it is; a string is read with ``qfix.document(source, config)``. Every kept
    line is one English paragraph; a line the repair removed has none."""
    if isinstance(source, str):
        from ..apply import document
        source = document(source, config)
    paragraphs = segment_document(source)
    stats: dict = {"units": sum(len(p.units) for p in paragraphs)}
    translate_paragraphs(paragraphs, engine, memory=memory, batch_size=batch_size, en_quotes=en_quotes,
                         sort_by_length=sort_by_length, stats=stats)
    stats["unpaired_paragraphs"] = sum(p.unpaired for p in paragraphs)
    return TranslatedDocument(paragraphs, dict(engine.signature), stats)


def render_english(doc: TranslatedDocument, en_quotes: str = "curly") -> str:
    """The English text: one line per paragraph (re-rendered, so edited units show)."""
    renderer = EnglishRenderer(en_quotes)
    return "\n".join(renderer.paragraph(p) for p in doc.paragraphs)
