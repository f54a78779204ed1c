"""Arabic→English translation that keeps every quote a quote.

Light to import: engines load torch and transformers only when a model runs.

    from qfix.translate import load_engine, translate_document, render_english
"""
from __future__ import annotations

from .document import Paragraph, Quote, Sentence, TranslatedDocument, Unit
from .engine import Engine, TranslateError, load_engine
from .memory import TranslationMemory
from .pipeline import render_english, translate_document, translate_paragraphs, translate_texts

__all__ = ["Engine", "Paragraph", "Quote", "Sentence", "TranslateError", "TranslatedDocument",
           "TranslationMemory", "Unit", "load_engine", "render_english", "translate_document",
           "translate_paragraphs", "translate_texts"]
