"""The link check of the site as produced: what `build` and `check` hand to `model.checks`.

Input: the produced files (each page with the bodies and templates its record says it read), the
release bodies, the Markdown converter of the build's environment, the project folder. Output:
problems at the line where each broken link is written (`model.checks`): in a `build`, the links the
release bodies wrote, as warnings (errors under `--strict`); in `check`, every link of every page, as
errors; with `check --external`, the outside links too, asked about politely (`publish.external`).
Pages kept from the last build are read from output/ only when a link needs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..model import checks
from ..problems import Problem
from ..render.produce import Produced
from ..site.routes import Urls
from ..source.config import SiteConfig
from . import external as outside
from .files import File, OnDisk, Output

TIMEOUT_VARIABLE = "ARSIP_LINK_TIMEOUT"  # seconds to wait for an outside site's answer (default 10)


def check_links(
    produced: Produced,
    bodies: Mapping[str, str],
    urls: Urls,
    config: SiteConfig,
    environment: Any,
    markdown_store: Any = None,
    *,
    files: Iterable[File] | None = None,
    external: bool = False,
) -> list[Problem]:
    """The broken links of the site. With `files` (every file of the site, `check`): every link of every page, as
    errors. Without (`build`): the links release bodies wrote, as warnings (the search index is still being made:
    links into it are taken as sound)."""
    if environment is None:  # no page could be rendered: nothing to check
        return []
    converter = environment.filters["markdown"]
    html_files = {file.path: (page, file) for page, file, _ in produced.entries if file.path.endswith(".html")}
    if files is None:  # only the pages showing a body that may link are looked at (most are not, at every edit)
        may_link = {source for source, text in bodies.items() if checks.may_link(text)}
        linking = {f"body:{source}" for source in may_link}
        shown = [(page, file) for page, file in html_files.values() if linking and _reads_any(produced, file, linking)]
    else:
        may_link, shown = set(), list(html_files.values())
    pages = [_rendered(page, file, produced) for page, file in shown]
    sources = checks.Sources(
        body=bodies.get,
        html=lambda source: str(converter(bodies[source], source)) if source in bodies else None,
        read=lambda relative: _read(config.root / relative),
        media=urls.link("file", "media/"),
        templates=_relative(config.templates_dir, config.root),
    )
    if files is None:
        paths = {file.path for _, file, _ in produced.entries}
        exists = lambda path: path in paths or path.startswith("pagefind/")  # noqa: E731
        if markdown_store is not None:  # the bodies that may link, converted at once (most are known already)
            wanted = {source for page in pages for source in page.bodies if source in may_link}
            converter.convert_many([(bodies[source], source) for source in sorted(wanted)], markdown_store)
    else:
        paths = {file.path for file in files}
        exists = paths.__contains__
    locator = checks.Locator(sources)
    found = checks.links(pages, sources, templates=files is not None)
    text_of = lambda path: _text(html_files[path][1]) if path in html_files else None  # noqa: E731
    problems, far = checks.broken_links(found, checks.Pages(text_of), exists, urls, locator, "warning" if files is None else "error")
    if external and far:
        problems += outside.check(far, locator, config.cache_dir / outside.CACHE_FILE, urls.base_url, timeout())
    return problems


def timeout() -> float:
    """Seconds to wait for an outside site: $ARSIP_LINK_TIMEOUT, else 10."""
    try:
        seconds = float(os.environ.get(TIMEOUT_VARIABLE, ""))
    except ValueError:
        return outside.TIMEOUT
    return seconds if seconds > 0 else outside.TIMEOUT


def _reads_any(produced: Produced, file: File, names: set[str]) -> bool:
    record = produced.records.get(file.path)
    return record is not None and any(name in names for name, _ in record.reads)


def _rendered(page: Any, file: File, produced: Produced) -> checks.Rendered:
    record = produced.records.get(file.path)
    reads = [name for name, _ in record.reads] if record is not None else []
    bodies = tuple(sorted(name[5:] for name in reads if name.startswith("body:")))
    own = page.template
    others = sorted(name[9:] for name in reads if name.startswith("template:") and name[9:] != own)
    templates = tuple(([own] if own else []) + others)
    return checks.Rendered(file.path, lambda: _text(file), bodies, templates)


def _text(file: File) -> str | None:
    if isinstance(file, Output):
        return file.data.decode("utf-8", errors="replace")
    if isinstance(file, OnDisk):
        return _read(Path(file.file))
    return None


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None


def _relative(folder: Path, root: Path) -> str:
    try:
        return folder.relative_to(root).as_posix()
    except ValueError:
        return folder.as_posix()
