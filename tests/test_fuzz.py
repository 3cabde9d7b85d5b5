"""Fuzzing: whatever the front-matter and the body, a build ends in a site or in reported problems.

Hypothesis writes release files (front-matter from arbitrary YAML values: nested lists and fields,
any Unicode, huge and tiny numbers, odd dates; near-valid releases with some fields gone wrong;
broken YAML and binary bytes; Markdown bodies with raw HTML) and runs the real pipeline in-process,
`configure` once and `build` per example into a temporary project. Every example must end in a
built site or in `BuildFailed` carrying problems about the content files, each one line; any
other exception fails the test, and no file outside output/ (and its spare folder) may change.

Two things are changed for speed, neither of them in what is checked: templates are compiled once
(a Jinja bytecode cache shared by the builds), and in the 2,000-example run the Pagefind search index,
built by an external program from the rendered pages, is left out; a second run of 100 examples keeps
it. The configuration and registry readers are fuzzed directly, without a build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sitetools import REPO, copy_project, cut_registry, sample_kinds

from arsip import pipeline
from arsip.model.validate import AWARD_KEYS, RELEASE_KEYS, SLUG_MAX
from arsip.problems import BuildFailed, Problem
from arsip.session import Session
from arsip.source import config as site_config
from arsip.source import registry
from arsip.source.config import SiteConfig
from arsip.source.registry import make_slug, name_key
from arsip.source.tree import Registry

KINDS = sample_kinds()
SAMPLE_KIND_NAMES = [kind.name for kind in KINDS]

FUZZ = settings(
    max_examples=2000,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        "—",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "../../etc/passwd",
        "/etc/passwd",
        "C:\\Windows\\win.ini",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "https://example.org/rilis",
        "=1+1",
        "@SUM(A1)",
        "+62",
        "-1",
        "\u202egnp.exe",
        "\ufeff",
        "\x7f",
        "93,68",
        "93.68",
        "100,00",
        "1e309",
        ".nan",
        ".inf",
        "0x1F",
        "١٢٣",
        "²",
        "hijau",
        "Zona Merah",
        "GREEN",
        "kuning",
        "Kualitas Tertinggi",
        "Pemkot Jambi",
        "Pemerintah Kota Jambi",
        "Polres Kulon Progo",
        "2024-02-30",
        "2024-12-03",
        "1999-12-31",
        "9999-12-31",
        "0001-01-01",
        "2024-13-01",
        "24-12-03",
        "2024-12-03T10:00:00+07:00",
        "yes",
        "null",
        "~",
        "---",
        "...",
        "{{ 7*7 }}",
        "{% include 'base.html' %}",
        "%s%n",
        "\\",
        "'",
        '"',
        "a" * 300,
    ]
)
KEYS = st.one_of(st.sampled_from(RELEASE_KEYS + AWARD_KEYS), st.text(max_size=12), st.integers(), st.booleans(), st.none())
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(),
    st.text(max_size=40),
    ODD_TEXT,
    st.dates(),
    st.dates().map(dt.date.isoformat),
    st.datetimes(),
    st.decimals(places=3, allow_nan=False, allow_infinity=False).map(str),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=8)
NAME_LIST = ("Pemkot Jambi", "Pemerintah Kota Jambi", "Kota Jambi", "Pemprov Banten", "Polres Kulon Progo", "Kantah Tala")
NAME_LIST += ("Kementerian Uji",)
NAMES = st.sampled_from(NAME_LIST)
TEXT = st.text(min_size=1, max_size=60).filter(str.strip)  # any Unicode: control characters too, which a value may not hold
# Text a front-matter value may hold: no control character (YAML writes it as an escape, which the build refuses),
# no lone surrogate and neither of the two non-characters XML forbids (U+FFFE, U+FFFF).
PLAIN_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"), min_size=1, max_size=60
).filter(str.strip)
SCORES = st.one_of(
    st.decimals(min_value=0, max_value=100, places=2).map(str),
    st.decimals(min_value=0, max_value=100, places=2).map(lambda d: str(d).replace(".", ",")),
    st.integers(min_value=0, max_value=100),
)
ZONES = st.sampled_from(["hijau", "kuning", "merah", "Zona Hijau", "green", "RED"])
SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


def _rubric_years() -> frozenset[int]:
    """The assessment years a general period of the project's rubric covers (site_config.toml: none for 2020)."""
    periods = tomllib.loads((REPO / "site_config.toml").read_text(encoding="utf-8"))["rubric"]
    return frozenset(
        year for period in periods if not period.get("kinds") for year in range(period["first_year"], period.get("last_year", 2100) + 1)
    )


