"""Translating a stream of repaired documents with full model batches.

Translating one document at a time leaves most batches part-empty (a news
item has a few dozen sentences; a batch holds 16 and a document's last batch
is short). Here documents are gathered into windows of some hundred
sentences: every unit of every document in the window goes to
``translate_texts`` at once, so unique sentences from many documents are
deduplicated, looked up in the translation memory, length-sorted and batched
together. Each repaired text is read by the core (``qfix.document``, with the
run's configuration: the same paragraphs and quotes as the repair's result) and
segmented and assembled by the translate package (``translate_paragraphs``), so a
document reads as it would from ``translate_document``. The model is loaded at the
first window that has Arabic to translate.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..apply import document
from ..translate.document import TranslatedDocument
from ..translate.pipeline import translate_paragraphs
from ..translate.segment import needs_model, segment_document
from .inputs import Failure
from .work import Outcome

WINDOW_CHARS = 40_000  # about 250 news sentences: several full batches at the default 16
WINDOW_DOCS = 256


class NoModel:
    """Stands in while no document needs the model (nothing has Arabic)."""

    signature = {"model": None, "engine": "none"}

    def translate_batch(self, sentences: list[str]) -> list[str]:  # pragma: no cover - never reached
        raise AssertionError("a sentence was sent to the model, yet none is loaded")


def translate_window(texts: list[str], engine, *, memory=None, config=None, batch_size: int = 16,
                     en_quotes: str = "curly", stats: dict | None = None) -> list[TranslatedDocument]:
    """Many documents, one call to the model's batcher; a TranslatedDocument each, in order."""
    paragraphs_of = [segment_document(document(text, config)) for text in texts]
    translate_paragraphs([p for paragraphs in paragraphs_of for p in paragraphs], engine, memory=memory,
                         batch_size=batch_size, en_quotes=en_quotes, stats=stats)
    return [TranslatedDocument(paragraphs, dict(engine.signature), {
            "paragraphs": len(paragraphs), "units": sum(len(p.units) for p in paragraphs),
            "unpaired_paragraphs": sum(p.unpaired for p in paragraphs)}) for paragraphs in paragraphs_of]


def translate_stream(items: Iterable[Outcome | Failure], engine_for: Callable[[bool], object], *,
                     memory=None, config=None, batch_size: int = 16, en_quotes: str = "curly",
                     stats: dict | None = None, window_chars: int = WINDOW_CHARS,
                     window_docs: int = WINDOW_DOCS) -> Iterator[tuple[Outcome, TranslatedDocument] | Failure]:
    """Each repaired outcome with its translation (failures pass through), in order.

    ``engine_for(needed)`` returns the engine: the real one once ``needed`` is true."""
    window: list[Outcome | Failure] = []
    size = 0

    def flush() -> Iterator[tuple[Outcome, TranslatedDocument] | Failure]:
        outcomes = [o for o in window if isinstance(o, Outcome)]
        texts = [o.text or "" for o in outcomes]
        engine = engine_for(any(needs_model(t) for t in texts)) if outcomes else None
        docs = iter(translate_window(texts, engine, memory=memory, config=config,
                                     batch_size=batch_size, en_quotes=en_quotes, stats=stats) if outcomes else [])
        for o in window:
            yield o if isinstance(o, Failure) else (o, next(docs))

    for item in items:
        window.append(item)
        size += len(item.text or "") if isinstance(item, Outcome) else 0
        if size >= window_chars or len(window) >= window_docs:
            yield from flush()
            window, size = [], 0
    if window:
        yield from flush()
