"""`qfix serve` in-process: the own API, LanguageTool's /v2, limits, auth and errors (Starlette's TestClient)."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from starlette.testclient import TestClient  # noqa: E402

import qfix  # noqa: E402
from qfix.changes import apply_changes  # noqa: E402
from qfix.config import Config  # noqa: E402
from qfix.serve import lt  # noqa: E402
from qfix.serve.app import create_app  # noqa: E402
from qfix.serve.settings import Settings  # noqa: E402

from conftest import CASES, ROOT, load_cases  # noqa: E402
from translate_fixtures import _isolated_cache, tiny_model  # noqa: E402,F401

SEED = (ROOT / "seeds" / "000_3c03ad3dcec7cf78.txt").read_text(encoding="utf-8")
FIXED = (ROOT / "tests" / "golden" / "000_3c03ad3dcec7cf78.fixed.txt").read_text(encoding="utf-8")
REVIEW = "وأكد المدير أن الخطة “جاهزة للتنفيذ الآن وأن العمل يبدأ غدا.\nسطر ثان “نص” هنا."
ITS_ISSUE_TYPES = {"terminology", "mistranslation", "omission", "untranslated", "addition", "duplication",
                   "inconsistency", "grammar", "legal", "register", "locale-specific-content",
                   "locale-violation", "style", "characters", "misspelling", "typographical", "formatting",
                   "inconsistent-entities", "numbers", "markup", "pattern-problem", "whitespace",
                   "internationalization", "length", "non-conformance", "uncategorized", "other"}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), raise_server_exceptions=False)


def one_line_error(response, status: int) -> str:
    assert response.status_code == status, response.text
    if response.request.url.path.startswith("/v2/"):
        assert response.headers["content-type"].startswith("text/plain")
        message = response.text
        assert message.startswith("Error: ")
    else:
        message = response.json()["error"]
    assert "\n" not in message and "Traceback" not in message and message.strip()
    return message


def apply_lt(text: str, matches: list[dict], pick=lambda m: True) -> str:
    """Apply matches' first replacements right to left, counting offsets in UTF-16 as LT clients do."""
    units = text.encode("utf-16-le")
    for m in sorted((m for m in matches if m["replacements"] and pick(m)), key=lambda m: -m["offset"]):
        a, b = 2 * m["offset"], 2 * (m["offset"] + m["length"])
        units = units[:a] + m["replacements"][0]["value"].encode("utf-16-le") + units[b:]
    return units.decode("utf-16-le")


def auto(m: dict) -> bool:
    return bool(m["replacements"]) and m["replacements"][0].get("autoCorrect", False)


# --- own API -----------------------------------------------------------------------------

def test_fix_answers_what_qfix_fix_writes(client):
    r = client.post("/v1/fix", json={"text": SEED})
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == FIXED and body["changed"] is True
    assert apply_changes(SEED, [(c["start"], c["end"], c["replacement"]) for c in body["changes"]]) == FIXED
    assert body["signature"] == Config().signature()
    assert {d["code"] for d in body["diagnostics"]} == {"A101", "A102"}
    assert {f["id"] for f in body["applied"]} == {i for c in body["changes"] for i in c["findings"]}
    log = [qfix.diagnostics.AppliedEdit(e["pass"], e["code"], e["start"], e["end"], e["before"], e["after"])
           for e in body["edits"]]
    assert qfix.replay(SEED, log) == FIXED


def test_fix_with_options_and_decisions(client):
    r = client.post("/v1/fix", json={"text": SEED, "options": {"quote_style": "curly", "ignore": ["B"]}})
    body = r.json()
    assert body["text"] == qfix.repair(SEED, Config(quote_style="“”", ignore=("B",))).text
    assert body["signature"]["quote_style"] == "“”" and body["signature"]["ignore"] == ["B"]
    first = qfix.repair(REVIEW)
    review = next(f for f in first.findings if f.applicability.value == "review")
    accepted = client.post("/v1/fix", json={"text": REVIEW, "decisions": {review.id: True}}).json()
    assert accepted["text"] == qfix.repair(REVIEW, decisions={review.id: True}).text != first.text


def test_check_lists_every_finding(client):
    body = client.post("/v1/check", json={"text": SEED}).json()
    result = qfix.repair(SEED)
    assert [f["id"] for f in body["findings"]] == [f.id for f in result.findings]
    assert body["fixable"] == 10 and body["left"] == 2 and body["changed_by_fix"] is True
    first = body["findings"][0]
    assert (first["line"], first["column"], first["code"], first["applied"]) == (1, 68, "B001", True)


