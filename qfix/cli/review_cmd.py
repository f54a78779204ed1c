"""`qfix review FILE` (the TUI) and `qfix export SESSION` (a review's outputs, no TUI)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import EXIT_ERROR, EXIT_OK, UserError, install_hint

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
    p.add_argument("--session", metavar="PATH", help="session file (default FILE.qfix.session.json, beside FILE)")
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
    e.add_argument("session", metavar="SESSION", help="a FILE.qfix.session.json written by `qfix review`")
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
    from ..review.session import open_review
    config = _config(args)
    formats = _formats(args.export)
    if formats:
        opened = open_review(args.file, config, args.session)
        return _write_exports(opened.model, args.file, formats, args.output or args.file, opened.source.encoding,
                              session=str(opened.loaded_from) if opened.loaded_from else "")
    try:
        from ..tui.app import make_app
    except ModuleNotFoundError as exc:
        raise UserError(f"the review app needs the tui extra, which is not installed here (no module "
                        f"{exc.name}): {install_hint('tui')}") from None
    factory = None if args.no_translate else _engine_factory(config)
    app = make_app(args.file, session_path=args.session, bidi=args.bidi, config=config, engine_factory=factory,
                   export_base=args.output)
    app.run()
    if app.return_code not in (None, 0):
        return app.return_code
    reviewed, total, open_issues = app.model.progress()
    if app.save_error:
        print(f"qfix: error: reviewed {reviewed}/{total} paragraphs, but the session could not be saved "
              f"({app.save_error}); those decisions are lost", file=sys.stderr)
        return EXIT_ERROR
    print(f"qfix: reviewed {reviewed}/{total} paragraphs, {open_issues} open issues; session saved to "
          f"{app.session_path}", file=sys.stderr)
    return EXIT_OK


def _write_exports(model, input_name: str, formats: list[str], base: str, encoding: str,
                   session: str | None = None) -> int:
    from ..io import write_stdout
    from ..review.exports import missing_english, render_bytes, write_exports
    if base == "-" and len(formats) == 1:
        write_stdout(render_bytes(model, formats[0], input_name, encoding))
    elif len(formats) == 1 and base != input_name:
        from ..io import write_atomic
        write_atomic(base, render_bytes(model, formats[0], input_name, encoding))
        print(f"qfix: wrote {base}", file=sys.stderr)
    else:
        for path in write_exports(model, input_name, formats, base, encoding):  # all or nothing
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
    from ..io import read_input
    from ..review.session import load, open_model
    record = load(args.session)
    input_name = record.get("input", "")
    candidate = Path(input_name)
    if not candidate.is_absolute() and not candidate.exists():  # the input beside the session
        candidate = Path(args.session).parent / candidate.name
    source = read_input(str(candidate))
    config = _config(args)
    model = open_model(source.text, config, record, args.session)
    if args.translate:
        from ..review.mt import translate_segments as _translate
        from ..translate import TranslateError
        todo = model.to_translate(0)
        if todo:
            try:
                engine = _engine_factory(config)()
                by = model.add_engine(engine.signature)
                results = _translate(engine, todo, config, None)
            except TranslateError as exc:
                raise UserError(str(exc)) from None
            for i, arabic, english in results:
                model.set_english(i, arabic, english, by)
    formats = _formats(args.format) or list(FORMAT_NAMES)
    return _write_exports(model, input_name, formats, args.output or str(candidate), source.encoding)
