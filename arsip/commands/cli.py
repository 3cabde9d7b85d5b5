"""The command line: `build` (default), `check`, `serve`, `new`.

Input: arguments and the project folder. Output: the site in output/ (for `build`), problems on
stderr as `path:line: severity: message (hint)` with a summary line, and the exit status:
0 done, 1 problems in the input, 2 wrong usage, 70 a bug in Arsip (its traceback saved to
`.arsip-cache/internal-error.txt`), 130 stopped by Ctrl-C, 143 stopped by SIGTERM; a stopped build
leaves output/ as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import shutil
import signal
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .. import i18n, pipeline
from ..builddb import stamp
from ..problems import BuildFailed, Problem, summary
from ..session import Session
from ..source.config import CACHE_DIR

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70
EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM
CRASH_FILE = "internal-error.txt"
LANG_HELP = f"language of the messages (default: ${i18n.ENVIRONMENT}, else the site's language)"


class Terminated(Exception):
    """SIGTERM arrived: the command stops as Ctrl-C stops it."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.language = i18n.chosen(args.lang, args.root)
    command = args.command or "build"
    if command == "serve":  # the preview stops on Ctrl-C and SIGTERM by itself, as its normal end
        from . import serve

        return serve.run(args.root, host=args.host, port=args.port, drafts=args.drafts)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _new(args) if command == "new" else _build(args, write_output=command == "build")
    except (KeyboardInterrupt, Terminated) as stop:
        print("arsip: stopped; output/ is as it was", file=sys.stderr)
        return EXIT_TERMINATED if isinstance(stop, Terminated) else EXIT_INTERRUPTED
    except BuildFailed as failed:
        _report(failed.problems, args.language, quiet=False)
        return EXIT_PROBLEMS
    except Exception as exc:
        if os.environ.get("ARSIP_DEBUG"):
            raise
        saved = _save_traceback(args.root)
        where = f"; the details are in {saved}" if saved else ""
        print(f"arsip: internal error, a bug in Arsip rather than in your files: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_BUG
    finally:
        signal.signal(signal.SIGTERM, previous)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


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


def _build(args: argparse.Namespace, *, write_output: bool) -> int:
    started = time.perf_counter()
    config = pipeline.configure(args.root, drafts=getattr(args, "drafts", False))
    if write_output:
        if args.clean:
            shutil.rmtree(config.cache_dir, ignore_errors=True)
        session = Session.open(config.output_dir)
        shown = session.db.notice
        try:
            if shown:
                print(f"arsip: {shown}", file=sys.stderr)
            options = f"drafts={config.drafts}|strict={args.strict}|language={args.language.code}"
            inputs = stamp.input_digest(config, options)
            last = stamp.load_stamp(session.db)
            if inputs and last and last.inputs == inputs and last.outputs == stamp.output_digest(config):
                return _unchanged(last, args, started)
            session.db.forget_stamp()  # from here on the output may change; only a good build writes a new stamp
            with _no_cycle_collection():
                bar = _ProgressBar(enabled=not args.quiet and sys.stderr.isatty())
                try:
                    result = pipeline.build(config, strict=args.strict, progress=bar.update, session=session)
                finally:
                    bar.close()
            report = tuple(problem.format(args.language) for problem in result.problems)
            outputs = stamp.output_digest(config)
            if inputs and outputs is not None:
                stamp.save_stamp(session.db, stamp.Stamp(inputs, outputs, report, result.pages, result.releases))
        finally:
            if session.db.notice != shown:
                print(f"arsip: {session.db.notice}", file=sys.stderr)
            session.close()
    else:
        result = pipeline.check(config, strict=args.strict, external=args.external)
    _report(result.problems, args.language, quiet=True)
    if not args.quiet:
        seconds = time.perf_counter() - started
        verb = "Built" if write_output else "Checked"
        warnings = len(result.problems)
        tail = f"; {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        print(f"{verb} {_count(result.pages, 'page')} from {_count(result.releases, 'release')} in {seconds:.1f} s{tail}")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from ..model import validate
    from ..source import frontmatter, registry, tree
    from . import scaffold

    root = args.root.resolve()
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        print(f"build.py new: --date '{args.date}' is not a date written as YYYY-MM-DD", file=sys.stderr)
        return EXIT_USAGE
    config = pipeline.configure(root)
    content, _ = tree.load_content(config)
    directory, _ = registry.build_directory(content.registry)
    draft = scaffold.new_release(args.title, args.institution, directory, date=date, score=args.score, zone=args.zone)
    problems: list[Problem] = list(draft.refused)  # a value holding a line break or control character
    doc = None if problems else frontmatter.parse_doc(draft.text, draft.relative_path, "", problems)
    if doc:
        validate.validate_doc(doc, directory, frozenset(), config, problems)
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        _report(errors, args.language, quiet=True)
        print("nothing was written; run the command again with corrected values", file=sys.stderr)
        return EXIT_PROBLEMS
    target = root / draft.relative_path
    if target.exists():
        print(
            f"{draft.relative_path}: error: the file already exists; nothing was written (choose another title or edit that file)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as stream:
        stream.write(draft.text)
    if draft.suggestion:
        print(
            f"{draft.relative_path}: warning: '{draft.institution}' is not in content/institutions.toml "
            f"(did you mean '{draft.suggestion}'?)",
            file=sys.stderr,
        )
    print(draft.relative_path)
    return EXIT_OK


def _unchanged(last: stamp.Stamp, args: argparse.Namespace, started: float) -> int:
    """Nothing changed since the last good build: repeat its warnings and say so."""
    for line in last.report:
        print(line, file=sys.stderr)
    if not args.quiet:
        seconds = time.perf_counter() - started
        warnings = f"; {_count(len(last.report), 'warning')}" if last.report else ""
        print(
            f"Nothing changed: {_count(last.pages, 'page')} from {_count(last.releases, 'release')} up to date ({seconds:.1f} s){warnings}"
        )
    return EXIT_OK


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}" if number == 1 else f"{number:,} {word}s"


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Arsip: build the awards archive from content/ into output/.")
    _build_options(parser, default=False)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: the current folder)")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None, help=LANG_HELP)
    # Options are accepted before or after the command; after it, SUPPRESS keeps the earlier value when absent.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="project folder (default: the current folder)")
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=LANG_HELP)
    options = argparse.ArgumentParser(add_help=False)
    _build_options(options, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", parents=[common, options], help="build the site into output/ (the default)")
    check = commands.add_parser("check", parents=[common, options], help="run every check without writing output/")
    check.add_argument("--external", action="store_true", help="check links to other sites too (answers kept a day)")
    new = commands.add_parser("new", parents=[common], help="write a new release with a commented front-matter skeleton")
    new.add_argument("title")
    new.add_argument("--institution", required=True)
    new.add_argument("--date", help="publication date, YYYY-MM-DD (default: today)")
    new.add_argument("--score")
    new.add_argument("--zone")
    serve = commands.add_parser("serve", parents=[common], help="live preview at http://127.0.0.1:8000/")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--drafts", action="store_true", help="show releases marked draft: true (marked as drafts)")
    return parser


def _build_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument("--strict", action="store_true", default=default, help="treat warnings as errors")
    parser.add_argument("--quiet", action="store_true", default=default, help="print only problems")
    parser.add_argument("--drafts", action="store_true", default=default, help="include releases marked draft: true")
    parser.add_argument("--clean", action="store_true", default=default, help="forget the build cache (.arsip-cache/) first")
