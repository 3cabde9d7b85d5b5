"""`build.py new` never lets a value add a line or a key to the front-matter it writes.

Each hostile value (line breaks, `---`, `: `, `#`, quotes, a leading `&`, `*`, `!`, `[`, `{`, control
characters, bytes that are not UTF-8, ...) is given as the title, the institution, the score or the zone of a
`build.py new` run as an editor runs it: by this process (`sitetools.run_here`: `main`, which build.py
calls, for the 150 values) and, for a few, as a process of its own, where the value travels as the bytes of
an argument. Either the command refuses it (exit 1, a message,
no file), or the file it writes, read by the build's own parsing and validation, holds the keys of the skeleton
and nothing more, with exactly the value given; the site with every file written then builds, and each release
page shows its title as given.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitetools import copy_project, read_page, run_build, run_here, sample_kinds

from arsip.model.validate import Release, validate_doc
from arsip.pipeline import configure
from arsip.problems import Problem
from arsip.source import registry, tree
from arsip.source.frontmatter import parse_doc

KINDS = sample_kinds()

REGISTRY = '[[institution]]\nname = "Pemerintah Kota Jambi"\nslug = "kota-jambi"\naliases = ["Pemkot Jambi"]\n'
GOOD = "---\ntitle: Rilis Baik\ndate: 2024-12-03\ninstitution: Pemkot Jambi\n---\n\nIsi rilis.\n"
HOSTILE = [
    "Judul\ninstitution: Lain",
    "Judul\r\ndraft: true",
    "Judul\rdraft: true",
    "Judul\x85draft: true",
    "Judul\u2028draft: true",
    "Judul\u2029draft: true",
    "Judul\tdraft",
    "Judul\x01satu",
    "Judul \x1b[31mmerah",
    "Judul\x7fhapus",
    "Judul \udcff bukan UTF-8",
    "---",
    "--- draft: true",
    "...",
    "draft: true",
    "Judul: anak judul",
    "Judul #bukan komentar",
    "# komentar",
    "'kutip tunggal'",
    '"kutip ganda"',
    'Judul "dengan" kutip \\" dan \\n garis miring',
    "&jangkar nilai",
    "*alias",
    "!!python/object:os.system",
    "[daftar, nilai]",
    "{kunci: nilai}",
    "| blok",
    "> lipat",
    "%YAML 1.2",
    "@nama",
    "`kode`",
    "- butir",
    "? kunci",
    "~",
    "null",
    "true",
    "075",
    "2024-12-03",
    "Judul \\u0041 \\x41",
    "Pemkot Jambi Raih Zona Hijau — 93,68 🎉",
    "Judul\ufeffBOM",
    "Judul\ufffe",
    "Judul\u00a0spasi",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("new") / "site", with_content=False)
    (root / "content" / "institutions.toml").write_text(REGISTRY, encoding="utf-8")
    (root / "content" / "baik.md").write_text(GOOD, encoding="utf-8")
    return root


def read_back(root: Path, relative: str) -> tuple[dict[str, object], Release]:
    """The written file as the build reads it: its front-matter values and the checked release."""
    config = configure(root)
    content, _ = tree.load_content(config)
    directory, _ = registry.build_directory(content.registry, KINDS, ("province",))
    problems: list[Problem] = []
    doc = parse_doc((root / relative).read_text(encoding="utf-8"), relative, "", problems)
    assert doc is not None and not [problem for problem in problems if problem.is_error], problems
    release = validate_doc(doc, directory, frozenset(), config, problems)
    assert release is not None and not [problem for problem in problems if problem.is_error], problems
    return doc.meta, release


def new(root: Path, index: int, field: str, value: str, *, in_process: bool = True) -> tuple[int, str, str]:
    """`build.py new` with `value` as `field`: run by this process (`run_here`, the same lines and status), or, with
    `in_process=False`, as its own process, where the value travels as the bytes of an argument (see below)."""
    date = (dt.date(2024, 1, 1) + dt.timedelta(days=index)).isoformat()
    values = {"title": f"Rilis {field} {index}", "--institution": "Pemkot Jambi", "--score": None, "--zone": None}
    values["title" if field == "title" else f"--{field}"] = value
    options = [f"{key}={values[key]}" for key in ("--institution", "--score", "--zone") if values[key] is not None]
    args = ["new", f"--date={date}", *options, "--", str(values["title"])]  # a value may begin with '-'
    result = run_here(root, *args) if in_process else run_build(root, *args)
    return result.returncode, result.stdout.strip(), result.stderr


def refused(status: int, stdout: str, stderr: str) -> bool:
    """True when the command refused the value as it must: exit 1, a message, nothing written."""
    if status == 0:
        return False
    assert status == 1 and "error:" in stderr and "nothing was written" in stderr, stderr
    assert "Traceback" not in stderr and stdout == ""
    return True


def written_exactly(site: Path, field: str, value: str, status: int, stdout: str, stderr: str) -> str | None:
    """The slug of the release `new` wrote with `value` as `field`, checked to hold exactly that value and nothing
    more; None when it refused the value, which it may only do for a line break or a control character."""
    if refused(status, stdout, stderr):
        assert any(char in value for char in "\n\r\x85\u2028\u2029\t\x01\x1b\x7f\udcff\ufffe"), (value, stderr)
        return None
    meta, release = read_back(site, stdout)
    assert set(meta) == {"title", "date", "institution", "tags"}, (value, meta)
    assert meta[field] == value
    shown = release.title if field == "title" else release.institution.name
    assert shown == " ".join(value.split()), value  # the build writes runs of spaces as one, as for any file
    return release.slug


@pytest.mark.parametrize("field", ["title", "institution"])
def test_hostile_text_is_refused_or_written_exactly(site: Path, field: str) -> None:
    offset = 0 if field == "title" else len(HOSTILE)
    written = {}
    for index, value in enumerate(HOSTILE):
        slug = written_exactly(site, field, value, *new(site, offset + index, field, value))
        if slug:
            written[slug] = value
    assert len(written) >= len(HOSTILE) - 12
    if field == "title":  # the institutions are written by the same quoting: one build shows it
        built = run_build(site)
        assert built.returncode == 0, built.stderr
        for slug, value in written.items():
            assert read_page(site, f"/rilis/{slug}/").h1.get_text(strip=True) == " ".join(value.split())


# Values that reach a process of its own as the bytes of its arguments: a byte that is not UTF-8 (given here as the
# surrogate Python reads it as), a line break, and text beyond ASCII.
AS_ARGUMENTS = ["Judul \udcff bukan UTF-8", "Judul\ninstitution: Lain", "Pemkot Jambi Raih Zona Hijau — 93,68 🎉", "Judul: anak judul"]


@pytest.mark.parametrize("field", ["title", "institution"])
def test_values_given_to_build_py_as_arguments_are_refused_or_written_exactly(site: Path, field: str) -> None:
    offset = 500 if field == "title" else 600
    results = [new(site, offset + index, field, value, in_process=False) for index, value in enumerate(AS_ARGUMENTS)]
    slugs = [written_exactly(site, field, value, *result) for value, result in zip(AS_ARGUMENTS, results, strict=True)]
    assert [slug is None for slug in slugs] == [True, True, False, False]


@pytest.mark.parametrize("field", ["score", "zone"])
def test_hostile_result_words_are_refused(site: Path, field: str) -> None:
    for index, value in enumerate(HOSTILE[:20]):
        status, stdout, stderr = new(site, 200 + index, field, value)
        assert refused(status, stdout, stderr), value
    for index, value in enumerate(["hijau\nscore: 10", "93,68\nzone: merah", "90 # komentar"]):
        status, stdout, stderr = new(site, 300 + index, field, value)
        assert refused(status, stdout, stderr), value
