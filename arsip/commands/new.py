"""`build.py new`: a new release file, checked as the build checks it, and, on request, its institution registered.

Input: the parsed command line (title, `--institution`, `--date`, `--score`, `--zone`, `--register`,
`--kind`, `--province`, `--regency`) and the project. Output: `content/YEAR/DATE-slug.md` (and, with `--register`
for an institution the registry does not know, the `[[institution]]` lines appended to
`content/institutions.toml`), its path on stdout, and status 0; or the problems, in the editor's
language, status 1 and nothing written (status 2 for `--province` on a site without places,
`geography = []`, and for `--regency` on a site whose geography has no `regency`). An unregistered institution
without `--register` is written with a warning that offers the closest registered name and the way to register it
(with the options of the site's levels of place).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tomllib
from dataclasses import dataclass

from .. import pipeline
from ..i18n import tr
from ..model import suggest, validate
from ..problems import Problem, error, warning
from ..publish import safety
from ..source import frontmatter, registry, tree
from ..source.registry import Directory
from ..source.tree import Registry
from . import scaffold
from .cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, _report, _say


def run(args: argparse.Namespace) -> int:
    """`build.py new`: the release written (and its institution registered), or the problems and nothing written."""
    root = args.root.resolve()
    try:
        date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    except ValueError:
        _say(args.language, tr("build.py new: --date '{date}' is not a date written as YYYY-MM-DD", date=args.date), file=sys.stderr)
        return EXIT_USAGE
    config = pipeline.configure(root)
    places = config.programme.geography
    if args.province is not None and not places:
        message = tr("build.py new: --province is not for this site: site_config.toml says geography = [] (no places)")
        _say(args.language, message, file=sys.stderr)
        return EXIT_USAGE
    if args.regency is not None and "regency" not in places:
        message = tr("build.py new: --regency is not for this site: site_config.toml's geography has no 'regency'")
        _say(args.language, message, file=sys.stderr)
        return EXIT_USAGE
    content, _ = tree.load_content(config)
    directory, _ = registry.build_directory(content.registry, config.programme.kinds, places)
    draft = scaffold.new_release(args.title, args.institution, directory, date=date, score=args.score, zone=args.zone)
    problems: list[Problem] = list(draft.refused)  # a value holding a line break or control character
    known = directory.resolve(args.institution) is not None
    entry = _registration(args, content.registry, directory, places, problems) if args.register and not known else None
    if entry:
        directory = entry.directory
    doc = None if problems else frontmatter.parse_doc(draft.text, draft.relative_path, "", problems)
    if doc:
        validate.validate_doc(doc, directory, frozenset(), config, problems)
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        _report(errors, args.language, quiet=True)
        _say(args.language, tr("nothing was written; run the command again with corrected values"), file=sys.stderr)
        return EXIT_PROBLEMS
    target = root / draft.relative_path
    if target.exists():
        exists = tr("the file already exists; nothing was written")
        _report([error(draft.relative_path, None, exists, tr("choose another title or edit that file"))], args.language, quiet=True)
        return EXIT_PROBLEMS
    if entry:
        safety.replace(root / entry.path, entry.text.encode("utf-8"))
        _say(args.language, tr("registered '{name}' in {path}", name=draft.institution, path=entry.path), file=sys.stderr)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as stream:
        stream.write(draft.text)
    if not known and not entry:
        _report([_unregistered(draft, suggest.suggestion(directory, args.institution), places)], args.language, quiet=True)
    print(draft.relative_path)
    return EXIT_OK


@dataclass(frozen=True, slots=True)
class _Entry:
    """The registry with a new institution in it: its file, its whole new text, and the directory it makes."""

    path: str
    text: str
    directory: Directory


def _registration(
    args: argparse.Namespace, current: Registry | None, directory: Directory, places: tuple[str, ...], problems: list[Problem]
) -> _Entry | None:
    """The registry with `--institution` added (checked as the build checks it), or None with the problems why not."""
    path = current.path if current else f"content/{tree.REGISTRY_FILE}"
    lines, refused = scaffold.registration(
        args.institution, directory, path, kind=args.kind, province=args.province, regency=args.regency
    )
    problems.extend(refused)
    if refused:
        return None
    before = current.text.rstrip("\n") + "\n\n" if current and current.text.strip() else ""
    text = before + lines
    updated, found = registry.build_directory(Registry(path, tomllib.loads(text), text), directory.kinds, places)
    already = {problem.format() for problem in registry.build_directory(current, directory.kinds, places)[1]}
    new_problems = [problem for problem in found if problem.is_error and problem.format() not in already]
    problems.extend(new_problems)
    return None if new_problems else _Entry(path, text, updated)


def _unregistered(draft: scaffold.Draft, meant: str | None, places: tuple[str, ...]) -> Problem:
    """The warning for a release about an institution the registry does not know, with the way out: `--register`,
    and the options of the site's levels of place (none on a national site)."""
    unknown = tr("'{name}' is not in content/institutions.toml", name=draft.institution)
    if meant and not places:
        hint = tr("did you mean '{name}'? If it is another institution, add --register to register it", name=meant)
    elif meant and "regency" in places:
        hint = tr(
            "did you mean '{name}'? If it is another institution, add --register (and --province, --regency) to register it",
            name=meant,
        )
    elif meant:
        hint = tr(
            "did you mean '{name}'? If it is another institution, add --register (and --province) to register it", name=meant
        )
    elif not places:
        hint = tr("to register it, run the command again with --register")
    elif "regency" in places:
        hint = tr("to register it, run the command again with --register (and --province, --regency)")
    else:
        hint = tr("to register it, run the command again with --register (and --province)")
    return warning(draft.relative_path, None, unknown, hint)