def test_rules_health_and_schema(client):
    rules = client.get("/v1/rules").json()
    assert [r["code"] for r in rules][:3] == ["A001", "A002", "A003"] and all(r["doc"] for r in rules)
    assert client.get("/healthz").json()["status"] == "ok"
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    served = {(route.path, method.lower()) for route in client.app.routes for method in route.methods
              if method != "HEAD"}
    described = {(path, method) for path, ops in schema["paths"].items() for method in ops}
    assert served == described
    required = schema["paths"]["/v1/fix"]["post"]["responses"]["200"]["content"]["application/json"]["schema"][
        "required"]
    assert set(required) <= set(client.post("/v1/fix", json={"text": "نص"}).json())


@pytest.mark.parametrize("body, reason", [
    (b"{bad json", "not valid JSON"),
    (b"\xff\xfe{}", "not valid UTF-8"),
    (b"[1, 2]", "must be a JSON object"),
    (b"{}", "missing 'text'"),
    (b'{"text": 5}', "'text' must be a string"),
    (b'{"text": "\\ud800 x"}', "lone surrogate"),
    (b'{"text": "x", "options": {"beams": 2}}', "unknown option 'beams'"),
    (b'{"text": "x", "options": {"select": ["Z9"]}}', "'Z9' matches no rule code"),
    (b'{"text": "x", "options": {"quote_style": "<>"}}', "quote-style must be one of"),
    (b'{"text": "x", "options": {"apply_review": "yes"}}', "apply-review must be true or false"),
    (b'{"text": "x", "decisions": {"Q001@0": "yes"}}', "'decisions' must map"),
    (b'{"text": "x", "select": ["Q"]}', "unknown key 'select'"),
])
def test_bad_requests_are_one_line_400(client, body, reason):
    for path in ("/v1/fix", "/v1/check") if b"decisions" not in body else ("/v1/fix",):
        assert reason in one_line_error(client.post(path, content=body), 400)


def test_unknown_endpoint_and_method(client):
    assert "no such endpoint" in one_line_error(client.get("/v1/nothing"), 404)
    assert "GET is not allowed" in one_line_error(client.get("/v1/fix"), 405)
    assert "Error: no such endpoint" in client.get("/v2/nothing").text


def test_request_size_is_limited_while_reading():
    small = TestClient(create_app(settings=Settings(max_request_bytes=1000)), raise_server_exceptions=False)
    assert "larger than the limit of 1,000 bytes" in one_line_error(small.post("/v1/fix", json={"text": SEED}), 413)
    assert "larger than the limit" in one_line_error(
        small.post("/v2/check", data={"text": SEED, "language": "ar"}), 413)
    assert small.post("/v1/fix", json={"text": "نص قصير"}).status_code == 200


def test_a_chunked_body_is_refused_as_it_grows():
    """No Content-Length: reading stops at the chunk that passes the limit, not at the end."""
    import anyio
    app = create_app(settings=Settings(max_request_bytes=1000))
    pulled, sent = [], []

    async def receive():
        pulled.append(1)
        return {"type": "http.request", "body": b"x" * 600, "more_body": len(pulled) < 100}

    async def send(message):
        sent.append(message)
    scope = {"type": "http", "method": "POST", "path": "/v1/fix", "raw_path": b"/v1/fix", "query_string": b"",
             "headers": [(b"content-type", b"application/json")], "scheme": "http", "http_version": "1.1",
             "server": ("127.0.0.1", 8081), "client": ("127.0.0.1", 5000), "root_path": ""}
    anyio.run(app, scope, receive, send)
    assert len(pulled) == 2 and sent[0]["status"] == 413
    assert b"larger than the limit" in b"".join(m.get("body", b"") for m in sent[1:])


def test_time_limit_answers_503_at_once(monkeypatch):
    import qfix.serve.app as app_module

    def slow(*args, **kwargs):
        time.sleep(1.5)
        return qfix.repair(*args, **kwargs)
    monkeypatch.setattr(app_module, "repair", slow)
    quick = TestClient(create_app(settings=Settings(time_limit=0.2)), raise_server_exceptions=False)
    started = time.perf_counter()
    r = quick.post("/v1/fix", json={"text": SEED})
    assert time.perf_counter() - started < 1.2  # answered at the limit, not when the thread ends
    assert "longer than the time limit of 0.2 s" in one_line_error(r, 503)
    assert r.headers["retry-after"] == "1"


