"""English for review segments through the translate package (no Textual: the CLI export uses it too)."""
from __future__ import annotations


def translate_segments(engine, items: list[tuple[int, str]], config, memory) -> list[tuple[int, str, str]]:
    """(segment, Arabic, English) for (segment, Arabic) pairs, in one call to the model's batcher.

    Each Arabic is read by the core (``qfix.document``: the paragraph's own quotes and sentence
    ends, the same as the repair's result has for it); an editor's Arabic holding a line break
    is several paragraphs, whose English is joined into one line."""
    from ..apply import document
    from ..translate.pipeline import translate_paragraphs
    from ..translate.segment import segment_document
    paragraphs_of = [segment_document(document(arabic, config)) for _, arabic in items]
    translate_paragraphs([p for paragraphs in paragraphs_of for p in paragraphs], engine, memory=memory,
                         batch_size=config.batch_size)
    return [(i, arabic, " ".join(p.english for p in paragraphs))
            for (i, arabic), paragraphs in zip(items, paragraphs_of)]
