"""Bad input, hostile content and reproducibility: the site survives what editors and attackers write.

Bad input, one case at a time: the exact lines the build prints, its exit status, output/ untouched.

Every case starts from a small built site (one good release) and adds one bad input. The build must
print exactly the expected lines on stderr (never a traceback), exit with status 1 (0 for the inputs
that must simply work) and, when it fails, leave output/ as it was, bytes and timestamps. Each case is
built in both languages, by `main`, the function build.py runs, in this process (`sitetools.run_here`): in
Indonesian (`ARSIP_LANG=id`, lines in tests/robustness_indonesian.py, each one reviewed against its
English line) and in English (`EXPECTED` below). One more run per language puts every content problem
into one site at once: all of them are reported together.

docs/robustness.md is generated from these tables (the expected lines are checked against real
builds above it); after changing a message, rewrite it with
    ARSIP_WRITE_DOCS=1 .venv/bin/python -m pytest tests/test_robustness.py -k docs

Hostile content (a title, name, rank or tag of `<script>…`, raw HTML in bodies, formula-like CSV
cells, paths that would leave output/) comes after the table, then the reproducibility check: two
builds under different time zones, locales and hash seeds give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from robustness_indonesian import INDONESIAN
from sitetools import REPO, copy_project, run_here, template_file, tree_bytes, tree_state

from arsip.problems import BuildFailed
from arsip.publish import write
from arsip.publish.files import Output

DOCS = REPO / "docs" / "robustness.md"
GOOD = "---\ntitle: Rilis Baik\ndate: 2024-12-03\ninstitution: Pemkot Jambi\nscore: 93,68\n---\n\nIsi rilis.\n"
HEAD = "---\ntitle: Rilis Uji\ndate: 2024-12-03\ninstitution: Pemkot Jambi\n"
MEGABYTE = 1024 * 1024
CONFIG = """title = "Arsip Uji"
base_url = "https://example.org/"
language = "id"
home_releases = 8
translations = ["en"]
[permalinks]
release = "/rilis/{slug}/"

