"""The OpenAPI 3.1 description of the service, served at ``/openapi.json``.

Written out rather than generated: the schema is part of the contract (``/v1`` is
versioned), and a test checks that every route is described and that answers carry
the keys described here.
"""
from __future__ import annotations

from typing import Any

from .. import __version__

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}
_STR = {"type": "string"}
_INT = {"type": "integer"}


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


FINDING = _obj(["id", "code", "name", "message", "start", "end", "line", "column", "applicability", "applied"],
               id={**_STR, "description": "CODE@offset; what `decisions` refers to"},
               code=_STR, name=_STR, message=_STR,
               start={**_INT, "description": "offset in the text sent (code points)"}, end=_INT,
               line={**_INT, "description": "1-based"}, column={**_INT, "description": "1-based, code points"},
               applicability={"enum": ["safe", "review", "display"]},
               applied={"type": "boolean", "description": "applied by this repair"})
CHANGE = _obj(["start", "end", "replacement", "codes", "findings"],
              start={**_INT, "description": "offset in the text sent (code points)"}, end=_INT,
              replacement=_STR, codes={"type": "array", "items": _STR},
              findings={"type": "array", "items": _STR, "description": "ids of the findings it realises"})
EDIT = _obj(["pass", "code", "start", "end", "before", "after"],
            **{"pass": _INT}, code=_STR, start={**_INT, "description": "offset in the text at the start of "
                                                "the pass"}, end=_INT, before=_STR, after=_STR)
SIGNATURE = {"type": "object", "description": "what makes the result reproducible (version, rules, quote "
             "style, model...)", "additionalProperties": True}
OPTIONS = _obj([], quote_style={"enum": ["«»", "“”", '""', "guillemets", "curly", "straight"]},
               select={"type": "array", "items": _STR}, ignore={"type": "array", "items": _STR},
               apply_review={"type": "boolean"})
TEXT_REQUEST = _obj(["text"], text=_STR, options=OPTIONS)
FIX_REQUEST = _obj(["text"], text=_STR, options=OPTIONS,
                   decisions={"type": "object", "additionalProperties": {"type": "boolean"},
                              "description": "finding id -> accept (true) or reject (false)"})
FIX_ANSWER = _obj(["text", "changed", "changes", "edits", "applied", "diagnostics", "skipped", "signature"],
                  text=_STR, changed={"type": "boolean"},
                  changes={"type": "array", "items": CHANGE},
                  edits={"type": "array", "items": EDIT, "description": "the replayable log, pass by pass"},
                  applied={"type": "array", "items": FINDING},
                  diagnostics={"type": "array", "items": FINDING, "description": "left for a person"},
                  skipped={"type": "array", "items": _STR}, signature=SIGNATURE)
CHECK_ANSWER = _obj(["findings", "fixable", "left", "changed_by_fix", "signature"],
                    findings={"type": "array", "items": FINDING}, fixable=_INT, left=_INT,
                    changed_by_fix={"type": "boolean"}, signature=SIGNATURE)
TRANSLATE_REQUEST = _obj(["text"], text=_STR, repair={"type": "boolean", "default": True})
TRANSLATE_ANSWER = _obj(["english", "arabic", "repaired", "signature", "stats"], english=_STR, arabic=_STR,
                        repaired={"type": "boolean"}, signature=SIGNATURE, stats={"type": "object"})
RULE = _obj(["code", "name", "family", "applicability", "summary", "doc"], code=_STR, name=_STR,
            family={"enum": ["quotes", "attribution", "boilerplate"]},
            applicability={"enum": ["safe", "review", "display"]}, summary=_STR, doc=_STR)