RUBRIC_YEARS = _rubric_years()
# The sample registry cut to the institutions NAMES calls and those with former names (their redirects): every build
# here makes a page, feeds, a card and a badge for each registered institution, and fifty more only cost time.
REGISTRY = cut_registry(
    (REPO / "content" / "institutions.toml").read_text(encoding="utf-8"),
    lambda entry: bool({entry["name"], *entry.get("aliases", ())} & set(NAME_LIST)) or bool(entry.get("former")),
)
DIRECTORY, _ = registry.build_directory(Registry("content/institutions.toml", tomllib.loads(REGISTRY), ""), KINDS, ("province",))


@st.composite
def releases(draw: st.DrawFn, *, spoil: bool, text: st.SearchStrategy[str] = TEXT) -> dict[Any, Any]:
    """A release with some optional fields, its text drawn from `text`; with `spoil`, one field replaced by any value
    (or dropped). Without `spoil` and with `PLAIN_TEXT` it is valid: its assessment year is one the rubric covers."""
    institutions = NAMES | text | ODD_TEXT.filter(str.strip)
    covered = (lambda year: True) if spoil else RUBRIC_YEARS.__contains__
    date = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 12, 31)).filter(lambda day: covered(day.year)))
    meta: dict[Any, Any] = {"title": draw(text | ODD_TEXT.filter(str.strip)), "date": date.isoformat(), "institution": draw(institutions)}
    award = st.fixed_dictionaries(
        {"institution": institutions},
        optional={"score": SCORES, "zone": ZONES, "rank": text, "category": st.sampled_from(["Kualitas Tinggi"])},
    )
    optional = {
        "year": st.integers(min_value=max(2000, date.year - 3), max_value=date.year + 1).filter(covered),
        "score": SCORES,
        "zone": ZONES,
        "category": st.sampled_from(["Kualitas Tertinggi", "Kepatuhan Sedang", "Opini Baik"]),
        "rank": text,
        "source": st.sampled_from(["https://example.org/rilis", "http://ombudsman.go.id/x?y=1#z"]),
        "summary": text,
        "tags": st.lists(text, max_size=4),
        "image": st.just("foto.png"),
        "image_caption": text,
        "draft": st.booleans(),
        "slug": SLUGS,
        "awards": st.lists(award, max_size=2),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True, max_size=7)):
        meta[key] = draw(optional[key])
    if spoil:
        key = draw(st.sampled_from([*RELEASE_KEYS, "extra"]))
        if draw(st.booleans()):
            meta.pop(key, None)
        else:
            meta[key] = draw(VALUES)
    return meta