[[rubric]]
label = "Penilaian Kepatuhan 2022-2024"
first_year = 2022
last_year = 2024
scale = 100
bands = [
  { min = 88, max = 100, zone = "hijau", category = "Kualitas Tertinggi", letter = "A" },
  { min = 0, max = 87.99, zone = "merah", category = "Lainnya", letter = "E" },
]
"""
# The sample programme's grades, kinds and words (site_config.toml from its [[grade]] tables on), after the above.
_SAMPLE = (REPO / "site_config.toml").read_text(encoding="utf-8")
RUBRIC = CONFIG[CONFIG.index("[[rubric]]") :]
CONFIG += "\n" + _SAMPLE[_SAMPLE.index("[[grade]]") : _SAMPLE.index("# Every URL")] + _SAMPLE[_SAMPLE.index("[strings.id]") :]
REGISTRY = '[[institution]]\nname = "Pemerintah Kota Jambi"\nslug = "kota-jambi"\naliases = ["Pemkot Jambi"]\n'

Setup = Callable[[Path, Path], None]  # (project root, the case's folder under content/)


@dataclass(frozen=True)
class Case:
    """One bad input: what it is, how to make it, and exactly what the build must say."""

    name: str
    what: str
    files: dict[str, str | bytes] = field(default_factory=dict)  # written into the case's folder
    setup: Setup | None = None
    status: int = 1
    combined: bool = True  # one of the problems of the run that has them all
    shows: str | None = None  # a title the built site must contain (inputs that must work)


def release(extra: str = "", body: str = "Isi.\n", head: str = HEAD) -> str:
    return f"{head}{extra}---\n\n{body}"


def news(title: str) -> str:
    """A valid release without a result (so that it agrees with every other release)."""
    return f"---\ntitle: {title}\ndate: 2024-11-0{len(title) % 9 + 1}\ninstitution: Pemkot Jambi\n---\n\nIsi.\n"


def summary(errors: int, warnings: int = 0, files: int = 1) -> str:
    plural = {1: ""}
    return f"{errors} error{plural.get(errors, 's')}, {warnings} warning{plural.get(warnings, 's')} in {files} file{plural.get(files, 's')}"


def ringkasan(errors: int, warnings: int = 0, files: int = 1) -> str:
    """The summary line in Indonesian, which has no plural forms."""
    return f"{errors} kesalahan, {warnings} peringatan di {files} berkas"


def symlink_out(root: Path, folder: Path) -> None:
    outside = root.parent / "di-luar.md"
    outside.write_text(news("Di Luar"), encoding="utf-8")
    (folder / "tautan.md").symlink_to(outside)


def symlink_folder_out(root: Path, folder: Path) -> None:
    outside = root.parent / "folder-luar"
    outside.mkdir(exist_ok=True)
    (outside / "a.md").write_text(news("Folder Luar"), encoding="utf-8")
    (folder / "tautan-folder").symlink_to(outside, target_is_directory=True)


def folder_named_md(root: Path, folder: Path) -> None:
    (folder / "x.md").mkdir()


def named_pipe(root: Path, folder: Path) -> None:
    os.mkfifo(folder / "pipa.md")


def content_missing(root: Path, folder: Path) -> None:
    shutil.rmtree(root / "content")


def content_a_file(root: Path, folder: Path) -> None:
    shutil.rmtree(root / "content")
    (root / "content").write_text("rilis\n", encoding="utf-8")


def content_without_releases(root: Path, folder: Path) -> None:
    for release in (root / "content").glob("*.md"):
        release.unlink()


def templates_a_file(root: Path, folder: Path) -> None:
    shutil.rmtree(root / "templates")
    (root / "templates").write_text("templat\n", encoding="utf-8")


BROKEN = "---\ntitle: [tidak ditutup\n---\n"
LEFTOVERS = ("#rilis.md#", "rilis.md~", ".rilis.md.swp", "rilis.md.bak", "rilis.md.orig", ".#rilis.md", "foto.png.tmp")


def dangling_link(root: Path, folder: Path) -> None:
    (folder / "hilang.md").symlink_to(folder / "tidak-ada.md")


def link_loop(root: Path, folder: Path) -> None:
    (folder / "putar-a.md").symlink_to("putar-b.md")
    (folder / "putar-b.md").symlink_to("putar-a.md")


def unreadable(root: Path, folder: Path) -> None:
    path = folder / "rahasia.md"
    path.write_text(news("Rahasia"), encoding="utf-8")
    path.chmod(0o000)


def unreadable_folder(root: Path, folder: Path) -> None:
    (folder / "rahasia").mkdir()
    (folder / "rahasia" / "a.md").write_text(news("Rahasia"), encoding="utf-8")
    (folder / "rahasia").chmod(0o000)


def unreadable_template(root: Path, folder: Path) -> None:
    (template_file(root, "zones.html")).chmod(0o000)


def template_not_utf8(root: Path, folder: Path) -> None:
    path = template_file(root, "zones.html")
    path.write_bytes(path.read_bytes().replace(b"</h1>", "Zona \u00e9</h1>".encode("latin-1"), 1))


def name_not_utf8(root: Path, folder: Path) -> None:
    (folder / os.fsdecode(b"caf\xe9.md")).write_text(news("Kafe"), encoding="utf-8")


def huge(root: Path, folder: Path) -> None:
    line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 4 + "\n"
    with (folder / "besar.md").open("w", encoding="utf-8") as stream:
        stream.write(release())
        while stream.tell() < 20 * MEGABYTE:
            stream.write(line * 1000)


def garbage(root: Path, folder: Path) -> None:
    (folder / "acak.md").write_bytes(random.Random(6).randbytes(4096))


def site_config(text: str) -> Setup:
    def setup(root: Path, folder: Path) -> None:
        (root / "site_config.toml").write_bytes(text.encode("utf-8"))

    return setup


def registry(text: str) -> Setup:
    def setup(root: Path, folder: Path) -> None:
        (root / "content" / "institutions.toml").write_text(text, encoding="utf-8")

    return setup


def template(name: str, line: int, text: str) -> Setup:
    def setup(root: Path, folder: Path) -> None:
        path = template_file(root, name)
        lines = path.read_text(encoding="utf-8").splitlines()
        lines.insert(line - 1, text)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return setup


def output_is_a_file(root: Path, folder: Path) -> None:
    shutil.rmtree(root / "output")
    (root / "output").write_text("bukan folder\n", encoding="utf-8")


def content_index_html(root: Path, folder: Path) -> None:
    (root / "content" / "index.html").write_text("<h1>Bukan beranda</h1>\n", encoding="utf-8")


def huge_picture(root: Path, folder: Path) -> None:
    with (folder / "foto-besar.jpg").open("wb") as stream:
        stream.write(b"\xff\xd8\xff\xe0")
        stream.truncate(30 * MEGABYTE)  # sparse: the build must refuse it by its size, unread


def theme_file_on_a_page(root: Path, folder: Path) -> None:
    moved = CONFIG.replace('release = "/rilis/{slug}/"', 'release = "/rilis/{slug}/"\nsearch = "/static/cari/"')
    site_config(moved + '\n[redirects]\ngone = ["/cari/"]\n')(root, folder)  # the search page's old address, let go
    (root / "templates" / "static" / "cari").mkdir(parents=True, exist_ok=True)
    (root / "templates" / "static" / "cari" / "index.html").write_text("<p>lama</p>\n", encoding="utf-8")


def about(institution: str, title: str) -> str:
    return news(title).replace("institution: Pemkot Jambi", f"institution: {institution}")


SCRIPT = "<script>alert(document.cookie)</script>\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n'
LONG_NAME = "Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan Terpadu Satu Pintu Kabupaten"


CASES: tuple[Case, ...] = (
    Case("invalid-yaml", "invalid YAML: a quote never closed", {"rilis.md": '---\ntitle: "Rilis Uji\ndate: 2024-12-03\n---\n\nIsi.\n'}),
    Case("invalid-yaml-colon", "invalid YAML: a second colon in a value", {"rilis.md": release("", head="---\ntitle: Nilai: 93\n")}),
    Case("no-front-matter", "no front-matter", {"rilis.md": "Hanya teks, tanpa front-matter.\n"}),
    Case("front-matter-not-closed", "front-matter without its closing `---`", {"rilis.md": "---\ntitle: Rilis Uji\n\nIsi.\n"}),
    Case("front-matter-list", "front-matter that is a list", {"rilis.md": "---\n- title\n- date\n---\n\nIsi.\n"}),
    Case("front-matter-scalar", "front-matter that is a single value", {"rilis.md": "---\nRilis Uji\n---\n\nIsi.\n"}),
    Case("front-matter-empty", "empty front-matter", {"rilis.md": "---\n---\n\nIsi.\n"}),
    Case("missing-fields", "required fields missing", {"rilis.md": "---\ndate: 2024-12-03\n---\n\nIsi.\n"}),
    Case("empty-fields", "required fields empty", {"rilis.md": '---\ntitle:\ndate: 2024-12-03\ninstitution: ""\n---\n\nIsi.\n'}),
    Case(
        "title-list",
        "a list as title",
        {"rilis.md": "---\ntitle: [Rilis, Uji]\ndate: 2024-12-03\ninstitution: Pemkot Jambi\n---\n\nIsi.\n"},
    ),
    Case("date-not-in-calendar", "`date: 2024-02-30`", {"rilis.md": release(head=HEAD.replace("2024-12-03", "2024-02-30"))}),
    Case("date-format", "a date not written YYYY-MM-DD", {"rilis.md": release(head=HEAD.replace("2024-12-03", "3 Desember 2024"))}),
    Case("date-before-2000", "a date before 2000", {"rilis.md": release(head=HEAD.replace("2024-12-03", "1999-12-03"))}),
    Case("date-far-ahead", "a date after next year", {"rilis.md": release(head=HEAD.replace("2024-12-03", "2999-12-03"))}),
    Case("score-abc", "`score: abc`", {"rilis.md": release("score: abc\n")}),
    Case("score-nan", "`score: .nan`", {"rilis.md": release("score: .nan\n")}),
    Case("score-negative", "`score: -3`", {"rilis.md": release("score: -3\n")}),
    Case("score-above-scale", "a score above the scale", {"rilis.md": release("score: 100,5\n")}),
    Case("score-list", "a list as score", {"rilis.md": release("score: [90, 91]\n")}),
    Case("zone-unknown", "an unknown zone", {"rilis.md": release("zone: ungu\n")}),
    Case("year-before-2000", "an assessment year before 2000", {"rilis.md": release("year: 1999\n")}),
    Case("year-after-next", "an assessment year after the year after the release", {"rilis.md": release("year: 2026\n")}),
    Case("year-not-a-number", "`year: dua ribu`", {"rilis.md": release("year: dua ribu\n")}),
    Case("awards-not-a-list", "`awards` not a list", {"rilis.md": release("awards: Pemkab Bungo\n")}),
    Case("award-without-institution", "an award without an institution", {"rilis.md": release("score: 90\nawards:\n  - score: 80\n")}),
    Case("award-not-fields", "an award that is a single word", {"rilis.md": release("awards:\n  - Pemkab Bungo\n")}),
    Case("draft-not-boolean", "`draft: mungkin` (true/false, ya/tidak, yes/no are understood)", {"rilis.md": release("draft: mungkin\n")}),
    Case("tags-not-a-list", "tags that are fields", {"rilis.md": release("tags:\n  a: b\n")}),
    Case("source-javascript", "`source: javascript:…`", {"rilis.md": release("source: javascript:alert(1)\n")}),
    Case("image-outside-content", "an image path leaving content/", {"rilis.md": release("image: ../../../etc/passwd\n")}),
    Case("yaml-alias", "a YAML alias (`&a` … `*a`)", {"rilis.md": release("summary: &a Ringkasan\nrank: *a\n")}),
    Case("too-deeply-nested", "values nested thirty levels deep", {"rilis.md": release("tags: " + "[" * 30 + "a" + "]" * 30 + "\n")}),
    Case("slug-with-slash", "a slug with `/`", {"rilis.md": release("slug: rilis/uji\n")}),
    Case("slug-with-dots", "a slug with `..`", {"rilis.md": release("slug: ../../etc\n")}),
    Case("slug-with-spaces", "a slug with spaces", {"rilis.md": release("slug: rilis uji\n")}),
    Case(
        "same-slug",
        "two releases with the same slug",
        {
            "a.md": news("Rilis Sama A").replace("---\n\n", "slug: rilis-sama\n---\n\n"),
            "b.md": news("Rilis Sama B").replace("---\n\n", "slug: rilis-sama\n---\n\n"),
        },
    ),
    Case("same-title-and-date", "two releases with the same title and date", {"a.md": news("Rilis Kembar"), "b.md": news("Rilis Kembar")}),
    Case("not-utf8", "a file saved as Latin-1, not UTF-8", {"rilis.md": release("summary: Kafé\n").encode("latin-1")}),
    Case("bom", "a UTF-8 byte-order mark (BOM)", {"rilis.md": "\ufeff" + news("Rilis BOM")}, status=0, shows="Rilis BOM"),
    Case("crlf", "Windows line endings (CRLF)", {"rilis.md": news("Rilis CRLF").replace("\n", "\r\n")}, status=0, shows="Rilis CRLF"),
    Case("empty-file", "an empty file", {"rilis.md": ""}),
    Case("blank-file", "a file of blank lines", {"rilis.md": "\n  \n\n"}),
    Case("huge-file", "a 20 MB file", setup=huge),
    Case("binary-garbage", "binary garbage named `.md`", setup=garbage),
    Case(
        "file-name-unicode",
        "a file name with spaces and non-ASCII letters",
        {"Rilis Ünïcödé été.md": news("Rilis Unikode")},
        status=0,
        shows="Rilis Unikode",
    ),
    Case("file-name-not-utf8", "a file name that is not UTF-8", setup=name_not_utf8),
    Case("link-outside", "a link in content/ to a file outside the project", setup=symlink_out, status=0),
    Case("link-folder-outside", "a link in content/ to a folder outside the project", setup=symlink_folder_out, status=0),
    Case("dangling-link", "a link to a file that does not exist", setup=dangling_link),
    Case("link-loop", "two links pointing at each other", setup=link_loop),
    Case("folder-named-md", "a folder named `x.md`", setup=folder_named_md),
    Case("named-pipe", "a named pipe (FIFO) named `.md`", setup=named_pipe),
    Case("unreadable-file", "a file nobody may read (`chmod 000`)", setup=unreadable, combined=False),
    Case("unreadable-folder", "a folder nobody may read (`chmod 000`)", setup=unreadable_folder, combined=False),
    Case("unreadable-template", "a template nobody may read (`chmod 000`)", setup=unreadable_template, combined=False),
    Case("template-not-utf8", "a template saved as Latin-1, not UTF-8", setup=template_not_utf8, combined=False),
    Case(
        "unknown-field",
        "an unknown field",
        {"rilis.md": news("Rilis Ekstra").replace("---\n\n", "scroe: 90\n---\n\n")},
        status=0,
        shows="Rilis Ekstra",
    ),
    Case(
        "registry-invalid-toml",
        "`institutions.toml` that is not valid TOML",
        setup=registry('[[institution]]\nname = "Pemerintah Kota Jambi\n'),
        combined=False,
    ),
    Case(
        "registry-wrong-entries",
        "`institutions.toml` with wrong entries",
        setup=registry('[[institution]]\nnama = "Kota Jambi"\n\n[[institution]]\nname = 5\n\n[lainnya]\nx = 1\n'),
        combined=False,
    ),
    Case(
        "config-invalid-toml",
        "`site_config.toml` that is not valid TOML",
        setup=site_config(CONFIG.replace('language = "id"', "language = id")),
        combined=False,
    ),
    Case(
        "config-wrong-types",
        "`site_config.toml` with values of the wrong type",
        setup=site_config(CONFIG.replace("home_releases = 8", 'home_releases = "8"').replace('language = "id"', 'language = ["id"]')),
        combined=False,
    ),
    Case(
        "config-unknown-key",
        "`site_config.toml` with an unknown key",
        setup=site_config(CONFIG.replace("language =", "langauge =")),
        combined=False,
    ),
    Case(
        "config-not-finite",
        "`scale = nan` in the rubric",
        setup=site_config(CONFIG.replace("scale = 100", "scale = nan")),
        combined=False,
    ),
    Case(
        "permalink-leaves-output",
        "a permalink pattern that would leave output/",
        setup=site_config(CONFIG.replace('release = "/rilis/{slug}/"', 'release = "/../{slug}/"')),
        combined=False,
    ),
    Case(
        "permalink-odd-characters",
        "a permalink pattern with `%2e%2e`",
        setup=site_config(CONFIG.replace('release = "/rilis/{slug}/"', 'release = "/rilis/%2e%2e/{slug}/"')),
        combined=False,
    ),
    Case(
        "config-bom-crlf",
        "`site_config.toml` with a BOM and CRLF line endings",
        setup=site_config("\ufeff" + CONFIG.replace("\n", "\r\n")),
        status=0,
        combined=False,
    ),
    Case("template-syntax-error", "a template with a syntax error", setup=template("zones.html", 3, "{% if %}"), combined=False),
    Case("template-undefined-variable", "a template using an undefined variable", setup=template("zones.html", 5, "{{ tidak_ada }}")),
    Case(
        "template-missing-include",
        "a template including a missing file",
        setup=template("zones.html", 5, '{% include "tidak-ada.html" %}'),
        combined=False,
    ),
    Case("output-is-a-file", "`output` is a file, not a folder", setup=output_is_a_file, combined=False),
    Case("key-written-twice", "a field written twice (YAML would keep the last)", {"rilis.md": release(extra="score: 80\nscore: 90\n")}),
    Case("content-missing", "no `content/` folder", setup=content_missing, combined=False),
    Case("content-a-file", "`content` is a file, not a folder", setup=content_a_file, combined=False),
    Case("content-without-releases", "`content/` without a release", setup=content_without_releases, combined=False),
    Case("templates-a-file", "`templates` is a file, not a folder (no folder: the theme)", setup=templates_a_file, combined=False),
    Case(
        "editor-leftovers",
        "editors' leftovers beside a release (`#x.md#`, `x.md~`, `.x.md.swp`, `.bak`, `.orig`, `.tmp`), each broken",
        dict.fromkeys(LEFTOVERS, BROKEN),
        status=0,
    ),
    Case("content-html", "an HTML page with a script in `content/`", {"halaman.html": SCRIPT}),
    Case("content-svg", "an SVG picture carrying a script", {"gambar.svg": SVG}),
    Case("content-index-html", "`content/index.html`, which would stand in for the home page", setup=content_index_html, combined=False),
    Case("picture-disguised", "a page with a script named `.png`", {"foto.png": SCRIPT}),
    Case("picture-too-large", "a 30 MB picture (refused by its size, unread)", setup=huge_picture),
    Case("unknown-kind", "a Word file in `content/` (left out, with a warning)", {"catatan.docx": b"PK\x03\x04"}, status=0),
    Case("theme-file-on-a-page", "a theme file at the address of a generated page", setup=theme_file_on_a_page, combined=False),
    Case(
        "institutions-slug-alike",
        "two institutions whose names differ only in `&` and `/`",
        {"a.md": about("Dinas A & B Kota Baru", "Rilis A"), "b.md": about("Dinas A / B Kota Baru", "Rilis B")},
    ),
    Case(
        "institutions-long-names-alike",
        "two long institution names that share their first 80 characters",
        {"a.md": about(LONG_NAME + " Bungo", "Rilis C"), "b.md": about(LONG_NAME + " Tebo", "Rilis D")},
    ),
    Case("score-thousands-of-digits", "a score of 5,000 digits", {"rilis.md": release("score: " + "9" * 5000 + "\n")}),
    Case("year-thousands-of-digits", "an assessment year of 5,000 digits", {"rilis.md": release("year: " + "2" * 5000 + "\n")}),
    Case("value-too-long", "a summary of 6,000 characters", {"rilis.md": release("summary: " + "panjang " * 750 + "\n")}),
    Case("lone-surrogate", 'a lone surrogate written as an escape (`"\\ud800"`)', {"rilis.md": release('summary: "\\ud800"\n')}),
    Case("control-escape", 'a control character written as an escape (`"\\x01"`)', {"rilis.md": release('summary: "a\\x01b"\n')}),
    Case(
        "control-character",
        "an invisible control character pasted into a title (U+000B)",
        {"rilis.md": news("Rilis Kendali").replace("Kendali", "\x0bKendali")},
        status=0,
        shows="Rilis Kendali",
    ),
    Case("alias-after-bom", "a YAML alias after a byte-order mark", {"rilis.md": "\ufeff" + release("summary: &a Ringkasan\nrank: *a\n")}),
    Case(
        "base-url-quote",
        "a `base_url` with a quote and a tag",
        setup=site_config(CONFIG.replace('base_url = "https://example.org/"', 'base_url = "https://example.org/\\"><script>"')),
        combined=False,
    ),
    Case(
        "base-url-newline",
        "a `base_url` with a line break (it would add lines to robots.txt)",
        setup=site_config(CONFIG.replace('base_url = "https://example.org/"', 'base_url = "https://example.org/\\nDisallow: /"')),
        combined=False,
    ),
    Case(
        "config-control-character",
        "a control character in the site's title",
        setup=site_config(CONFIG.replace('title = "Arsip Uji"', 'title = "Arsip \\u0001 Uji"')),
        combined=False,
    ),
    Case(
        "rubric-years-reversed",
        "a rubric period whose last year comes before its first",
        setup=site_config(CONFIG.replace("last_year = 2024", "last_year = 2021")),
        combined=False,
    ),
    Case(
        "rubric-periods-overlap",
        "two rubric periods for the same years",
        setup=site_config(CONFIG + RUBRIC.replace("Penilaian Kepatuhan 2022-2024", "Periode Kedua")),
        combined=False,
    ),
    Case(
        "rubric-bands-overlap",
        "two score bands that overlap",
        setup=site_config(CONFIG.replace("max = 87.99", "max = 90")),
        combined=False,
    ),
    Case(
        "rubric-bands-gap",
        "a gap between two score bands",
        setup=site_config(CONFIG.replace("max = 87.99", "max = 80")),
        combined=False,
    ),
    Case("yaml-tag", "a YAML tag (`!!python/object:…`)", {"rilis.md": release("summary: !!python/object:os.system x\n")}),
    Case("escape-no-character", 'an escape that names no character (`"\\U00110000"`)', {"rilis.md": release('summary: "\\U00110000"\n')}),
    Case(
        "source-broken-address", "`source: https://[::1` (an address that cannot be read)", {"rilis.md": release("source: https://[::1\n")}
    ),
    Case("slug-too-long", "a slug of 300 characters", {"rilis.md": release("slug: " + "a" * 300 + "\n")}),
    Case("list-nested-on-one-line", "a list 500 deep on one line (`- - - … x`)", {"rilis.md": release(body="- " * 500 + "x\n")}),
    Case("paragraph-too-long", "a paragraph of 30,000 characters of links", {"rilis.md": release(body=("[a](b) " * 200 + "\n") * 22)}),
    Case(
        "config-nested-deep",
        "`site_config.toml` with lists nested 500 deep",
        setup=site_config(CONFIG + "\n[extra]\nx = " + "[" * 500 + "]" * 500 + "\n"),
        combined=False,
    ),
    Case(
        "registry-nested-deep",
        "`institutions.toml` with lists nested 500 deep",
        setup=registry(REGISTRY + "x = " + "[" * 500 + "]" * 500 + "\n"),
        combined=False,
    ),
    Case(
        "registry-control-escape",
        "a control character in an institution's name in `institutions.toml`",
        setup=registry(REGISTRY.replace('name = "Pemerintah Kota Jambi"', 'name = "Pemerintah Kota Jambi\\u0007"')),
        combined=False,
    ),
)


EXPECTED: dict[str, tuple[str, ...]] = {
    "invalid-yaml": (
        (
            "{folder}/rilis.md:2: error: the quote opened on this line is never closed (end the value with the same "
            'quote: title: "Rilis Uji")'
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "invalid-yaml-colon": (
        (
            "{folder}/rilis.md:2: error: the value of 'title' holds ': ', which front-matter reads as the start of "
            'another field (put the value in quotes: title: "Nilai: 93")'
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "no-front-matter": (
        (
            "{folder}/rilis.md:1: error: no front-matter (start the file with a line '---', then title:, date:, "
            "institution:, then another '---')"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "front-matter-not-closed": (
        ("{folder}/rilis.md:1: error: the front-matter is not closed (add a line '---' after the last front-matter field)"),
        "1 error, 0 warnings in 1 file",
    ),
    "front-matter-list": (
        (
            "{folder}/rilis.md:1: error: the front-matter is a list, not a list of fields (write one 'key: "
            "value' per line, e.g. 'title: ...')"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "front-matter-scalar": (
        (
            "{folder}/rilis.md:1: error: the front-matter is a single value, not a list of fields (write one "
            "'key: value' per line, e.g. 'title: ...')"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "front-matter-empty": (
        "{folder}/rilis.md:1: error: required field 'date' is missing (add a line such as  date: 2024-12-03)",
        ("{folder}/rilis.md:1: error: required field 'institution' is missing (add a line such as  institution: Pemerintah Kota Jambi)"),
        ("{folder}/rilis.md:1: error: required field 'title' is missing (add a line such as  title: Pemkot Jambi Raih Zona Hijau)"),
        "3 errors, 0 warnings in 1 file",
    ),
    "missing-fields": (
        ("{folder}/rilis.md:1: error: required field 'institution' is missing (add a line such as  institution: Pemerintah Kota Jambi)"),
        ("{folder}/rilis.md:1: error: required field 'title' is missing (add a line such as  title: Pemkot Jambi Raih Zona Hijau)"),
        "2 errors, 0 warnings in 1 file",
    ),
    "empty-fields": (
        ("{folder}/rilis.md:2: error: required field 'title' is empty (add a line such as  title: Pemkot Jambi Raih Zona Hijau)"),
        ("{folder}/rilis.md:4: error: required field 'institution' is empty (add a line such as  institution: Pemerintah Kota Jambi)"),
        "2 errors, 0 warnings in 1 file",
    ),
    "title-list": (
        ("{folder}/rilis.md:2: error: 'title' must be text, not a list (write it on one line, e.g.  title: Pemkot Jambi Raih Zona Hijau)"),
        "1 error, 0 warnings in 1 file",
    ),
    "date-not-in-calendar": (
        ("{folder}/rilis.md:3: error: date '2024-02-30' does not exist in the calendar (check the day and the month)"),
        "1 error, 0 warnings in 1 file",
    ),
    "date-format": (
        ("{folder}/rilis.md:3: error: date '3 Desember 2024' is not written as YYYY-MM-DD (write e.g.  date: 2024-12-03)"),
        "1 error, 0 warnings in 1 file",
    ),
    "date-before-2000": (
        (
            "{folder}/rilis.md:3: error: date '1999-12-03' is before 2000, where the archive begins (write the "
            "day the release was published, e.g.  date: 2024-12-03)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "date-far-ahead": (
        (
            "{folder}/rilis.md:3: error: date '2999-12-03' is more than a year ahead (write the day the release "
            "was published, e.g.  date: 2024-12-03)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "score-abc": (
        "{folder}/rilis.md:5: error: score 'abc' is not a number (write e.g.  score: 93,68  or  score: 93.68)",
        "1 error, 0 warnings in 1 file",
    ),
    "score-nan": (
        ("{folder}/rilis.md:5: error: score '.nan' is not a number (write e.g.  score: 93,68  or  score: 93.68)"),
        "1 error, 0 warnings in 1 file",
    ),
    "score-negative": (
        "{folder}/rilis.md:5: error: score -3 is negative (scores run from 0 upwards, e.g.  score: 93,68)",
        "1 error, 0 warnings in 1 file",
    ),
    "score-above-scale": (
        ("{folder}/rilis.md:5: error: score 100.5 is above the scale of 100 used for 2022-2024 (check the figure in the source)"),
        "1 error, 0 warnings in 1 file",
    ),
    "score-list": (
        ("{folder}/rilis.md:5: error: score '[90, 91]' is not a number (write e.g.  score: 93,68  or  score: 93.68)"),
        "1 error, 0 warnings in 1 file",
    ),
    "zone-unknown": (
        "{folder}/rilis.md:5: error: zone 'ungu' is not one of hijau, kuning, merah (did you mean 'kuning'?)",
        "1 error, 0 warnings in 1 file",
    ),
    "year-before-2000": (
        (
            "{folder}/rilis.md:5: error: assessment year 1999 is outside 2000-2025 (the year the result is for, "
            "at most a year after the release's date)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "year-after-next": (
        (
            "{folder}/rilis.md:5: error: assessment year 2026 is outside 2000-2025 (the year the result is for, "
            "at most a year after the release's date)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "year-not-a-number": (
        "{folder}/rilis.md:5: error: year must be a four-digit year, not 'dua ribu' (write e.g.  year: 2024)",
        "1 error, 0 warnings in 1 file",
    ),
    "awards-not-a-list": (
        ("{folder}/rilis.md:5: error: 'awards' must be a list (start each award with '- institution: ...' on its own line)"),
        "1 error, 0 warnings in 1 file",
    ),
    "award-without-institution": (
        ("{folder}/rilis.md:7: error: required field 'institution' is missing (add a line such as  institution: Pemerintah Kota Jambi)"),
        "1 error, 0 warnings in 1 file",
    ),
    "award-not-fields": (
        ("{folder}/rilis.md:6: error: award 1 must have fields (write '- institution: ...' then 'score: ...' indented below it)"),
        "1 error, 0 warnings in 1 file",
    ),
    "draft-not-boolean": (
        "{folder}/rilis.md:5: error: 'draft' must be true or false (write  draft: true)",
        "1 error, 0 warnings in 1 file",
    ),
    "tags-not-a-list": (
        "{folder}/rilis.md:5: error: tags must be a list of words (write e.g.  tags: [zona hijau, jambi])",
        "1 error, 0 warnings in 1 file",
    ),
    "source-javascript": (
        ("{folder}/rilis.md:5: error: source 'javascript:alert(1)' is not a web address (write the full address, starting with https://)"),
        "1 error, 0 warnings in 1 file",
    ),
    "image-outside-content": (
        (
            "{folder}/rilis.md:5: error: image '../../../etc/passwd' was not found under content/ (put the image "
            "file next to the release and write its file name, e.g.  image: foto.jpg)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "yaml-alias": (
        (
            "{folder}/rilis.md:6: error: the front-matter uses a YAML alias ('*name'), which the archive does "
            "not accept (write the value out in full)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "too-deeply-nested": (
        ("{folder}/rilis.md:1: error: the front-matter is nested too deeply (write each field as 'key: value' on its own line)"),
        "1 error, 0 warnings in 1 file",
    ),
    "slug-with-slash": (
        ("{folder}/rilis.md:5: error: slug 'rilis/uji' may use only a-z, 0-9 and single '-' (write  slug: rilis-uji)"),
        "1 error, 0 warnings in 1 file",
    ),
    "slug-with-dots": (
        "{folder}/rilis.md:5: error: slug '../../etc' may use only a-z, 0-9 and single '-' (write  slug: etc)",
        "1 error, 0 warnings in 1 file",
    ),
    "slug-with-spaces": (
        ("{folder}/rilis.md:5: error: slug 'rilis uji' may use only a-z, 0-9 and single '-' (write  slug: rilis-uji)"),
        "1 error, 0 warnings in 1 file",
    ),
    "same-slug": (
        (
            "{folder}/b.md:5: error: slug 'rilis-sama' is also the slug of {folder}/a.md:5 (give this release "
            "its own, e.g.  slug: rilis-sama-2)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "same-title-and-date": (
        (
            "{folder}/b.md:2: error: the slug '2024-11-04-rilis-kembar' made from the date and title is also the "
            "slug of {folder}/a.md:2 (change the title or add a line such as  slug: 2024-11-04-rilis-kembar-2)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "not-utf8": (
        "{folder}/rilis.md:5: error: the file is not UTF-8 text (save it as UTF-8 in your editor)",
        "1 error, 0 warnings in 1 file",
    ),
    "bom": (),
    "crlf": (),
    "empty-file": (
        (
            "{folder}/rilis.md: error: the file is empty (write the front-matter, title:, date: and institution: "
            "between two lines '---', then the text; or delete the file)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "blank-file": (
        (
            "{folder}/rilis.md: error: the file is empty (write the front-matter, title:, date: and institution: "
            "between two lines '---', then the text; or delete the file)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "huge-file": (
        (
            "{folder}/besar.md: error: the file is 20.1 MB, more than the 2 MB a release may have (a release is "
            "text only: put images in separate files beside it and split very long documents)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "binary-garbage": (
        ("{folder}/acak.md: error: the file is binary, not Markdown text (remove it or give it another extension)"),
        "1 error, 0 warnings in 1 file",
    ),
    "file-name-unicode": (),
    "file-name-not-utf8": (
        ("{folder}/caf�.md: error: the name is not UTF-8 text (rename it in your file manager, using ordinary letters)"),
        "1 error, 0 warnings in 1 file",
    ),
    "link-outside": (("{folder}/tautan.md: warning: skipped: a link to a file outside the project (copy the file into content/ instead)"),),
    "link-folder-outside": (
        (
            "{folder}/tautan-folder: warning: skipped: a link to a folder outside the project (copy the folder "
            "into content/ instead of linking it)"
        ),
    ),
    "dangling-link": (
        ("{folder}/hilang.md: error: a link to a file that does not exist (remove the link or put the file back)"),
        "1 error, 0 warnings in 1 file",
    ),
    "link-loop": (
        "{folder}/putar-a.md: error: a link that leads back to itself (remove the link)",
        "{folder}/putar-b.md: error: a link that leads back to itself (remove the link)",
        "2 errors, 0 warnings in 2 files",
    ),
    "folder-named-md": (
        ("{folder}/x.md: error: this is a folder, not a release file (rename the folder so that its name does not end in .md)"),
        "1 error, 0 warnings in 1 file",
    ),
    "named-pipe": (
        "{folder}/pipa.md: error: this is a named pipe, not a regular file (remove it from content/)",
        "1 error, 0 warnings in 1 file",
    ),
    "unreadable-file": (
        "{folder}/rahasia.md: error: cannot read the file: Permission denied (check the file's permissions)",
        "1 error, 0 warnings in 1 file",
    ),
    "unreadable-folder": (
        "{folder}/rahasia: error: cannot read the folder: Permission denied (check the folder's permissions)",
        "1 error, 0 warnings in 1 file",
    ),
    "unreadable-template": (
        "templates/zones.html: error: cannot read the template: Permission denied (check the file's permissions)",
        "1 error, 0 warnings in 1 file",
    ),
    "template-not-utf8": (
        "templates/zones.html: error: a template is not UTF-8 text (save the templates as UTF-8 in your editor)",
        "1 error, 0 warnings in 1 file",
    ),
    "unknown-field": ("{folder}/rilis.md:5: warning: unknown field 'scroe' is ignored (did you mean 'score'?)",),
    "registry-invalid-toml": (
        (
            "content/institutions.toml:2: error: the text opened with a quote on this line is never closed (end the "
            'text with the same quote on the same line: name = "Pemerintah Kota Jambi")'
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "registry-wrong-entries": (
        ('content/institutions.toml:1: error: institution without a name (write name = "Pemerintah Kota Jambi")'),
        "content/institutions.toml:1: error: unknown key 'nama' (did you mean 'name'?)",
        ('content/institutions.toml:4: error: the name of an institution must be text (write name = "Pemerintah Kota Jambi")'),
        ("content/institutions.toml:7: error: unknown table 'lainnya' (each institution starts with a line [[institution]])"),
        "4 errors, 0 warnings in 1 file",
    ),
    "config-invalid-toml": (
        (
            "site_config.toml:3: error: the value of 'language' is not text in quotes, a number, true/false, a list "
            'or a table (write text in double quotes: language = "id")'
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "config-wrong-types": (
        "site_config.toml:3: error: 'language' must be text, not a list (write e.g.  language = \"id\")",
        ("site_config.toml:4: error: 'home_releases' must be a whole number, not text (write e.g.  home_releases = 10)"),
        "2 errors, 0 warnings in 1 file",
    ),
    "config-unknown-key": (
        "site_config.toml:3: error: unknown key 'langauge' (did you mean 'language'?)",
        "1 error, 0 warnings in 1 file",
    ),
    "config-not-finite": (
        ("site_config.toml:13: error: 'rubric[0].scale' must be a finite number, not nan (write e.g.  scale = 100)"),
        "1 error, 0 warnings in 1 file",
    ),
    "permalink-leaves-output": (
        (
            "site_config.toml:7: error: permalink release = '/../{{slug}}/': must not contain '..', '\\', '//' or "
            "'/./' (write e.g. release = \"/rilis/{{slug}}/\")"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "permalink-odd-characters": (
        (
            "site_config.toml:7: error: permalink release = '/rilis/%2e%2e/{{slug}}/': may use only a-z, A-Z, "
            "0-9, '-', '_', '.', '/' and its placeholder (write e.g. release = \"/rilis/{{slug}}/\")"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "config-bom-crlf": (),
    "template-syntax-error": (
        ("templates/zones.html:3: error: template syntax error: Expected an expression, got 'end of statement block'"),
        "1 error, 0 warnings in 1 file",
    ),
    "template-undefined-variable": (
        (
            "templates/zones.html:5: error: template error: 'tidak_ada' is undefined (check the variable's name; "
            "templates/ lists what each page receives)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "template-missing-include": (
        ("templates/zones.html:5: error: template 'tidak-ada.html' not found (create templates/tidak-ada.html or fix the name)"),
        "1 error, 0 warnings in 1 file",
    ),
    "output-is-a-file": (
        (
            "output: error: output is a file, not a folder; the build writes only into a folder of its own (move "
            "output out of the project folder; the next build creates output/ anew)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "key-written-twice": (
        "{folder}/rilis.md:6: error: 'score' is written twice, on lines 5 and 6 (keep one of the two lines)",
        "1 error, 0 warnings in 1 file",
    ),
    "content-missing": (
        "content: error: the folder content/ that holds the releases is missing (create it, or give the project's folder with --root)",
        "1 error, 0 warnings in 1 file",
    ),
    "content-a-file": (
        "content: error: this is a file, not the folder that holds the releases (move it away and create the folder content/)",
        "1 error, 0 warnings in 1 file",
    ),
    "content-without-releases": (
        (
            "content: error: holds no release: the site would be empty (put the releases (.md files) in content/, or check "
            "that the build runs in the right project folder)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "templates-a-file": (
        "templates: error: this is a file, not the folder that holds the templates (move it away and create the folder templates/)",
        "1 error, 0 warnings in 1 file",
    ),
    "editor-leftovers": (),
    "content-html": (
        (
            "{folder}/halaman.html: error: refused: a .html file can run scripts in the reader's browser, so content/ does "
            "not publish it (for a picture, export it as PNG or JPEG; for a text, write it as a release (.md))"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "content-svg": (
        (
            "{folder}/gambar.svg: error: refused: a .svg file can run scripts in the reader's browser, so content/ does not"
            " publish it (for a picture, export it as PNG or JPEG; for a text, write it as a release (.md))"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "content-index-html": (
        (
            "{folder}/index.html: error: refused: a .html file can run scripts in the reader's browser, so content/ does "
            "not publish it (for a picture, export it as PNG or JPEG; for a text, write it as a release (.md))"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "picture-disguised": (
        (
            "{folder}/foto.png: error: the file's content is not a PNG image, as its name says (export it again in that "
            "format, or give it the extension of what it really is)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "picture-too-large": (
        (
            "{folder}/foto-besar.jpg: error: the file is 30 MB, more than the 25 MB a picture or document may have (make "
            "the picture smaller (e.g. 2000 pixels wide) or compress the PDF)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "unknown-kind": (
        (
            "{folder}/catatan.docx: warning: not published: content/ publishes releases (.md), pictures (PNG, JPEG, GIF, "
            "WebP, AVIF) and PDF files (save it in one of those kinds, or move it out of content/)"
        ),
    ),
    "theme-file-on-a-page": (
        (
            "output: error: two files of the site would be written to 'static/cari/index.html' (a file in content/ or "
            "templates/static/ has the address of a page; rename it, or check [permalinks])"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "institutions-slug-alike": (
        (
            "{folder}/a.md:4: warning: institution 'Dinas A & B Kota Baru' is not in content/institutions.toml "
            "(register it: add to content/institutions.toml the lines  [[institution]]  name = \"Dinas A & B Kota "
            "Baru\"  kind = \"lainnya\"  province = \"…\")"
        ),
        (
            "{folder}/b.md:4: error: 'Dinas A / B Kota Baru' and 'Dinas A & B Kota Baru' ({folder}/a.md:4) would share one "
            "page (slug 'dinas-a-b-kota-baru') (if they are one institution, write one name (or add the other as an alias "
            "in content/institutions.toml); if they are two, register both there, each with its own slug)"
        ),
        (
            "{folder}/b.md:4: warning: institution 'Dinas A / B Kota Baru' is not in content/institutions.toml "
            "(register it: add to content/institutions.toml the lines  [[institution]]  name = \"Dinas A / B Kota "
            "Baru\"  kind = \"lainnya\"  province = \"…\")"
        ),
        "1 error, 2 warnings in 2 files",
    ),
    "institutions-long-names-alike": (
        (
            "{folder}/a.md:4: warning: institution 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan "
            "Terpadu Satu Pintu Kabupaten Bungo' is not in content/institutions.toml (register it: add to "
            "content/institutions.toml the lines  [[institution]]  name = \"Dinas Komunikasi Informatika Statistik "
            "Persandian dan Pelayanan Terpadu Satu Pintu Kabupaten Bungo\"  kind = \"lainnya\"  province = \"…\")"
        ),
        (
            "{folder}/b.md:4: error: 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan Terpadu Satu Pintu "
            "Kabupaten Tebo' and 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan Terpadu Satu Pintu "
            "Kabupaten Bungo' ({folder}/a.md:4) would share one page (slug "
            "'dinas-komunikasi-informatika-statistik-persandian-dan-pelayanan-terpadu-satu') (if they are one institution, "
            "write one name (or add the other as an alias in content/institutions.toml); if they are two, register both "
            "there, each with its own slug)"
        ),
        (
            "{folder}/b.md:4: warning: institution 'Dinas Komunikasi Informatika Statistik Persandian dan Pelayanan "
            "Terpadu Satu Pintu Kabupaten Tebo' is not in content/institutions.toml (register it: add to "
            "content/institutions.toml the lines  [[institution]]  name = \"Dinas Komunikasi Informatika Statistik "
            "Persandian dan Pelayanan Terpadu Satu Pintu Kabupaten Tebo\"  kind = \"lainnya\"  province = \"…\")"
        ),
        "1 error, 2 warnings in 2 files",
    ),
    "score-thousands-of-digits": (
        (
            "{folder}/rilis.md:5: error: score '99999999999999999999999999999999999999999999999999999999999…' is not a "
            "number (write e.g.  score: 93,68  or  score: 93.68)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "year-thousands-of-digits": (
        (
            "{folder}/rilis.md:5: error: year must be a four-digit year, not "
            "'22222222222222222222222222222222222222222222222222222222222…' (write e.g.  year: 2024)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "value-too-long": (
        (
            "{folder}/rilis.md:5: error: a value of 5,999 characters, more than the 5,000 a field may hold (put long text "
            "below the front-matter, in the body of the release)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "lone-surrogate": (
        "{folder}/rilis.md:5: error: the value holds U+D800, which is not a character of text (delete the escape (\\u… or \\x…))",
        "1 error, 0 warnings in 1 file",
    ),
    "control-escape": (
        "{folder}/rilis.md:5: error: the value holds U+0001, which is not a character of text (delete the escape (\\u… or \\x…))",
        "1 error, 0 warnings in 1 file",
    ),
    "control-character": (
        (
            "{folder}/rilis.md:2: warning: an invisible control character (U+000B) was replaced by a space (it often comes "
            "with text pasted from a word processor; retype the text around it if a word looks wrong)"
        ),
    ),
    "alias-after-bom": (
        (
            "{folder}/rilis.md:6: error: the front-matter uses a YAML alias ('*name'), which the archive does not accept "
            "(write the value out in full)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "base-url-quote": (
        (
            "site_config.toml:2: error: base_url may use only letters, digits and - . _ ~ : / @ % (no quotes, spaces, line "
            "breaks, '?' or '#') (write e.g. base_url = \"https://example.org/arsip/\")"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "base-url-newline": (
        (
            "site_config.toml:2: error: base_url may use only letters, digits and - . _ ~ : / @ % (no quotes, spaces, line "
            "breaks, '?' or '#') (write e.g. base_url = \"https://example.org/arsip/\")"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "config-control-character": (
        "site_config.toml:1: error: 'title' holds U+0001, which is not a character of text (delete the escape (\\u…))",
        "1 error, 0 warnings in 1 file",
    ),
    "rubric-years-reversed": (
        (
            "site_config.toml:9: error: rubric[0] 'Penilaian Kepatuhan 2022-2024': last_year 2021 comes before first_year "
            "2022 (correct the year, or swap the two)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "rubric-periods-overlap": (
        (
            "site_config.toml:139: error: rubric[1] 'Periode Kedua': its years overlap those of 'Penilaian Kepatuhan "
            "2022-2024' (2022-2024) (end one period (last_year) before the other begins, or limit one to some kinds = "
            "[...])"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "rubric-bands-overlap": (
        (
            "site_config.toml:9: error: rubric[0] 'Penilaian Kepatuhan 2022-2024': bands 'Lainnya' and 'Kualitas Tertinggi'"
            " overlap (90 >= 88) (let each band begin just above the one below it, e.g.  max = 87.99  then  min = 88)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "rubric-bands-gap": (
        (
            "site_config.toml:9: error: rubric[0] 'Penilaian Kepatuhan 2022-2024': between bands 'Lainnya' and 'Kualitas "
            "Tertinggi' no band holds the scores above 80 (let each band begin just above the one below it, e.g.  max = "
            "87.99  then  min = 88)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "yaml-tag": (
        (
            "{folder}/rilis.md:5: error: the front-matter uses a YAML tag ('!!...'), which the archive does not accept "
            "(write the value alone: dates, numbers and true/false are read as such without a tag)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "escape-no-character": (
        "{folder}/rilis.md:5: error: a value holds an escape that names no character (delete the escape (\\u… or \\U…))",
        "1 error, 0 warnings in 1 file",
    ),
    "source-broken-address": (
        "{folder}/rilis.md:5: error: source 'https://[::1' is not a web address (write the full address, starting with https://)",
        "1 error, 0 warnings in 1 file",
    ),
    "slug-too-long": (
        (
            "{folder}/rilis.md:5: error: the slug has 300 characters, more than 120 (write  slug: "
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "list-nested-on-one-line": (
        (
            "{folder}/rilis.md:7: error: a line nested 500 levels deep in quotes and lists, more than the 12 a release may "
            "use (use fewer '>', list marks and less indentation at the start of a line)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "paragraph-too-long": (
        (
            "{folder}/rilis.md:7: error: a paragraph of 30,799 characters, more than the 20,000 one may have (leave an "
            "empty line between paragraphs)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "config-nested-deep": (
        "site_config.toml: error: lists or tables are nested hundreds deep (write each value on its own line, as in the sample file)",
        "1 error, 0 warnings in 1 file",
    ),
    "registry-nested-deep": (
        (
            "{folder}/institutions.toml: error: lists or tables are nested hundreds deep (write each value on its own line,"
            " as in the sample file)"
        ),
        "1 error, 0 warnings in 1 file",
    ),
    "registry-control-escape": (
        "{folder}/institutions.toml:1: error: 'name' holds U+0007, which is not a character of text (delete the escape (\\u…))",
        "1 error, 0 warnings in 1 file",
    ),
}


@dataclass(frozen=True)
class Tongue:
    """A language the build speaks: its code, its words for error and warning, its summary line, and
    the exact lines each case prints in it."""

    code: str
    error: str
    warning: str
    summary: Callable[[int, int, int], str]
    expected: dict[str, tuple[str, ...]]

    def is_problem(self, line: str) -> bool:
        return f": {self.error}: " in line or f": {self.warning}: " in line


ENGLISH = Tongue("en", "error", "warning", summary, EXPECTED)
TONGUES = (Tongue("id", "kesalahan", "peringatan", ringkasan, INDONESIAN), ENGLISH)


def start(root: Path, *, language: str = "en", unprivileged: bool = False) -> subprocess.Popen[str]:
    """`build.py --root ROOT` in `language`, started; with `unprivileged`, as root without the right to read any file."""
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root)]
    if unprivileged and os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        command = [shutil.which("setpriv") or "setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *command]
    environment = {key: value for key, value in os.environ.items() if key not in ("ARSIP_DEBUG", "NO_COLOR")}
    environment["ARSIP_LANG"] = language
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    """What a started build printed, once it ended (killed after two minutes)."""
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def run(root: Path, *, language: str = "en", unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    """`build.py --root ROOT` in `language`, to its end: in a process of its own when it must run `unprivileged`,
    else in this one (`sitetools.run_here`: the same lines and status, without starting Python for each of about
    270 builds). The reproducibility test below starts `build.py` too."""
    if unprivileged:
        return finish(start(root, language=language, unprivileged=True))
    return run_here(root, env={"ARSIP_LANG": language, "NO_COLOR": None})  # as `start` runs it


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site with one good release, built once; each case starts from a copy of it."""
    root = copy_project(tmp_path_factory.mktemp("base") / "site", with_content=False)
    (root / "content" / "institutions.toml").write_text(REGISTRY, encoding="utf-8")
    (root / "content" / "baik.md").write_text(GOOD, encoding="utf-8")
    result = run(root)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return root