LT_MATCH = _obj(["message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "rule"],
                message=_STR, shortMessage=_STR,
                replacements={"type": "array", "items": _obj(["value"], value=_STR,
                                                               autoCorrect={"type": "boolean"})},
                offset={**_INT, "description": "UTF-16 code units"}, length={**_INT, "description": "UTF-16 "
                                                                             "code units"},
                context=_obj(["text", "offset", "length"], text=_STR, offset=_INT, length=_INT),
                sentence=_STR,
                rule=_obj(["id", "description", "issueType", "category"], id=_STR, description=_STR,
                          issueType=_STR, category=_obj(["id", "name"], id=_STR, name=_STR)),
                qfix=_obj(["codes", "findings", "applicability", "appliedByFix"],
                          codes={"type": "array", "items": _STR}, findings={"type": "array", "items": _STR},
                          applicability={"enum": ["safe", "review", "display"]},
                          appliedByFix={"type": "boolean"}))
LT_ANSWER = _obj(["software", "warnings", "language", "matches"], software={"type": "object"},
                 warnings=_obj(["incompleteResults"], incompleteResults={"type": "boolean"}),
                 language={"type": "object"}, matches={"type": "array", "items": LT_MATCH})
LT_FORM = {"type": "object", "properties": {
    "text": _STR, "data": {**_STR, "description": "JSON: {\"annotation\": [{\"text\": ...}, {\"markup\": ..., "
                            "\"interpretAs\": ...}]}"},
    "language": {**_STR, "description": "ar, ar-XX or auto"},
    "enabledRules": {**_STR, "description": "comma-separated qfix rule codes"},
    "disabledRules": _STR, "enabledOnly": {"enum": ["true", "false"]},
    "enabledCategories": {**_STR, "description": "QUOTES, ATTRIBUTION, BOILERPLATE"},
    "disabledCategories": _STR, "apiKey": {**_STR, "description": "the server's token, for clients that "
                                                  "cannot send an Authorization header"}}}


def _json_body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _answers(schema: dict, *errors: int, text_errors: bool = False) -> dict:
    out: dict[str, Any] = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}
    reasons = {400: "bad request (one-line reason)", 401: "missing or wrong token", 413: "request too large",
               503: "no translation model, or over the time limit"}
    for code in errors:
        content = ({"text/plain": {"schema": {**_STR, "description": "Error: one-line reason"}}} if text_errors
                   else {"application/json": {"schema": _ERROR}})
        out[str(code)] = {"description": reasons[code], "content": content}
    return out


def schema() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "qfix", "version": __version__,
                 "description": "Repair machine-translated Arabic news: quotes, attribution order, boilerplate. "
                                "/v1 is qfix's own API; /v2 speaks LanguageTool's HTTP API."},
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{"token": []}],
        "paths": {
            "/healthz": {"get": {"summary": "liveness; never needs the token", "security": [],
                                 "responses": _answers(_obj(["status"], status=_STR, qfix=_STR, api=_INT))}},
            "/openapi.json": {"get": {"summary": "this description", "responses": _answers({"type": "object"}, 401)}},
            "/v1/rules": {"get": {"summary": "every rule with its documentation",
                                  "responses": _answers({"type": "array", "items": RULE}, 401)}},
            "/v1/fix": {"post": {"summary": "repair a text: repaired text, changes, log, findings, signature",
                                 "requestBody": _json_body(FIX_REQUEST),
                                 "responses": _answers(FIX_ANSWER, 400, 401, 413, 503)}},
            "/v1/check": {"post": {"summary": "every finding, fixable or not",
                                   "requestBody": _json_body(TEXT_REQUEST),
                                   "responses": _answers(CHECK_ANSWER, 400, 401, 413, 503)}},
            "/v1/translate": {"post": {"summary": "repair, then translate to English (needs a model; 503 without)",
                                       "requestBody": _json_body(TRANSLATE_REQUEST),
                                       "responses": _answers(TRANSLATE_ANSWER, 400, 401, 413, 503)}},
            "/v2/check": {
                "get": {"summary": "LanguageTool check (parameters in the query string)",
                        "parameters": [{"name": k, "in": "query", "schema": v}
                                       for k, v in LT_FORM["properties"].items()],
                        "responses": _answers(LT_ANSWER, 400, 401, 413, 503, text_errors=True)},
                "post": {"summary": "LanguageTool check: matches with UTF-16 offsets; applying the autoCorrect "
                                    "replacements gives qfix fix's text",
                         "requestBody": {"required": True, "content": {
                             "application/x-www-form-urlencoded": {"schema": LT_FORM}}},
                         "responses": _answers(LT_ANSWER, 400, 401, 413, 503, text_errors=True)}},
            "/v2/languages": {"get": {"summary": "LanguageTool's language list (Arabic); never needs the token",
                                      "security": [],
                                      "responses": _answers({"type": "array", "items": _obj(
                                          ["name", "code", "longCode"], name=_STR, code=_STR, longCode=_STR)})}},
        },
    }