ANY_FIELDS = st.dictionaries(KEYS, VALUES, max_size=8)
SNIPPETS = st.sampled_from(
    [
        "# Judul",
        "## Sub *judul*",
        "- satu\n- dua\n  - tiga",
        "1. a\n2. b",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "> kutipan",
        "```\nkode <script>\n```",
        "[tautan](https://example.org)",
        "[jahat](javascript:alert(1))",
        "![gambar](foto.png)",
        "![luar](../../../etc/passwd)",
        "![data](data:image/png;base64,AAAA)",
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<iframe src=//example.org></iframe>",
        "<div><p>tidak ditutup",
        "</div></table>",
        "---",
        "***",
        "{{ site.title }}",
        "&amp; &lt; &#0; &#x110000;",
        "\\",
        "*" * 200,
        "[x]: javascript:alert(1)\n[y][x]",
    ]
)
BODIES = st.lists(SNIPPETS | st.text(max_size=40), max_size=6).map("\n\n".join)
# A body the build accepts: no NUL (a NUL makes the file binary); other control characters are replaced with a
# warning. The free text leaves out what the Markdown guard counts ('[', '(', '<' never closed, '>' and tab
# nesting), and at 24 characters a line cannot nest lists deeper than the guard allows; the snippets bring links and HTML.
VALID_BODIES = st.lists(
    SNIPPETS | st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\t[(<>"), max_size=24), max_size=6
).map("\n\n".join)


def document(meta: Any, body: str) -> bytes:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n\n{body}\n".encode()


def release_slug(meta: dict[str, Any]) -> str:
    """The slug the build gives a release: its own `slug:`, else its date and title (as `validate` makes it)."""
    if "slug" in meta:
        return meta["slug"]
    title = re.sub(r"\s+", " ", meta["title"]).strip()
    return f"{meta['date']}-{make_slug(title, SLUG_MAX)}".rstrip("-")


@st.composite
def valid_files(draw: st.DrawFn, *, max_size: int) -> list[bytes]:
    """1 to `max_size` release files a build must accept. Besides each release being valid, the files agree with
    each other: every release has its own slug, and two different institution names never share a page (an
    unregistered name whose slug is taken, by a registered institution or by another name, is replaced by that name)."""
    pages = {entry.slug: entry.name for entry in DIRECTORY.entries}
    slugs: set[str] = set()
    files = []
    for _ in range(draw(st.integers(min_value=1, max_value=max_size))):
        meta = draw(releases(spoil=False, text=PLAIN_TEXT))
        for fields in (meta, *meta.get("awards", ())):
            ref = DIRECTORY.resolve(fields["institution"]) or DIRECTORY.unregistered(fields["institution"])
            known = pages.setdefault(ref.slug, ref.name)
            if name_key(known) != name_key(ref.name):
                fields["institution"] = known
        slug, number = release_slug(meta), 2
        while slug in slugs:
            slug, number = f"{release_slug(meta)}-{number}", number + 1
        if slug != release_slug(meta):
            meta["slug"] = slug
        slugs.add(slug)
        files.append(document(meta, draw(VALID_BODIES)))
    return files


VALID_FILES = valid_files(max_size=1).map(lambda files: files[0])
VALID_LISTS = valid_files(max_size=2)
FILES = st.one_of(
    VALID_FILES,
    st.builds(document, releases(spoil=True), BODIES),
    st.builds(document, ANY_FIELDS, BODIES),
    st.builds(document, VALUES, BODIES),
    st.builds(lambda front, body: f"---\n{front}\n---\n{body}".encode(), st.text(max_size=120), BODIES),
    st.text(max_size=200).map(str.encode),
    st.binary(max_size=200),
)


@dataclass
class FuzzSite:
    root: Path
    configs: tuple[SiteConfig, SiteConfig]  # drafts left out, drafts shown
    session: Session

    def outside(self) -> dict[str, tuple[int, int]]:
        """Size and timestamp of every file in the project folder outside output/ and its spare."""
        found = {}
        for current, dirs, files in os.walk(self.root.parent):
            here = Path(current)
            dirs[:] = [name for name in dirs if here / name not in (self.root / "output", self.root / ".arsip-cache" / "output-previous")]
            for name in files:
                if here == self.root / ".arsip-cache" and name.startswith("build-output.db"):
                    continue  # the build database: what the build keeps for the next one
                info = (here / name).lstat()
                found[(here / name).relative_to(self.root.parent).as_posix()] = (info.st_size, info.st_mtime_ns)
        return found


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzSite]:
    root = copy_project(tmp_path_factory.mktemp("fuzz") / "site", with_content=False)
    (root / "content" / "institutions.toml").write_text(REGISTRY, encoding="utf-8")
    shutil.copy2(REPO / "tests" / "data" / "pixel.png", root / "content" / "foto.png")
    configs = (pipeline.configure(root), pipeline.configure(root, drafts=True))
    yield FuzzSite(root, configs, Session.open(root / "output"))  # one session: the templates are compiled once


def build_and_check(site: FuzzSite, files: list[bytes], drafts: bool, *, valid: bool, search: bool = True) -> None:
    """Build `files` as the content; `valid` files must make a site, any others a site or reported problems."""
    content = site.root / "content"
    for old in content.glob("*.md"):
        old.unlink()
    for number, data in enumerate(files):
        (content / f"rilis-{number}.md").write_bytes(data)
    before = site.outside()
    try:
        result = pipeline.build(site.configs[drafts], session=site.session, search=search)
    except BuildFailed as failed:
        assert any(problem.is_error for problem in failed.problems)
        check_problems(failed.problems)
        if valid:
            pytest.fail("valid releases were refused:\n" + "\n".join(problem.format() for problem in failed.problems), pytrace=False)
        event("reported problems")
    else:
        assert (site.root / "output" / "index.html").is_file()
        check_problems(result.problems)
        event(f"built a site of {result.releases} release(s)")
    assert site.outside() == before, "a file outside output/ changed"


def check_problems(problems: tuple[Problem, ...]) -> None:
    """Problems are about the content (valid content always renders) and each prints as one line."""
    for problem in problems:
        assert problem.path.startswith("content/"), problem.format()
        assert problem.message and "\n" not in problem.format() and "Traceback" not in str(problem.message), problem.format()


# Content to build, and whether the build must accept it: valid lists must build; lists of any files, valid ones
# among them, may build or be refused with reported problems.
CONTENTS = VALID_LISTS.map(lambda files: (True, files)) | st.lists(FILES, min_size=1, max_size=2).map(lambda files: (False, files))


@FUZZ
@given(files=CONTENTS, drafts=st.booleans())
def test_any_release_builds_or_is_reported(fuzz_site: FuzzSite, files: tuple[bool, list[bytes]], drafts: bool) -> None:
    valid, content = files
    build_and_check(fuzz_site, content, drafts, valid=valid, search=False)  # Pagefind, an external program, in the run below


@settings(FUZZ, max_examples=100)
@given(files=VALID_LISTS)
def test_any_release_builds_with_its_search_index(fuzz_site: FuzzSite, files: list[bytes]) -> None:
    build_and_check(fuzz_site, files, False, valid=True)


TOML_SCALARS = st.one_of(st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.dates(), st.datetimes())
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | st.sampled_from(list(site_config.BAND_KEYS)), inner, max_size=3)
    ),
    max_leaves=8,
)
BAND = st.dictionaries(st.sampled_from(list(site_config.BAND_KEYS)) | st.text(max_size=5), TOML_VALUES | st.integers(0, 110), max_size=5)
PERIOD = st.fixed_dictionaries(
    {},
    optional={
        "label": st.text(max_size=10) | TOML_VALUES,
        "first_year": st.integers(1990, 2030) | TOML_VALUES,
        "last_year": st.integers(1990, 2030) | TOML_VALUES,
        "scale": st.integers(1, 200) | st.floats() | TOML_VALUES,
        "kinds": st.lists(st.sampled_from(SAMPLE_KIND_NAMES) | st.text(max_size=5), max_size=2) | TOML_VALUES,
        "bands": st.lists(BAND, max_size=3) | TOML_VALUES,
    },
)
PERMALINK = st.one_of(
    st.sampled_from(list(site_config.DEFAULT_PERMALINKS.values())),
    st.text(max_size=20),
    st.from_regex(r"/[a-z{}./%-]{0,12}/", fullmatch=True),
)
CONFIGS = st.fixed_dictionaries(
    {},
    optional={
        "title": st.text(max_size=10) | TOML_VALUES,
        "base_url": st.sampled_from(["https://example.org/", "http://x/y", "ftp://x", ""]) | TOML_VALUES,
        "language": st.sampled_from(["id", "en", "fr"]) | TOML_VALUES,
        "home_releases": st.integers() | TOML_VALUES,
        "allow_raw_html": TOML_VALUES,
        "permalinks": st.dictionaries(
            st.sampled_from(list(site_config.DEFAULT_PERMALINKS)) | st.text(max_size=5), PERMALINK | TOML_VALUES, max_size=4
        )
        | TOML_VALUES,
        "rubric": st.lists(PERIOD | TOML_VALUES, max_size=3) | TOML_VALUES,
    },
) | st.dictionaries(st.text(max_size=10), TOML_VALUES, max_size=5)


