"""`qfix serve`: the HTTP service (own JSON API under /v1, LanguageTool's /v2/check).

Light to import: Starlette and uvicorn (the ``serve`` extra) load only when the command runs.
"""
from __future__ import annotations

import argparse
import ipaddress
import os
import socket
import sys
from typing import Any

from ..errors import install_hint
from .errors import EXIT_OK, UserError
from .options import positive

HELP = "serve repairs over HTTP: a JSON API and LanguageTool's /v2/check"
INSTALL_HINT = "qfix serve needs the serve extra: " + install_hint("serve")


def add_parser(subparsers: Any) -> None:
    from ..serve.settings import (DEFAULT_MAX_REQUEST_BYTES, DEFAULT_REPAIR_THREADS, DEFAULT_TIME_LIMIT,
                                  DEFAULT_TRANSLATE_TIME_LIMIT, TOKEN_ENV)
    p = subparsers.add_parser("serve", help=HELP, description=(
        "Serve qfix over HTTP (Starlette on uvicorn): POST /v1/fix, /v1/check, /v1/translate, GET /v1/rules, "
        "/healthz, /openapi.json, and LanguageTool's POST /v2/check and GET /v2/languages, so LanguageTool "
        "clients can use qfix as their server. Listens on 127.0.0.1 unless told otherwise; another address "
        f"needs a token (--token or {TOKEN_ENV}), or --insecure to serve without one. See docs/serve.md."),
        epilog="Stop it with Ctrl-C (or SIGTERM). Exit 2 when it cannot start.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, loopback "
                   "only; 0.0.0.0 or :: for every interface needs a token or --insecure)")
    p.add_argument("--port", type=_port, default=8081, help="port (default 8081; 0 picks a free one, printed "
                   "on stderr)")
    p.add_argument("--workers", type=positive, default=1, metavar="N",
                   help="worker processes (default 1), each on its own socket on the port (SO_REUSEPORT), "
                        "restarted if one dies; about one a core")
    p.add_argument("--token", help=f"require Authorization: Bearer TOKEN on every endpoint but /healthz and "
                   f"/v2/languages (default: ${TOKEN_ENV}; prefer the variable: arguments show in ps)")
    p.add_argument("--insecure", action="store_true", help="allow a non-loopback --host without a token")
    p.add_argument("--max-request-bytes", type=positive, default=DEFAULT_MAX_REQUEST_BYTES, metavar="N",
                   help=f"larger request bodies are refused with 413 (default {DEFAULT_MAX_REQUEST_BYTES:,})")
    p.add_argument("--time-limit", type=_seconds, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help=f"a repair or check that takes longer (waiting for a thread included) is answered 503 "
                        f"(default {DEFAULT_TIME_LIMIT:g})")
    p.add_argument("--translate-time-limit", type=_seconds, default=DEFAULT_TRANSLATE_TIME_LIMIT,
                   metavar="SECONDS", help=f"the same for /v1/translate (default {DEFAULT_TRANSLATE_TIME_LIMIT:g})")
    p.add_argument("--repair-threads", type=positive, default=DEFAULT_REPAIR_THREADS, metavar="N",
                   help=f"repair threads per worker process (default {DEFAULT_REPAIR_THREADS}; the GIL runs one "
                        "at a time, more only queue)")
    p.add_argument("--model", help="translation model for /v1/translate: a directory or a downloaded hub id "
                   "(default: the configured model; the server never downloads one)")
    p.add_argument("--revision", help="hub revision of the model")
    p.add_argument("--engine", choices=("auto", "transformers", "ct2"), help="translation engine (default auto)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), help="where the model runs (default auto)")
    p.add_argument("--access-log", action="store_true", help="log every request on stderr")
    from .options import add_repair_options
    add_repair_options(p)
    p.set_defaults(func=run)



def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text!r}")
    return value


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def listen(host: str, port: int, reuse_port: bool = False) -> socket.socket:
    """A listening socket, bound here so that --port 0 can say which port it got. With
    ``reuse_port``, several sockets listen on one port and the kernel spreads connections
    over them (SO_REUSEPORT): one a worker process."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def run(args: argparse.Namespace) -> int:
    from ..serve.settings import SETTINGS_ENV, TOKEN_ENV, Settings
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        raise UserError(INSTALL_HINT) from None
    from ..serve.app import settings_to_env
    from .options import config_from_args
    config = config_from_args(args, model=args.model, revision=args.revision, engine=args.engine,
                              device=args.device)
    token = args.token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(args.host) and not token and not args.insecure:
        raise UserError(f"refusing to listen on {args.host} without a token: set {TOKEN_ENV} (or --token), "
                        "or pass --insecure to serve anyone who can reach it")
    settings = Settings(token=token, max_request_bytes=args.max_request_bytes, time_limit=args.time_limit,
                        translate_time_limit=args.translate_time_limit, repair_threads=args.repair_threads)
    # the worker processes build the app from these (uvicorn's --workers needs an import string)
    os.environ[SETTINGS_ENV] = settings_to_env(config, settings)
    if token:
        os.environ[TOKEN_ENV] = token
    else:
        os.environ.pop(TOKEN_ENV, None)
    many = args.workers > 1 and hasattr(socket, "SO_REUSEPORT")
    sock = listen(args.host, args.port, reuse_port=many)
    port = sock.getsockname()[1]
    socks = [sock] + [listen(args.host, port, reuse_port=True) for _ in range(args.workers - 1)] if many else [sock]
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"qfix: serving on http://{shown}:{port} ({args.workers} worker{'s' if args.workers > 1 else ''}, "
          f"{'token required' if token else 'no token'}); Ctrl-C stops it", file=sys.stderr, flush=True)
    uv_config = uvicorn.Config("qfix.serve.app:app_from_env", factory=True, host=args.host, port=port,
                               workers=args.workers, lifespan="off", access_log=args.access_log,
                               log_level="info" if args.access_log else "warning",
                               timeout_graceful_shutdown=5, server_header=False)
    try:
        if many:
            supervise(uv_config, socks)
        elif args.workers > 1:  # no SO_REUSEPORT here: one shared socket, as uvicorn does it
            from uvicorn.supervisors import Multiprocess
            Multiprocess(uv_config, sockets=[sock]).run()
        else:
            uvicorn.Server(uv_config).run(sockets=[sock])
    finally:
        for s in socks:
            s.close()
    return EXIT_OK


def supervise(uv_config, socks: list[socket.socket]) -> None:
    """One worker process a socket, all on one port (SO_REUSEPORT). uvicorn's own supervisor
    gives every worker the same socket, and keep-alive clients then stay with whichever worker
    accepted first: measured, two workers served no more than one. A worker that dies is
    started again on its socket; SIGINT or SIGTERM stops them all gracefully."""
    import signal
    import threading

    import uvicorn
    from uvicorn._subprocess import get_subprocess

    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    def start(sock: socket.socket):
        process = get_subprocess(uv_config, uvicorn.Server(uv_config).run, [sock])
        process.start()
        return process

    workers = [start(s) for s in socks]
    while not stop.wait(0.5):
        for k, process in enumerate(workers):
            if not process.is_alive() and not stop.is_set():
                process.join()
                workers[k] = start(socks[k])
    for process in workers:
        if process.is_alive():
            process.terminate()  # SIGTERM: uvicorn's graceful shutdown
    for process in workers:
        process.join(timeout=uv_config.timeout_graceful_shutdown + 5)
        if process.is_alive():
            process.kill()
            process.join()
