"""The command line: `build` (default), `check`, `serve`, `new`, `init`.

Input: arguments and the project folder. Output: the site in output/ (for `build`), problems on
stderr as `path:line: severity: message (hint)` with a summary line, and the exit status:
0 done, 1 problems in the input, 2 wrong usage, 70 a bug in Arsip (its traceback saved to
`.arsip-cache/internal-error.txt`), 130 stopped by Ctrl-C, 143 stopped by SIGTERM; a stopped build
leaves output/ as it was. Every line, the help and argparse's errors included (`arguments`), is in the
editor's language (`i18n.chosen`: `--lang`, $ARSIP_LANG, the site's `language`), read from the arguments
before the parser is made.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from babel.numbers import format_decimal

from .. import i18n
from ..builddb import BuildDB, database_path, stamp
from ..i18n import Language, Text, tr, trn
from ..problems import BuildFailed, Problem, summary
from ..source.config import CACHE_DIR, configure
from ..timings import Timings
from .arguments import Parser, given

if TYPE_CHECKING:
    from ..render.compiled import CompiledTemplates

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
CRASH_FILE = "internal-error.txt"


class Terminated(Exception):
    """SIGTERM arrived: the command stops as Ctrl-C stops it."""


def console() -> NoReturn:
    """The `arsip` command the package installs: the same commands as a project's `build.py`."""
    run(prog="arsip")


def run(prog: str = "build.py") -> NoReturn:
    """The process of one command: `main`, then its end without taking apart, object by object, what the command
    held (a 10,000-release site's pages and records: half a second of the interpreter's exit). Everything the command
    writes is written, committed and closed by then, and its render workers have ended; after a failure or a stop
    while Pagefind was still indexing (in memory, writing nothing), Pagefind ends as its input closes."""
    status = main(prog=prog)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # a reader gone (`| head`) or a stream closed: nothing to tell
            stream.flush()
    os._exit(status)


def main(argv: Sequence[str] | None = None, prog: str = "build.py", *, compiled: CompiledTemplates | None = None) -> int:
    """Run one command and return its exit status. `compiled`: templates compiled by earlier commands of this process
    (kept by their text and compile settings), for a program that runs several commands in one process."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # The parser speaks the editor's language, so that language is read from the arguments before it exists.
    args = _parser(i18n.chosen(given(argv, "--lang"), Path(given(argv, "--root") or Path.cwd())), prog).parse_args(argv)
    args.language = i18n.chosen(args.lang, args.root)
    command = args.command or "build"
    if command == "serve":  # the preview stops on Ctrl-C and SIGTERM by itself, as its normal end
        from . import serve

        return serve.run(args.root, host=args.host, port=args.port, drafts=args.drafts, language=args.language)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        if command == "init":
            from . import init

            return init.run(args, compiled=compiled)
        return _new(args) if command == "new" else _build(args, write_output=command == "build", compiled=compiled)
    except (KeyboardInterrupt, Terminated) as stop:
        _say(args.language, tr("arsip: stopped; output/ is as it was"), file=sys.stderr)
        return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED
    except BuildFailed as failed:
        _report(failed.problems, args.language, quiet=False)
        return EXIT_PROBLEMS
    except Exception as exc:
        if os.environ.get("ARSIP_DEBUG"):
            raise
        saved = _save_traceback(args.root)
        where = tr("; the details are in {path}", path=str(saved)) if saved else ""
        _say(
            args.language,
            tr(
                "arsip: internal error, a bug in Arsip rather than in your files: {error}{where}",
                error=f"{type(exc).__name__}: {exc}",
                where=where,
            ),
            file=sys.stderr,
        )
        return EXIT_BUG
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _say(language: Language, text: Text, **options: Any) -> None:
    """One line for the editor, in the editor's language."""
    print(language(text), **options)


def seconds(value: float, language: Language, digits: int = 1) -> str:
    """A duration in seconds as the language writes decimals (0.5 / 0,5)."""
    return format_decimal(value, format="0." + "0" * digits, locale=language.code)


def number(value: int, language: Language) -> str:
    """A number as the language writes it (1,234 / 1.234)."""
    return format_decimal(value, locale=language.code)