@settings(FUZZ, max_examples=500)
@given(raw=CONFIGS)
def test_any_site_config_is_read_or_reported(raw: dict[str, Any]) -> None:
    config, problems = site_config.parse_config(Path("/nonexistent"), raw, "")
    assert (config is None) == bool(problems)
    for problem in problems:
        assert problem.path == site_config.CONFIG_FILE and "\n" not in problem.format()
    if config is not None:
        for _, pattern in config.permalinks:
            assert ".." not in pattern and pattern.startswith("/") and pattern.endswith("/")


ENTRY = (
    st.fixed_dictionaries(
        {},
        optional={
            "name": st.text(max_size=20) | TOML_VALUES,
            "slug": st.from_regex(r"[a-z0-9-]{0,10}", fullmatch=True) | TOML_VALUES,
            "kind": st.sampled_from(SAMPLE_KIND_NAMES) | TOML_VALUES,
            "province": TOML_VALUES,
            "aliases": st.lists(st.text(max_size=10), max_size=3) | TOML_VALUES,
        },
    )
    | TOML_VALUES
)


@settings(FUZZ, max_examples=500)
@given(
    data=st.fixed_dictionaries({}, optional={"institution": st.lists(ENTRY, max_size=4) | TOML_VALUES})
    | st.dictionaries(st.text(max_size=8), TOML_VALUES)
)
def test_any_registry_is_read_or_reported(data: dict[str, Any]) -> None:
    directory, problems = registry.build_directory(Registry("content/institutions.toml", data, ""), KINDS, ("province",))
    assert all(problem.path == "content/institutions.toml" for problem in problems)
    for entry in directory.entries:
        assert directory.resolve(entry.name) is not None
