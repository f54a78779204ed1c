"""XLIFF 1.2 for CAT tools: one trans-unit per paragraph, valid against the strict schema.

``source`` is the reviewed Arabic, ``target`` the English; ``state`` follows the
review status (accepted → signed-off, edited → translated, pending and rejected →
needs-review-translation, with state-qualifier leveraged-mt while the English is
the machine's); notes list the rules applied and what the editor decided.
Blank and removed lines make no trans-unit.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from .model import english_of, review_signature

NS = "urn:oasis:names:tc:xliff:document:1.2"
STATE = {"accepted": "signed-off", "edited": "translated", "pending": "needs-review-translation",
         "rejected": "needs-review-translation"}
# characters XML 1.0 cannot carry
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(s: str) -> str:
    return escape(_INVALID.sub("", s))


def _attr(s: str) -> str:
    return quoteattr(_INVALID.sub("", s))


def to_xliff(model, input_name: str) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff version="1.2" xmlns="{NS}">',
           f'<file original={_attr(input_name)} source-language="ar" target-language="en" '
           f'datatype="plaintext" tool-id="qfix">',
           "<header>",
           f'<tool tool-id="qfix" tool-name="qfix" tool-version={_attr(__version__)}/>',
           f"<note from=\"qfix\">{_text('signature: ' + repr(review_signature(model)))}</note>",
           "</header>",
           "<body>"]
    for i, seg in enumerate(model.segments):
        if seg.removed or not seg.arabic.strip():
            continue
        status = model.status(i)
        english = english_of(seg)
        state = STATE[status]
        qualifier = ' state-qualifier="leveraged-mt"' if english and not seg.english_edited and \
            status in ("pending", "rejected") else ""
        out.append(f'<trans-unit id="p{i + 1}" resname={_attr("paragraph " + str(i + 1))} xml:space="preserve">')
        out.append(f"<source xml:lang=\"ar\">{_text(seg.arabic)}</source>")
        out.append(f'<target xml:lang="en" state="{state}"{qualifier}>{_text(english)}</target>')
        out.append(f'<note from="qfix" annotates="general">status: {status}</note>')
        for x in seg.issues:
            what = "applied" if x.finding.applied else ("suggestion" if x.finding.applicability.value == "display"
                                                        else "not applied")
            out.append(f'<note from="qfix" annotates="source">'
                       f"{_text(f'{x.code} {what}, {model.issue_state(x)}: {x.finding.message}')}</note>")
        if seg.arabic_edit is not None:
            out.append('<note from="editor" annotates="source">Arabic edited by hand</note>')
        if seg.english_edited:
            out.append('<note from="editor" annotates="target">English edited by hand</note>')
        out.append("</trans-unit>")
    out += ["</body>", "</file>", "</xliff>"]
    return "\n".join(out) + "\n"
