"""`build.py init PATH` (`arsip init PATH`): a new archive, ready to edit, built once.

Input: the parsed command line (the folder to make, the editor's language). Output: in that folder, the package's
starter project (`arsip/starter`: a commented site_config.toml with a sample programme, content/institutions.toml and
two sample releases that say they are sample content), then the site built into its output/ as `build` does; each
file's path and the next steps in the editor's language, status 0. A folder that already holds a site_config.toml or
content/ is left untouched: one problem, status 1, nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import tr
from ..problems import error
from ..render.compiled import CompiledTemplates
from .cli import EXIT_OK, EXIT_PROBLEMS, _build, _report, _say

STARTER = Path(__file__).resolve().parent.parent / "starter"


def starter_files() -> list[str]:
    """The starter project's files, relative to its folder, in a fixed order."""
    return sorted(path.relative_to(STARTER).as_posix() for path in STARTER.rglob("*") if path.is_file())


def run(args: argparse.Namespace, *, compiled: CompiledTemplates | None = None) -> int:
    """Write the starter project into `args.path` and build it; or say why not and write nothing. `compiled`: as for
    `cli.main`, the templates compiled by earlier commands of this process."""
    target: Path = args.path.resolve()
    taken = [name for name in ("site_config.toml", "content") if (target / name).exists()]
    if taken:
        problem = error(
            taken[0],
            None,
            tr("{path} already holds a project; init writes only into a new or empty folder", path=str(target)),
            tr("choose another folder, e.g.  arsip init arsip-baru"),
        )
        _report([problem], args.language, quiet=True)
        return EXIT_PROBLEMS
    for relative in starter_files():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("xb") as stream:
            stream.write((STARTER / relative).read_bytes())
        print(destination)
    wrote = tr("Wrote a sample archive in {path}; its releases and institutions are sample content.", path=str(target))
    _say(args.language, wrote)
    args.root = target
    code = _build(args, write_output=True, compiled=compiled)
    if code == EXIT_OK:
        following = tr("Next: edit site_config.toml and content/, and preview the site with: arsip serve --root {path}", path=str(target))
        _say(args.language, following)
    else:
        failed = tr("the sample archive was written but did not build; the problems are above")
        _say(args.language, failed, file=sys.stderr)
    return code
