"""English for review segments through the translate package (no Textual: the CLI export uses it too)."""
from __future__ import annotations


def translate_segments(engine, items: list[tuple[int, str]], config, memory) -> list[tuple[int, str, str]]:
    """(segment, Arabic, English) for (segment, Arabic) pairs: one document call for all of them,
    or one call each when a line separator inside a paragraph breaks the alignment."""
    from ..translate import translate_document
    texts = [a for _, a in items]
    doc = translate_document("\n".join(texts), engine, memory=memory, quote_style=config.quote_style,
                             batch_size=config.batch_size)
    if len(doc.paragraphs) == len(texts):
        english = [p.english for p in doc.paragraphs]
    else:
        english = [" ".join(p.english for p in translate_document(t, engine, memory=memory,
                                                                  quote_style=config.quote_style).paragraphs)
                   for t in texts]
    return [(i, a, e) for (i, a), e in zip(items, english)]
