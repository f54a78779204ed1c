"""`qfix review FILE` (the TUI) and `qfix export SESSION` (a review's outputs, no TUI)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import EXIT_OK, UserError

REVIEW_HELP = "review a repair and its English side by side in the terminal (Textual)"
EXPORT_HELP = "write a review session's outputs: Arabic, English, Markdown, JSON report, XLIFF 1.2"
FORMAT_NAMES = ("arabic", "english", "markdown", "json", "xliff")


def _formats(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        for name in value.split(","):
            name = name.strip()
            if name == "all":
                out.extend(FORMAT_NAMES)
            elif name in FORMAT_NAMES:
                out.append(name)
            elif name:
                raise UserError(f"unknown export format {name!r} (choose from {', '.join(FORMAT_NAMES)}, all)")
    return list(dict.fromkeys(out))


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("review", help=REVIEW_HELP, description=REVIEW_HELP)
    p.add_argument("file", metavar="FILE", help="the Arabic text to review")
    p.add_argument("--session", metavar="PATH", help="session file (default FILE.qfix-review.json)")
    p.add_argument("--bidi", choices=("app", "terminal"),
                   help="app: qfix draws Arabic in visual order (most terminals); terminal: pass it through "
                        "for terminals that reorder (VTE/GNOME Terminal, Konsole, iTerm2/WezTerm with bidi on). "
                        "Default: QFIX_BIDI, `bidi` in [tool.qfix], else from the terminal")
    p.add_argument("--export", action="append", metavar="FORMATS",
                   help="do not open the app: write these outputs (comma-separated: "
                        f"{', '.join(FORMAT_NAMES)}, all) beside FILE or -o, and exit")
    p.add_argument("-o", "--output", metavar="BASE", help="base path of exported files (default FILE)")
    p.add_argument("--no-translate", action="store_true", help="review the Arabic only; load no model")
    p.add_argument("--model", help="a model directory or hub id (default as `qfix translate`)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), help="where the model runs")
    p.add_argument("--no-cache", action="store_true", help="bypass the translation memory")
    p.set_defaults(func=run_review)

    e = subparsers.add_parser("export", help=EXPORT_HELP, description=EXPORT_HELP)
    e.add_argument("session", metavar="SESSION", help="a FILE.qfix-review.json written by `qfix review`")
    e.add_argument("--format", action="append", metavar="FORMATS",
                   help=f"comma-separated: {', '.join(FORMAT_NAMES)}, all (default all)")
    e.add_argument("-o", "--output", metavar="OUT",
                   help="with one format: the file (- for stdout); with several: the base path "
                        "(default: the session's input file)")
    e.add_argument("--translate", action="store_true",
                   help="translate paragraphs that have no English in the session (loads the model)")
    e.add_argument("--model", help="model for --translate")
    e.set_defaults(func=run_export)


def _config(args: argparse.Namespace):
    from ..config import ConfigError, load_config
    try:
        return load_config(None, model=getattr(args, "model", None), device=getattr(args, "device", None),
                           cache=False if getattr(args, "no_cache", False) else None)
    except ConfigError as exc:
        raise UserError(str(exc)) from None


def _engine_factory(config):
    def factory():
        from ..translate import load_engine
        return load_engine(config, warn=lambda m: None)
    return factory


def run_review(args: argparse.Namespace) -> int:
    config = _config(args)
    formats = _formats(args.export)
    if formats:
        from ..review.session import default_session_path, load, open_model, SessionError
        from ..io import read_input
        source = read_input(args.file)
        path = Path(args.session) if args.session else default_session_path(args.file)
        try:
            record = load(path) if path.exists() else None
            model = open_model(source.text, config, record, path)
        except SessionError as exc:
            raise UserError(str(exc)) from None
        return _write_exports(model, args.file, formats, args.output or args.file,
                              session=str(path) if path.exists() else "")
    try:
        from ..tui.app import make_app
    except ModuleNotFoundError as exc:
        raise UserError(f"the review app needs the tui extra (pip install 'qfix[tui]'): {exc.name} "
                        "is missing") from None
    factory = None if args.no_translate else _engine_factory(config)
    app = make_app(args.file, session_path=args.session, bidi=args.bidi, config=config, engine_factory=factory,
                   export_base=args.output)
    app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    reviewed, total, open_issues = app.model.progress()
    print(f"qfix: reviewed {reviewed}/{total} paragraphs, {open_issues} open issues; session saved to "
          f"{app.session_path}", file=sys.stderr)
    return EXIT_OK


def _write_exports(model, input_name: str, formats: list[str], base: str, session: str | None = None) -> int:
    from ..review.exports import export_paths, missing_english, render
    from ..io import write_atomic, write_stdout
    if base == "-" and len(formats) == 1:
        write_stdout(render(model, formats[0], input_name).encode("utf-8"))
    elif len(formats) == 1 and base != input_name:
        write_atomic(base, render(model, formats[0], input_name).encode("utf-8"))
        print(f"qfix: wrote {base}", file=sys.stderr)
    else:
        for fmt, path in export_paths(base, formats).items():
            write_atomic(path, render(model, fmt, input_name).encode("utf-8"))
            print(f"qfix: wrote {path}", file=sys.stderr)
    missing = missing_english(model)
    if missing and set(formats) & {"english", "markdown", "xliff"}:
        if session is None:  # qfix export SESSION
            how = "open the review to translate them, or pass --translate"
        elif session:
            how = f"open the review to translate them, or run `qfix export {session} --translate`"
        else:
            how = f"open `qfix review {input_name}` to translate them"
        print(f"qfix: warning: {len(missing)} paragraph(s) have no English yet (first: ¶{missing[0] + 1}); {how}",
              file=sys.stderr)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from ..review.session import SessionError, load, open_model
    from ..io import read_input
    try:
        record = load(args.session)
    except SessionError as exc:
        raise UserError(str(exc)) from None
    input_name = record.get("input", "")
    candidate = Path(input_name)
    if not candidate.is_absolute() and not candidate.exists():  # the input beside the session
        candidate = Path(args.session).parent / candidate.name
    source = read_input(str(candidate))
    config = _config(args)
    try:
        model = open_model(source.text, config, record, args.session)
    except SessionError as exc:
        raise UserError(str(exc)) from None
    if args.translate:
        from ..translate import TranslateError
        from ..review.mt import translate_segments as _translate
        todo = model.to_translate(0)
        if todo:
            try:
                engine = _engine_factory(config)()
            except TranslateError as exc:
                raise UserError(str(exc)) from None
            for i, arabic, english in _translate(engine, todo, config, None):
                model.set_english(i, arabic, english)
    formats = _formats(args.format) or list(FORMAT_NAMES)
    return _write_exports(model, input_name, formats, args.output or str(candidate))
