"""The HTTP application: Starlette routes, limits, auth and errors around the pure core.

``create_app(config, ...)`` builds it for the CLI and the tests alike; ``app_from_env`` is
the factory each uvicorn worker process calls (``qfix serve --workers N``).

Repairs are CPU-bound and run off the event loop in worker threads (a few per process:
the GIL lets one run at a time, so more would only add latency), each inside the
request's time limit. A Python thread cannot be killed: a repair that overruns is
*abandoned* — the client gets 503 at once, the thread finishes its (linear-time, and by
the request size limit bounded) work in the background and its result is dropped. The
limit also covers the wait for a free thread, so an overloaded server sheds load with
503 instead of queueing without end. Processes (``--workers``) are the unit of
parallelism; a process pool per worker would add a copy of every text and result for no
extra throughput.

Errors are one line, never a traceback: ``{"error": "..."}`` on ``/v1`` and the rest;
on ``/v2`` (LanguageTool's API) plain text ``Error: ...``, as LanguageTool answers, so
its clients show the reason instead of failing to parse it.
"""
from __future__ import annotations

import dataclasses
import hmac
import json
import logging
import os
import threading
from typing import Any, Callable
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..apply import document, repair
from ..config import Config, ConfigError
from ..errors import install_hint
from . import api, lt
from .lt import RequestError
from .settings import SETTINGS_ENV, TOKEN_ENV, Settings

log = logging.getLogger("qfix.serve")

PUBLIC_PATHS = ("/healthz", "/v2/languages")  # /v2/languages: LT clients fetch it before sending anything


class Unavailable(Exception):
    """The service cannot do this now (no model, over time): one line, answered 503."""


# --- errors ------------------------------------------------------------------------------