def state(path: Path) -> object:
    """Bytes and timestamps of everything at `path` (a folder or, when broken on purpose, a file)."""
    if path.is_dir() and not path.is_symlink():
        return tree_state(path)
    return (path.read_bytes(), path.stat().st_mtime_ns) if path.exists() else None


def prepare(case: Case, root: Path, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in case.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    if case.setup:
        case.setup(root, folder)


def expected_lines(case: Case, folder: str, tongue: Tongue = ENGLISH) -> list[str]:
    """The lines `case` must print in `tongue` when its files are in `folder` (`content` alone, or a folder of it)."""
    return [line.format(folder=folder) for line in tongue.expected[case.name]]


def test_every_case_says_the_same_in_both_languages() -> None:
    """Each case has its lines in each language: as many, for the same file and line, of the same severity."""
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names)
    for tongue in TONGUES:
        assert list(tongue.expected) == names, f"{tongue.code}: one entry per case, in the order of CASES"
    indonesian, english = TONGUES
    for case in CASES:
        pairs = list(zip(expected_lines(case, "content", indonesian), expected_lines(case, "content", english), strict=True))
        for id_line, en_line in pairs:
            for word_id, word_en in ((indonesian.error, english.error), (indonesian.warning, english.warning)):
                if f": {word_en}: " in en_line:
                    assert id_line.split(f": {word_id}: ")[0] == en_line.split(f": {word_en}: ")[0], (case.name, id_line)
        shown = [line for line in expected_lines(case, "content") if english.is_problem(line)]
        errors = sum(f": {english.error}: " in line for line in shown)
        counts = (errors, len(shown) - errors, len({line.split(":")[0] for line in shown}))
        if errors:  # the summary line closes a failed build's lines
            assert [line for _, line in pairs][-1] == english.summary(*counts), case.name
            assert [line for line, _ in pairs][-1] == indonesian.summary(*counts), case.name