def test_an_internal_error_shows_no_traceback(monkeypatch):
    import qfix.serve.api as api_module

    def broken(result):
        raise RuntimeError("boom\nTraceback (most recent call last): secret")
    monkeypatch.setattr(api_module, "fix_answer", broken)
    c = TestClient(create_app(), raise_server_exceptions=False)
    message = one_line_error(c.post("/v1/fix", json={"text": "نص"}), 500)
    assert message.startswith("internal error (RuntimeError)") and "secret" not in message


def test_token():
    c = TestClient(create_app(settings=Settings(token="s3cret")), raise_server_exceptions=False)
    r = c.post("/v1/fix", json={"text": "نص"})
    assert "missing token" in one_line_error(r, 401) and r.headers["www-authenticate"] == "Bearer"
    assert "wrong token" in one_line_error(
        c.post("/v1/fix", json={"text": "نص"}, headers={"Authorization": "Bearer nope"}), 401)
    assert c.post("/v1/fix", json={"text": "نص"}, headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/openapi.json").status_code == 401
    assert c.get("/healthz").status_code == 200 and c.get("/v2/languages").status_code == 200
    assert "apiKey" in one_line_error(c.post("/v2/check", data={"text": "نص", "language": "ar"}), 401)
    assert c.post("/v2/check", data={"text": "نص", "language": "ar", "apiKey": "s3cret"}).status_code == 200
    assert c.post("/v2/check", data={"text": "نص", "language": "ar"},
                  headers={"Authorization": "Bearer s3cret"}).status_code == 200


# --- LanguageTool's API ------------------------------------------------------------------

def test_lt_answer_has_languagetools_shape(client):
    body = client.post("/v2/check", data={"text": SEED, "language": "ar"}).json()
    assert set(body) >= {"software", "warnings", "language", "matches"}
    assert body["warnings"] == {"incompleteResults": False}
    assert body["language"]["code"] == "ar" and body["language"]["detectedLanguage"]["code"] == "ar"
    assert [m["rule"]["id"] for m in body["matches"]] == [
        "B001", "A003", "A001", "A001", "A102", "Q001", "A101", "Q001", "Q001", "Q001", "B002"]
    for m in body["matches"]:
        assert set(m) >= {"message", "shortMessage", "replacements", "offset", "length", "context", "sentence",
                          "rule"}
        assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
        assert m["rule"]["issueType"] in ITS_ISSUE_TYPES and set(m["rule"]["category"]) == {"id", "name"}
        ctx = m["context"]
        assert ctx["text"][ctx["offset"]:ctx["offset"] + ctx["length"]] == \
            SEED[m["offset"]:m["offset"] + m["length"]].replace("\n", " ")  # the seed is all in the BMP
        assert m["sentence"] and "\n" not in m["sentence"]
    display = [m for m in body["matches"] if m["rule"]["id"] in ("A101", "A102")]
    assert all(m["replacements"] == [] and m["qfix"]["applicability"] == "display" for m in display)


def test_lt_autocorrect_matches_give_the_fix_text(client):
    body = client.post("/v2/check", data={"text": SEED, "language": "ar"}).json()
    assert apply_lt(SEED, body["matches"], auto) == FIXED
    assert apply_lt(SEED, body["matches"]) == FIXED  # the seed has nothing for review


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.glob("*.jsonl")))
def test_lt_matches_on_every_case(name):
    for case in load_cases(name):
        text = case.get("input", case.get("text"))
        answer = lt.check(text, Config())
        assert apply_lt(text, answer["matches"], auto) == qfix.repair(text).text
        offsets = [(m["offset"], m["offset"] + m["length"]) for m in answer["matches"] if auto(m)]
        assert all(a[1] < b[0] for a, b in zip(offsets, offsets[1:]))  # apart: any order applies them