def error_response(path: str, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    message = " ".join(str(message).split())  # one line, whatever the source
    if path.startswith("/v2/"):
        return PlainTextResponse(f"Error: {message}", status, headers=headers)
    return JSONResponse({"error": message}, status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = exc.detail
    if exc.status_code == 404:
        message = f"no such endpoint: {request.method} {request.url.path} (see /openapi.json)"
    elif exc.status_code == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(request.url.path, exc.status_code, message, getattr(exc, "headers", None))


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request.url.path, 500, f"internal error ({type(exc).__name__}); the server log has "
                          "the details")


# --- limits ------------------------------------------------------------------------------

class BodyLimit:
    """Refuse bodies over ``max_bytes`` with 413 while reading them: a declared length is
    refused before any byte is read, a chunked body as soon as it grows past the limit."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        path = scope.get("path", "")
        if declared is not None:
            if not declared.isdigit():
                return await error_response(path, 400, "Content-Length is not a number")(scope, receive, send)
            if int(declared) > self.max_bytes:
                return await self._too_large(path)(scope, receive, send)
        seen = 0
        limit = self.max_bytes

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, limited, send)

    def _message(self) -> str:
        return f"request body larger than the limit of {self.max_bytes:,} bytes"

    def _too_large(self, path: str) -> Response:
        return error_response(path, 413, self._message(), {"Connection": "close"})


class _Auth:
    def __init__(self, token: str | None):
        self.token = token

    def ok(self, request: Request, api_key: str | None = None) -> bool:
        if not self.token or request.url.path in PUBLIC_PATHS:
            return True
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        given = value.strip() if scheme.lower() == "bearer" else (api_key or "")
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

    def refuse(self, request: Request) -> Response:
        reason = ("missing token: send Authorization: Bearer TOKEN" if "authorization" not in request.headers
                  else "wrong token")
        if request.url.path.startswith("/v2/") and reason.startswith("missing"):
            reason += " (or the form field apiKey=TOKEN)"
        return error_response(request.url.path, 401, reason, {"WWW-Authenticate": "Bearer"})


# --- translation -----------------------------------------------------------------------

def load_translation_engine(config: Config):
    """The configured model, loaded once; never downloads (a server answers, it does not pull)."""
    from pathlib import Path
    import importlib.util

    from ..translate import TranslateError, ct2, load_engine
    from ..translate.hub import resolve_model
    missing = [m for m in ("torch", "transformers") if importlib.util.find_spec(m) is None]
    if missing and not (Path(config.model).expanduser() / ct2.META).is_file():
        raise Unavailable("no translation engine: install the translate extra "
                          "(pip install torch==2.13.0, then " + install_hint("translate") + ")")
    try:
        if not Path(config.model).expanduser().is_dir():
            resolve_model(config.model, config.revision, download=False)
        return load_engine(config)
    except TranslateError as exc:
        hint = "" if "--model" in str(exc) else "; start the server with --model DIR"
        raise Unavailable(f"no translation model: {exc}{hint}") from None


class _Translator:
    def __init__(self, config: Config, loader: Callable[[Config], Any]):
        self.config = config
        self.loader = loader
        self.engine = None
        self.lock = threading.Lock()  # one load, and one translation at a time per process

    def translate(self, text: str, do_repair: bool) -> dict[str, Any]:
        from ..export.translation import to_text
        from ..translate import TranslateError, translate_document
        result = repair(text, self.config) if do_repair else document(text, self.config)
        arabic = result.text
        with self.lock:
            if self.engine is None:
                self.engine = self.loader(self.config)
            try:
                doc = translate_document(result, self.engine, memory=None, batch_size=self.config.batch_size)
            except TranslateError as exc:
                raise Unavailable(str(exc)) from None
        return {"english": to_text(doc), "arabic": arabic, "repaired": do_repair,
                "signature": {**self.config.signature(), **self.engine.signature}, "stats": doc.stats}


# --- the application -------------------------------------------------------------------

def create_app(config: Config | None = None, settings: Settings | None = None, *,
               engine_loader: Callable[[Config], Any] | None = None) -> Starlette:
    """The qfix service for ``config``; ``engine_loader(config)`` loads the translation engine
    (default: the configured model, see ``load_translation_engine``)."""
    config = config or Config()
    settings = settings or Settings()
    auth = _Auth(settings.token)
    repair_threads = anyio.CapacityLimiter(settings.repair_threads)
    translate_threads = anyio.CapacityLimiter(1)
    translator = _Translator(config, engine_loader or load_translation_engine)

    async def off_loop(fn, *args, limit: float, limiter, what: str):
        try:
            with anyio.fail_after(limit):
                return await anyio.to_thread.run_sync(fn, *args, abandon_on_cancel=True, limiter=limiter)
        except TimeoutError:
            raise Unavailable(f"{what} took longer than the time limit of {limit:g} s "
                              "(the server is busy or the text is very long)") from None

    def guarded(handler):
        """Auth, then the handler; RequestError/ConfigError are 400, Unavailable 503."""
        async def endpoint(request: Request) -> Response:
            if request.url.path != "/v2/check" and not auth.ok(request):
                return auth.refuse(request)
            try:
                return await handler(request)
            except (RequestError, ConfigError) as exc:
                return error_response(request.url.path, 400, str(exc))
            except Unavailable as exc:
                return error_response(request.url.path, 503, str(exc), {"Retry-After": "1"})
        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    async def json_request(request: Request) -> dict[str, Any]:
        return api.parse_json(await request.body())

    async def healthz(request: Request) -> Response:
        return JSONResponse(api.health_answer())

    async def rules(request: Request) -> Response:
        return JSONResponse(api.rules_answer())

    async def fix(request: Request) -> Response:
        body = await json_request(request)
        api.known_keys(body, ("text", "options", "decisions"))
        text = api.text_of(body)
        cfg = api.request_config(config, body)
        decisions = api.decisions_of(body)
        answer = await off_loop(lambda: api.fix_answer(repair(text, cfg, decisions)), limit=settings.time_limit,
                                limiter=repair_threads, what="the repair")
        return JSONResponse(answer)

    async def check(request: Request) -> Response:
        body = await json_request(request)
        api.known_keys(body, ("text", "options"))
        text = api.text_of(body)
        cfg = api.request_config(config, body)
        answer = await off_loop(lambda: api.check_answer(repair(text, cfg)), limit=settings.time_limit,
                                limiter=repair_threads, what="the check")
        return JSONResponse(answer)

    async def translate(request: Request) -> Response:
        body = await json_request(request)
        api.known_keys(body, ("text", "repair"))
        text = api.text_of(body)
        do_repair = body.get("repair", True)
        if not isinstance(do_repair, bool):
            raise RequestError("'repair' must be true or false")
        answer = await off_loop(translator.translate, text, do_repair, limit=settings.translate_time_limit,
                                limiter=translate_threads, what="the translation")
        return JSONResponse(answer)

    async def openapi(request: Request) -> Response:
        from .openapi import schema
        return JSONResponse(schema())

    async def lt_check(request: Request) -> Response:
        params = dict(request.query_params)
        if request.method == "POST":
            params.update(await _form(request))
        if not auth.ok(request, params.get("apiKey")):
            return auth.refuse(request)
        code = lt.language(params.get("language"))
        text, markup = lt.text_or_data(params)
        text = api.checked_text(text)
        cfg = lt.request_config(config, params)
        answer = await off_loop(lt.check, text, cfg, markup, code, limit=settings.time_limit,
                                limiter=repair_threads, what="the check")
        return JSONResponse(answer)

    async def lt_languages(request: Request) -> Response:
        return JSONResponse(lt.languages())

    routes = [
        Route("/healthz", guarded(healthz), methods=["GET"]),
        Route("/openapi.json", guarded(openapi), methods=["GET"]),
        Route("/v1/rules", guarded(rules), methods=["GET"]),
        Route("/v1/fix", guarded(fix), methods=["POST"]),
        Route("/v1/check", guarded(check), methods=["POST"]),
        Route("/v1/translate", guarded(translate), methods=["POST"]),
        Route("/v2/check", guarded(lt_check), methods=["GET", "POST"]),
        Route("/v2/languages", guarded(lt_languages), methods=["GET"]),
    ]
    app = Starlette(routes=routes,
                    middleware=[Middleware(BodyLimit, max_bytes=settings.max_request_bytes)],
                    exception_handlers={HTTPException: _http_error, Exception: _internal_error})
    app.state.config = config
    app.state.settings = settings
    return app


async def _form(request: Request) -> dict[str, str]:
    """An application/x-www-form-urlencoded body (what LanguageTool clients send)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if kind not in ("", "application/x-www-form-urlencoded"):
        raise RequestError(f"send the form as application/x-www-form-urlencoded, not {kind}")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, encoding="utf-8", errors="strict",
                          max_num_fields=200)
    except UnicodeDecodeError:
        raise RequestError("form data is not valid UTF-8") from None
    except ValueError as exc:
        raise RequestError(f"bad form data: {exc}") from None
    return dict(pairs)


def settings_to_env(config: Config, settings: Settings) -> str:
    """What ``app_from_env`` needs, as one environment value (the token travels in its own)."""
    cfg = {f.name: getattr(config, f.name) for f in dataclasses.fields(Config)}
    values = {k: v for k, v in dataclasses.asdict(settings).items() if k != "token"}
    return json.dumps({"config": cfg, "settings": values})


def app_from_env() -> Starlette:
    """The factory each uvicorn worker calls: settings from QFIX_SERVE_SETTINGS (set by
    `qfix serve`), the token from QFIX_SERVE_TOKEN."""
    raw = json.loads(os.environ.get(SETTINGS_ENV) or "{}")
    config = Config(**raw.get("config", {}))
    settings = Settings(token=os.environ.get(TOKEN_ENV) or None, **raw.get("settings", {}))
    return create_app(config, settings)


__all__ = ["Settings", "app_from_env", "create_app", "error_response"]