def check(case: Case, tongue: Tongue, root: Path, before: object, result: subprocess.CompletedProcess[str]) -> None:
    """What a build of `case` in `tongue` must have printed and done."""
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == expected_lines(case, "content", tongue), f"in {tongue.code}"
    assert result.returncode == case.status, f"in {tongue.code}"
    if case.status:
        assert state(root / "output") == before, f"output/ changed although the build failed (in {tongue.code})"
    if case.shows:
        assert case.shows in (root / "output" / "data" / "awards.json").read_text(encoding="utf-8")
    if case.name == "editor-leftovers":  # not read, so not published either
        assert not {path.name for path in (root / "output").rglob("*")} & set(LEFTOVERS)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gives_the_exact_message(case: Case, built_site: Path, tmp_path: Path) -> None:
    """The case in each language (two copies of the site)."""
    if case.name.startswith("unreadable") and os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: no way to make a file unreadable to the build")
    roots, before = {}, {}
    for tongue in TONGUES:
        root = roots[tongue.code] = tmp_path / tongue.code
        shutil.copytree(built_site, root, symlinks=True)
        prepare(case, root, root / "content")
        before[tongue.code] = state(root / "output")
    unprivileged = case.name.startswith("unreadable")
    results = {tongue.code: run(roots[tongue.code], language=tongue.code, unprivileged=unprivileged) for tongue in TONGUES}
    for tongue in TONGUES:
        check(case, tongue, roots[tongue.code], before[tongue.code], results[tongue.code])