def test_lt_offsets_count_utf16_units(client):
    emoji = "😀🎉 "  # two characters outside the BMP before every finding, one more inside a quote
    text = emoji + SEED.replace("في الواقع،", "في الواقع 🙂،", 1)
    body = client.post("/v2/check", data={"text": text, "language": "ar"}).json()
    units = text.encode("utf-16-le")
    for m in body["matches"]:
        piece = units[2 * m["offset"]:2 * (m["offset"] + m["length"])].decode("utf-16-le")
        cp_start = len(units[:2 * m["offset"]].decode("utf-16-le"))
        assert piece == text[cp_start:cp_start + len(piece)]
    a003 = next(m for m in body["matches"] if m["rule"]["id"] == "A003")
    assert a003["offset"] == SEED.index("“في الواقع") + 5 and "🙂" in a003["replacements"][0]["value"]
    assert a003["length"] == len(units[2 * a003["offset"]:2 * (a003["offset"] + a003["length"])]) // 2
    assert apply_lt(text, body["matches"], auto) == qfix.repair(text).text


def test_lt_review_and_display_matches(client):
    body = client.post("/v2/check", data={"text": REVIEW, "language": "ar"}).json()
    review = [m for m in body["matches"] if m["qfix"]["applicability"] == "review"]
    assert len(review) == 1 and not auto(review[0]) and review[0]["replacements"][0]["value"] == "»"
    (finding_id,) = review[0]["qfix"]["findings"]
    accepted = qfix.repair(REVIEW, decisions={finding_id: True}).text
    assert apply_lt(REVIEW, body["matches"]) == accepted  # every replacement: what an editor accepting all gets
    assert apply_lt(REVIEW, body["matches"], auto) == qfix.repair(REVIEW).text


@pytest.mark.parametrize("code", ["ar", "AR", "ar-EG", "ar-SA", "auto"])
def test_lt_accepts_arabic(client, code):
    assert client.post("/v2/check", data={"text": "نص", "language": code}).status_code == 200


@pytest.mark.parametrize("form, reason", [
    ({"text": "x", "language": "en-US"}, "'en-US' is not a language code known to qfix"),
    ({"text": "x"}, "missing 'language'"),
    ({"language": "ar"}, "missing 'text' or 'data'"),
    ({"text": "x", "data": "{}", "language": "ar"}, "either 'text' or 'data'"),
    ({"data": "{oops", "language": "ar"}, "'data' is not valid JSON"),
    ({"data": '{"annotation": [{"x": 1}]}', "language": "ar"}, "annotation 0"),
    ({"text": "x", "language": "ar", "disabledRules": "XX1"}, "disabledRules: 'XX1' matches no rule code"),
    ({"text": "x", "language": "ar", "enabledRules": "Z", "enabledOnly": "true"}, "enabledRules: 'Z'"),
    ({"text": "x", "language": "ar", "enabledOnly": "true"}, "enabledOnly=true needs"),
])
def test_lt_bad_requests(client, form, reason):
    assert reason in one_line_error(client.post("/v2/check", data=form), 400)


def test_lt_form_encoding_errors(client):
    headers = {"content-type": "application/x-www-form-urlencoded"}
    assert "not valid UTF-8" in one_line_error(
        client.post("/v2/check", content=b"language=ar&text=%FF%FE", headers=headers), 400)
    assert "application/x-www-form-urlencoded" in one_line_error(
        client.post("/v2/check", files={"text": ("a.txt", b"x")}, data={"language": "ar"}), 400)


def test_lt_rule_and_category_selection(client):
    def ids(**form):
        return {m["rule"]["id"] for m in client.post("/v2/check", data={"text": SEED, "language": "ar",
                                                                         **form}).json()["matches"]}
    everything = ids()
    assert ids(disabledRules="Q001") == everything - {"Q001"}
    assert ids(enabledRules="A001", enabledOnly="true") == {"A001"}
    assert ids(disabledCategories="QUOTES,TYPOS") == everything - {"Q001"}  # TYPOS: not ours, ignored
    assert ids(enabledCategories="BOILERPLATE", enabledOnly="true") == {"B001", "B002"}
    assert ids(enabledRules="A001") == everything  # every rule is on already


def test_lt_get_and_languages(client):
    r = client.get("/v2/check", params={"text": SEED, "language": "auto"})
    assert r.status_code == 200 and len(r.json()["matches"]) == 11
    assert client.get("/v2/languages").json() == [{"name": "Arabic", "code": "ar", "longCode": "ar"}]