def _save_traceback(root: Path) -> Path | None:
    """The traceback of the error being handled, in `.arsip-cache/internal-error.txt` (the latest one only)."""
    target = root / CACHE_DIR / CRASH_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(traceback.format_exc(), encoding="utf-8")
    except OSError:
        return None
    return target


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """One build makes millions of long-lived objects and few reference cycles; Python's cycle collector
    would walk them all again and again (0.6 s of a 5 s rebuild at 10,000 releases). Memory is freed by
    reference counting as usual, and the collector is back on afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(args: argparse.Namespace, *, write_output: bool, compiled: CompiledTemplates | None) -> int:
    started = time.perf_counter()
    config = configure(args.root, drafts=getattr(args, "drafts", False))
    if write_output:
        if args.clean:
            shutil.rmtree(config.cache_dir, ignore_errors=True)
        db, timings = BuildDB.open(database_path(config.output_dir)), Timings(enabled=args.timings)
        shown = db.notice
        try:
            if shown:
                print(f"arsip: {args.language(shown)}", file=sys.stderr)
            options = f"drafts={config.options.drafts}|strict={args.strict}|language={args.language.code}"
            with timings.stage(tr("compare with the last good build")):
                inputs = stamp.input_digest(config, options, db.versions)
                last = stamp.load_stamp(db)
                unchanged = inputs and last and last.inputs == inputs and last.outputs == stamp.output_digest(config)
            if unchanged and last:
                code = _unchanged(last, args, started)
                _print_timings(timings, args.language)
                return code
            db.forget_stamp()  # from here on the output may change; only a good build writes a new stamp
            # Imported only now: a build with nothing to do (above) needs none of the stages nor their libraries.
            from .. import pipeline
            from ..session import Session

            session = Session.around(db, compiled=compiled, timings=timings)
            with _no_cycle_collection():  # until the stamp is saved: a collection then would walk the whole site once more
                bar = _ProgressBar(enabled=not args.quiet and sys.stderr.isatty())
                try:
                    result = pipeline.build(config, strict=args.strict, progress=bar.update, session=session, keep_published=True)
                finally:
                    bar.close()
                report = tuple(problem.format(args.language) for problem in result.problems)
                with timings.stage(tr("save the stamp of this build")):
                    outputs = stamp.output_digest(config)
                    if inputs and outputs is not None:
                        stamp.save_stamp(db, stamp.Stamp(inputs, outputs, report, result.pages, result.releases))
            _print_timings(timings, args.language)
        finally:
            if db.notice != shown:
                print(f"arsip: {args.language(db.notice)}", file=sys.stderr)
            db.close()
    else:
        from .. import pipeline
        from ..session import Session

        session = Session.in_memory(compiled=compiled)
        session.timings.enabled = args.timings
        result = pipeline.check(config, strict=args.strict, external=args.external, keep_published=True, session=session)
        _print_timings(session.timings, args.language)
    _report(result.problems, args.language, quiet=True)
    if not args.quiet:
        took = seconds(time.perf_counter() - started, args.language)
        pages, releases = _pages(result.pages), _releases(result.releases)
        if write_output:
            done = tr("Built {pages} from {releases} in {seconds} s", pages=pages, releases=releases, seconds=took)
        else:
            done = tr("Checked {pages} from {releases} in {seconds} s", pages=pages, releases=releases, seconds=took)
        print(args.language(done) + _warnings(len(result.problems), args.language))
    return EXIT_OK


def _print_timings(timings: Timings, language: Language) -> None:
    """`--timings`: the table of where the time went, on standard error (standard output keeps the summary line)."""
    if timings.enabled:
        heading = tr("Where the time went (CPU of workers: processes that have ended, Pagefind and render workers):")
        print(language(heading), file=sys.stderr)
        for line in timings.lines(language):
            print("  " + line, file=sys.stderr)


def _pages(count: int) -> Text:
    return trn("{count} page", "{count} pages", count)


def _releases(count: int) -> Text:
    return trn("{count} release", "{count} releases", count)


def _warnings(count: int, language: Language) -> str:
    """The tail of a summary line: `; 2 warnings` (`; 2 peringatan`), nothing without warnings."""
    return "; " + language(trn("{count} warning", "{count} warnings", count)) if count else ""


def _new(args: argparse.Namespace) -> int:
    from . import new

    return new.run(args)


def _unchanged(last: stamp.Stamp, args: argparse.Namespace, started: float) -> int:
    """Nothing changed since the last good build: repeat its warnings and say so."""
    for line in last.report:
        print(line, file=sys.stderr)
    if not args.quiet:
        took = seconds(time.perf_counter() - started, args.language)
        unchanged = tr(
            "Nothing changed: {pages} from {releases} up to date ({seconds} s)",
            pages=_pages(last.pages),
            releases=_releases(last.releases),
            seconds=took,
        )
        print(args.language(unchanged) + _warnings(len(last.report), args.language))
    return EXIT_OK


class _ProgressBar:
    """A tqdm bar on a terminal for builds of more than a few hundred pages; silent otherwise."""

    THRESHOLD = 300

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total <= self.THRESHOLD:
            return
        if self.bar is None:
            from tqdm import tqdm

            size = shutil.get_terminal_size()  # tqdm draws nothing on a terminal that reports a size of 0 x 0
            self.bar = tqdm(total=total, unit="page", leave=False, file=sys.stderr, ncols=size.columns, nrows=size.lines)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _use_colour() -> bool:
    return sys.stderr.isatty() and "NO_COLOR" not in os.environ


def _paint(line: str, problem: Problem, language: i18n.Language) -> str:
    """`path:line: error: ...` with the severity word in red (errors) or yellow (warnings)."""
    colour = "31" if problem.is_error else "33"
    word = problem.severity_word(language)
    return line.replace(f" {word}:", f" \033[1;{colour}m{word}\033[0m:", 1)


def _report(problems: Sequence[Problem], language: i18n.Language, *, quiet: bool) -> None:
    colour = _use_colour()
    for problem in problems:
        line = problem.format(language)
        print(_paint(line, problem, language) if colour else line, file=sys.stderr)
    if problems and not quiet:
        print(summary(problems, language), file=sys.stderr)


def _parser(language: Language, prog: str = "build.py") -> argparse.ArgumentParser:
    """The command line, its help and its errors in `language`."""

    def say(text: Text) -> str:
        return language(text).replace("%", "%%")  # argparse fills in %(default)s and the like in help texts

    root_help = say(tr("project folder (default: the current folder)"))
    lang_help = say(tr("language of the messages (default: ${variable}, else the site's language)", variable=i18n.ENVIRONMENT))
    folder = language(tr("FOLDER"))
    parser = Parser(prog=prog, language=language, description=say(tr("Arsip: build the awards archive from content/ into output/.")))
    _build_options(parser, say, default=False)
    parser.add_argument("--root", type=Path, default=Path.cwd(), metavar=folder, help=root_help)
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help=lang_help)
    # Options are accepted before or after the command; after it, SUPPRESS keeps the earlier value when absent.
    common = Parser(add_help=False, language=language)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar=folder, help=root_help)
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
    options = Parser(add_help=False, language=language)
    _build_options(options, say, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", title=language(tr("commands")))
    commands.add_parser("build", language=language, parents=[common, options], help=say(tr("build the site into output/ (the default)")))
    check_help = say(tr("run every check without writing output/"))
    check = commands.add_parser("check", language=language, parents=[common, options], help=check_help)
    check.add_argument("--external", action="store_true", help=say(tr("check links to other sites too (answers kept a day)")))
    new = commands.add_parser(
        "new", language=language, parents=[common], help=say(tr("write a new release with a commented front-matter skeleton"))
    )
    new.add_argument("title", metavar=language(tr("title")), help=say(tr("the release's title, as in its source")))
    new.add_argument(
        "--institution", required=True, metavar=language(tr("NAME")), help=say(tr("the institution, as named in content/institutions.toml"))
    )
    new.add_argument("--date", metavar="YYYY-MM-DD", help=say(tr("publication date, YYYY-MM-DD (default: today)")))
    new.add_argument("--score", metavar=language(tr("SCORE")), help=say(tr("the score, e.g. 93,68")))
    new.add_argument("--zone", metavar=language(tr("ZONE")), help=say(tr("the grade, a name of [[grade]] in site_config.toml")))
    new.add_argument(
        "--register", action="store_true", help=say(tr("add the institution to content/institutions.toml when it is not there yet"))
    )
    new.add_argument(
        "--kind", metavar=language(tr("KIND")), help=say(tr("the kind of the institution to register (default: read from its name)"))
    )
    new.add_argument("--province", metavar=language(tr("PROVINCE")), help=say(tr("the province of the institution to register")))
    regency_help = say(tr('the regency or city of the institution to register (geography = ["province", "regency"])'))
    new.add_argument("--regency", metavar=language(tr("REGENCY")), help=regency_help)
    init_help = say(tr("start a new archive in FOLDER and build it"))
    init = commands.add_parser("init", language=language, parents=[common, options], help=init_help)
    init.add_argument("path", type=Path, metavar=folder, help=say(tr("the folder to make (new or empty)")))
    serve = commands.add_parser("serve", language=language, parents=[common], help=say(tr("live preview at http://127.0.0.1:8000/")))
    serve.add_argument("--host", default="127.0.0.1", help=say(tr("address the preview listens on (default: 127.0.0.1)")))
    serve.add_argument("--port", type=int, default=8000, help=say(tr("port the preview listens on (default: 8000)")))
    serve.add_argument("--drafts", action="store_true", help=say(tr("show releases marked draft: true (marked as drafts)")))
    return parser


def _build_options(parser: argparse.ArgumentParser, say: Callable[[Text], str], *, default: object) -> None:
    parser.add_argument("--strict", action="store_true", default=default, help=say(tr("treat warnings as errors")))
    parser.add_argument("--quiet", action="store_true", default=default, help=say(tr("print only problems")))
    parser.add_argument("--drafts", action="store_true", default=default, help=say(tr("include releases marked draft: true")))
    parser.add_argument("--clean", action="store_true", default=default, help=say(tr("forget the build cache (.arsip-cache/) first")))
    timings_help = say(tr("print where the time went, stage by stage (wall and processor time)"))
    parser.add_argument("--timings", action="store_true", default=default, help=timings_help)