@pytest.mark.parametrize("tongue", TONGUES, ids=[tongue.code for tongue in TONGUES])
def test_every_problem_of_a_run_is_reported(tongue: Tongue, built_site: Path, tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(built_site, root, symlinks=True)
    before = state(root / "output")
    cases = [case for case in CASES if case.combined]
    expected: list[str] = []
    for case in cases:
        folder = f"content/{case.name}"
        prepare(case, root, root / folder)
        expected += [line for line in expected_lines(case, folder, tongue) if tongue.is_problem(line)]
    result = run(root, language=tongue.code)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert sorted(lines[:-1]) == sorted(expected)
    errors = sum(f": {tongue.error}: " in line for line in expected)
    files = len({line.split(":")[0] for line in expected})
    assert lines[-1] == tongue.summary(errors, len(expected) - errors, files)
    assert state(root / "output") == before


def docs_text() -> str:
    """docs/robustness.md: every case and the exact lines it prints, in Indonesian, then in English."""
    rows = []
    for number, case in enumerate(CASES, start=1):
        shown = " | ".join(_cell(expected_lines(case, "content", tongue)) for tongue in TONGUES)
        rows.append(f"| {number} | {case.what} | {shown} | {case.status} |")
    return "\n".join(
        [
            "# What the build says about bad input",
            "",
            "Every row is a test in `tests/test_robustness.py`: the build is run on a small site with that one",
            "bad input, once in Indonesian (`--lang id` or `ARSIP_LANG=id`; the default) and once in English",
            "(`--lang en`), and it must print exactly these lines (the last one counts the problems), exit with",
            "this status and, when it fails, leave `output/` exactly as it was. The file is `content/…` in",
            "every row; in your project the message names your file and line. Problems are printed as",
            "",
            "    path:line: kesalahan: apa yang salah (apa yang sebaiknya ditulis)",
            "    path:line: error: what is wrong (what to write instead)",
            "",
            "Errors stop the build and change nothing in `output/`; warnings do not stop it. A run lists every",
            "problem of every file at once, so fix them top to bottom and build again.",
            "",
            "Generated from the test's table; do not edit by hand (see the test's docstring).",
            "",
            "| # | Bad input | What the build prints in Indonesian | The same in English | Exit status |",
            "|---|---|---|---|---|",
            *rows,
            "",
            "## What else holds, whatever the input",
            "",
            "- `output/` is replaced in one step, only after the whole build succeeded: a build that fails or",
            "  is killed leaves the previous site complete (`tests/test_atomic.py` kills a 2,000-release build",
            "  20 times, and checks that no worker process of a killed build is left behind). The next site is",
            "  prepared in `.arsip-cache/output-previous` (the render workers write pages straight into it); delete",
            "  it at will. Builds of one project take turns: each holds a lock on the project folder from the start.",
            "- Titles, names, ranks, tags and summaries are escaped wherever they appear; raw HTML in a body is",
            "  cleaned to an allow-list, without scripts, event handlers or `javascript:`/`data:` links",
            "  (`allow_raw_html = true` in `site_config.toml` turns the cleaning off, for trusted sites only);",
            "  CSV cells that a spreadsheet would run as a formula start with `'` (also in `tests/test_robustness.py`).",
            "- Nothing is written outside `output/` (and `.arsip-cache/`), whatever the slug, permalink or",
            "  image path; thousands of generated front-matters and bodies end in a site or in messages like",
            "  the ones above, never in a crash (`tests/test_fuzz.py`).",
            "- A body that Python-Markdown would convert in more than linear time (thousands of `[` never closed,",
            "  quotes or lists nested hundreds deep, hundreds of headings without a blank line) is refused at the",
            "  line of its paragraph before it is converted, so the preview keeps answering; the limits are far",
            "  above what a release needs (`arsip/source/markdown_guard.py`, `tests/test_markdown_time.py`):",
            "",
            "      content/buruk.md:11: error: a paragraph with 8000 '[' or '(' never closed, more than the 10 a",
            "      paragraph may leave open (close each link as [text](address), or write \\[ and \\( for brackets",
            "      shown as such)",
            "",
            "- `build.py new` quotes every value it writes, so no title or name can add a front-matter line, and",
            "  refuses line breaks and control characters (`tests/test_new_command.py`).",
            "",
            "## The preview (`make serve`)",
            "",
            "Each line is a test in `tests/browser/test_serve_hostile.py`:",
            "",
            "- It answers only to its own address (`127.0.0.1`, `localhost`, `[::1]` with its port): a request naming",
            "  another host gets 403 `Alamat ini tidak dilayani / not served here` (a DNS-rebinding page cannot read it),",
            "  and the reload socket refuses pages of other origins with 403.",
            "- A malformed path (`/%00`, `/..%2f..%2fetc/passwd`, `/%ff`, backslashes, very long paths) gets 400 or 404,",
            "  never a 500 or a traceback.",
            "- Stopped and started again, it binds the same port at once; Ctrl-C and SIGTERM stop it with 130 and 143.",
            "- A loop of folder links in `content/` is reported and the preview goes on serving the last good pages;",
            "  `build --clean` while it runs makes it build again from scratch; drafts show only with `--drafts`.",
            "",
        ]
    )


def _cell(lines: list[str]) -> str:
    return "<br>".join(f"`{line.replace('|', '&#124;')}`" for line in lines) or "*(nothing: it simply works)*"


def test_docs_list_every_case() -> None:
    text = docs_text()
    if os.environ.get("ARSIP_WRITE_DOCS"):
        DOCS.write_text(text, encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == text, "docs/robustness.md is out of date; see the docstring of this test module"


# Hostile content: whatever an editor (or an attacker with write access to content/) puts in a
# release, nothing runs in a reader's browser or a spreadsheet, and nothing lands outside output/.

HOSTILE = "<script>alert(1)</script>"
HOSTILE_REGISTRY = f'[[institution]]\nname = "{HOSTILE}"\nslug = "kota-skrip"\nkind = "kota"\naliases = ["Kota Skrip"]\n'
HOSTILE_BODY = """Teks <script>alert(2)</script> biasa.

<img src="x.png" onerror="alert(3)"> <a href="javascript:alert(4)">klik</a> [tautan](javascript:alert(5))

![gambar](data:image/svg+xml;base64,PHN2Zy8+) <a href="data:text/html;base64,PHNjcmlwdD4=">data</a>

Lalu **tebal** <iframe src="https://example.org/"></iframe> <span style="color:red" onclick="alert(6)">merah</span>
"""


def hostile_release(title: str, institution: str, extra: str = "") -> str:
    return (
        f'---\ntitle: "{title}"\ndate: 2024-12-03\ninstitution: "{institution}"\nscore: 90\nrank: "{HOSTILE}"\n'
        f'category: "=HYPERLINK(\\"https://example.org\\")"\ntags: ["{HOSTILE}", "-2+3"]\nsummary: "{HOSTILE}"\n'
        f'awards:\n  - institution: "@SUM(A1)"\n    score: 80\n    rank: "+1"\n{extra}---\n\n{HOSTILE_BODY}'
    )


def hostile_site(tmp_path: Path, *, allow_raw_html: bool = False) -> Path:
    root = copy_project(tmp_path / "site", with_content=False)
    (root / "content" / "institutions.toml").write_text(HOSTILE_REGISTRY, encoding="utf-8")
    (root / "content" / "a.md").write_text(hostile_release(HOSTILE, "Kota Skrip"), encoding="utf-8")
    (root / "content" / "b.md").write_text(hostile_release("Rilis Kedua", f"{HOSTILE} Kabupaten"), encoding="utf-8")
    if allow_raw_html:
        config = root / "site_config.toml"
        config.write_text("allow_raw_html = true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return root


def text_files(output: Path) -> dict[str, str]:
    """Every file of the site that is text (UTF-8, no NUL byte); compressed search-index parts are not."""
    found = {}
    for path in sorted(output.rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        if not data or b"\x00" in data or data[:2] == b"\x1f\x8b":
            continue
        try:
            found[path.relative_to(output).as_posix()] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return found


def release_body(root: Path) -> BeautifulSoup:
    page = next(path for path in (root / "output" / "rilis").rglob("index.html") if "rilis-kedua" in path.parent.name)
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".body")


def test_hostile_text_is_escaped_in_every_text_file(tmp_path: Path) -> None:
    root = hostile_site(tmp_path)
    files = text_files(root / "output")
    assert {"sitemap.xml", "data/awards.json", "data/awards.csv", "index.html"} <= set(files)
    for path, text in files.items():
        if path.endswith((".csv", ".json")):
            continue  # data, not markup: see the two tests below
        assert HOSTILE not in text, f"raw {HOSTILE} in output/{path}"
        assert "alert(2)" not in text and "onerror" not in text and "onclick" not in text, path
    html_pages = [path for path in files if path.endswith(".html")]
    escaped = [path for path in html_pages if "&lt;script&gt;alert(1)&lt;/script&gt;" in files[path]]
    assert len(escaped) >= 5, "the hostile title, name, rank and tag should be shown, escaped, on several pages"
    feeds = [text for path, text in files.items() if path.endswith(".xml") and "<feed" in text]
    assert all("&lt;script&gt;alert(1)&lt;/script&gt;" in text for text in feeds if "Kota Skrip" in text or "kota-skrip" in text)


def test_hostile_text_is_escaped_in_the_json_export(tmp_path: Path) -> None:
    root = hostile_site(tmp_path)
    text = (root / "output" / "data" / "awards.json").read_text(encoding="utf-8")
    assert "<" not in text and HOSTILE not in text  # safe to paste inside a page's <script>
    assert HOSTILE in {release["title"] for release in json.loads(text)["releases"]}  # the same data once parsed


def test_csv_cells_keep_their_text_and_never_start_a_formula(tmp_path: Path) -> None:
    root = hostile_site(tmp_path)
    rows = list(csv.DictReader(io.StringIO((root / "output" / "data" / "awards.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    cells = [value for row in rows for value in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    # A CSV cell is data for a spreadsheet, not markup: the text stays as written, only a formula is defused.
    assert HOSTILE in {row["institution"] for row in rows} and HOSTILE in {row["rank"] for row in rows}
    assert '\'=HYPERLINK("https://example.org")' in {row["category"] for row in rows}
    assert "'@SUM(A1)" in {row["institution"] for row in rows} and "'+1" in {row["rank"] for row in rows}


def test_raw_html_in_bodies_is_sanitised(tmp_path: Path) -> None:
    body = release_body(hostile_site(tmp_path))
    assert body.find(["script", "iframe"]) is None
    for tag in body.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on") or name == "style"], tag
        for name in ("href", "src"):
            assert not str(tag.get(name, "")).strip().lower().startswith(("javascript:", "data:")), tag
    assert body.find("strong").get_text() == "tebal" and "biasa" in body.get_text()


def test_allow_raw_html_turns_the_sanitiser_off(tmp_path: Path) -> None:
    body = release_body(hostile_site(tmp_path, allow_raw_html=True))
    assert body.find("script").get_text() == "alert(2)"
    assert body.find("img", onerror="alert(3)") is not None


@pytest.mark.parametrize(
    "path", ["../luar.html", "/etc/passwd", "a/../../luar.html", "a\\..\\luar.html", "a//b.html", "./a.html", "", "a/"]
)
def test_write_refuses_any_path_leaving_output(tmp_path: Path, path: str) -> None:
    output = tmp_path / "proyek" / "output"
    output.mkdir(parents=True)
    (output / "lama.html").write_text("lama", encoding="utf-8")
    before = state(tmp_path)
    with pytest.raises(BuildFailed) as failed:
        write.sync([Output("baik.html", b"baik"), Output(path, b"jahat")], output)
    assert [problem.format().split(": error: ")[0] for problem in failed.value.problems] == ["output"]
    assert state(tmp_path) == before


def test_write_refuses_a_path_that_is_both_file_and_folder(tmp_path: Path) -> None:
    output = tmp_path / "output"
    with pytest.raises(BuildFailed) as failed:
        write.sync([Output("feed.xml", b"a"), Output("feed.xml/index.html", b"b")], output)
    assert str(failed.value.problems[0].message) == "'feed.xml' would be both a file and a folder of the site"
    assert not output.exists()


# Reproducible: the same input gives the same bytes, whatever the machine's time zone, locale and hash seed.

ENVIRONMENTS = (
    {"TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "PYTHONHASHSEED": "1"},
    {"TZ": "America/Adak", "LANG": "C.UTF-8", "LC_ALL": "C", "PYTHONHASHSEED": "4242"},
)


def test_builds_are_byte_identical_across_time_zones_locales_and_hash_seeds(tmp_path: Path) -> None:
    trees = []
    for number, environment in enumerate(ENVIRONMENTS):
        root = copy_project(tmp_path / f"site-{number}")
        result = subprocess.run(
            [sys.executable, str(REPO / "build.py"), "--root", str(root)],
            capture_output=True,
            text=True,
            env={**{k: v for k, v in os.environ.items() if k != "ARSIP_DEBUG"}, **environment},
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        trees.append(tree_bytes(root / "output"))
    assert trees[0].keys() == trees[1].keys()
    assert [path for path in trees[0] if trees[0][path] != trees[1][path]] == []


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=["equals", "plus", "minus", "at", "tab", "return"])
def test_a_csv_cell_never_starts_a_formula_whatever_reaches_it(start: str) -> None:
    from arsip.site.opendata import csv_cell

    assert csv_cell(f"{start}1+1") == f"'{start}1+1"