def test_lt_annotated_data_keeps_markup(client):
    def check(annotation):
        original = "".join(a.get("text", a.get("markup")) for a in annotation)
        body = client.post("/v2/check", data={"data": json.dumps({"annotation": annotation}),
                                              "language": "ar"}).json()
        return original, body["matches"]
    original, found = check([{"markup": "<p>"}, {"text": "“الخطة جاهزة،” قال الوزير."},
                             {"markup": "</p><p>", "interpretAs": "\n"}, {"text": "ثم “نص” هنا."},
                             {"markup": "</p>"}])
    assert [(m["rule"]["id"], original[m["offset"]:m["offset"] + m["length"]]) for m in found] == [
        ("A001", "“الخطة جاهزة،” قال الوزير."), ("Q001", "“"), ("Q001", "”")]  # offsets count the markup
    assert apply_lt(original, found, auto) == "<p>وقال الوزير: «الخطة جاهزة».</p><p>ثم «نص» هنا.</p>"
    # a rewrite across markup would drop it: the match is shown without a replacement
    original, found = check([{"text": "“الخطة "}, {"markup": "<b>"}, {"text": "جاهزة،” قال الوزير."},
                             {"markup": "</b>"}])
    assert [(m["rule"]["id"], m["replacements"]) for m in found] == [("A001", [])]
    assert original[found[0]["offset"]:found[0]["offset"] + found[0]["length"]] == "“الخطة <b>جاهزة،” قال الوزير."


def test_lt_review_suggestions_are_bounded():
    text = "\n".join(f"وأكد المدير {k} أن الخطة “جاهزة للتنفيذ الآن." for k in range(6))
    answer = lt.check(text, Config(), max_review=2)
    review = [m for m in answer["matches"] if m["qfix"]["applicability"] == "review"]
    assert len(review) == 6 and sum(bool(m["replacements"]) for m in review) == 2
    assert answer["warnings"]["incompleteResults"] is True


# --- translation -------------------------------------------------------------------------

def test_translate_without_a_model_is_503(tmp_path):
    c = TestClient(create_app(Config(model=str(tmp_path / "no-model"))), raise_server_exceptions=False)
    message = one_line_error(c.post("/v1/translate", json={"text": SEED}), 503)
    assert message.startswith("no translation model:") and "--model DIR" in message


def test_translate_with_the_tiny_model(tiny_model):  # noqa: F811 (the fixture)
    c = TestClient(create_app(Config(model=str(tiny_model), device="cpu")), raise_server_exceptions=False)
    body = c.post("/v1/translate", json={"text": SEED}).json()
    assert body["arabic"] == FIXED and body["repaired"] is True
    assert body["english"].count("\n") == FIXED.count("\n") + (not FIXED.endswith("\n"))
    assert body["signature"]["model"] and body["stats"]["units"] > 0
    raw = c.post("/v1/translate", json={"text": SEED, "repair": False}).json()
    assert raw["arabic"] == SEED and raw["repaired"] is False
    assert "'repair' must be true or false" in one_line_error(
        c.post("/v1/translate", json={"text": SEED, "repair": "no"}), 400)


# --- the command ---------------------------------------------------------------------------

def test_command_is_light_and_pure_modules_need_no_extra():
    code = ("import sys, json; from qfix.cli.main import build_parser; build_parser(); "
            "import qfix.serve.lt, qfix.serve.api, qfix.serve.openapi; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('starlette', 'uvicorn', 'anyio', 'torch', 'transformers'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_missing_extra_gives_the_install_hint(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # import uvicorn now raises ImportError
    r = cli("serve", "--port", "0")
    assert r.code == 2 and r.err == "qfix: error: qfix serve needs the serve extra: pip install -e '.[serve]' in your qfix clone (README: Set-up)\n"


def test_refuses_other_addresses_without_a_token(cli, monkeypatch):
    monkeypatch.delenv("QFIX_SERVE_TOKEN", raising=False)
    r = cli("serve", "--host", "0.0.0.0", "--port", "0")
    assert r.code == 2 and "without a token" in r.err and "--insecure" in r.err and r.err.count("\n") == 1
    assert "--insecure" in cli("serve", "--help").text


def test_port_in_use_is_one_line(cli):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        r = cli("serve", "--port", str(taken.getsockname()[1]))
    finally:
        taken.close()
    assert r.code == 2 and r.err.startswith("qfix: error: cannot listen on 127.0.0.1:") and r.err.count("\n") == 1


def test_loopback_addresses():
    from qfix.cli.serve_cmd import is_loopback
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "10.0.0.1", "example.org"))
