"""The build database: nothing in it is ever run, anything unusable is set aside, and versions are inputs of everything."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, run_here, small_sample, tree_bytes

from arsip import pipeline
from arsip.builddb import APPLICATION_ID
from arsip.commands import cli
from arsip.publish.files import content_digest
from arsip.session import Session

RELEASE = "content/2024/2024-12-03-kota-jambi.md"
# Two sample releases and the institutions they name (about 90 pages): what the database does is the same at any size.
SMALL = (RELEASE, "content/2024/2024-12-11-kantah-tala-2024.md")


class Planted:
    """Unpickled, it would create the file `marker`: a build that unpickles anything would be caught."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (Path.touch, (self.marker,))


def pickle_of(marker: Path) -> bytes:
    return pickle.dumps({"page_keys": Planted(marker)}, protocol=pickle.HIGHEST_PROTOCOL)


def sqlite_file(path: Path, application_id: int, schema: int) -> bytes:
    """A real SQLite database with our table names, of another program or another schema, and a trigger in it."""
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA application_id = {application_id}")
        connection.execute(f"PRAGMA user_version = {schema}")
        connection.execute("CREATE TABLE outputs (path TEXT, reads TEXT, status TEXT, indexed BLOB)")
        connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        connection.execute("CREATE TRIGGER t AFTER DELETE ON outputs BEGIN INSERT INTO meta VALUES ('ran', 'trigger'); END")
        connection.execute("INSERT INTO outputs VALUES ('index.html', '[]', '1:2:3:4', NULL)")
    data = path.read_bytes()
    path.unlink()
    return data


def clean_build_of(root: Path, tmp_path: Path) -> dict[str, bytes]:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("output", ".arsip-cache"))
    assert run_here(clean).returncode == 0
    return tree_bytes(clean / "output")


def edit(root: Path, old: str, new: str) -> None:
    path = root / RELEASE
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("planted", ["pickle", "garbage", "other schema", "other program"])
def test_planted_cache_files_are_set_aside_never_run(tmp_path: Path, planted: str) -> None:
    site = small_sample(tmp_path / "site", SMALL)
    assert run_here(site).returncode == 0
    cache = site / ".arsip-cache"
    marker = tmp_path / "ran-planted-code"
    payload = {
        "pickle": pickle_of(marker),
        "garbage": bytes(range(256)) * 64,
        "other schema": sqlite_file(tmp_path / "x.db", APPLICATION_ID, 99),
        "other program": sqlite_file(tmp_path / "x.db", 0, 1),
    }[planted]
    targets = [path for path in cache.iterdir() if path.is_file()]
    targets += [cache / "build-output.db-wal", cache / "build-output.db-shm"]  # where SQLite would look for more
    targets += [cache / "build-cache" / "index.bin", cache / "last-build.json"]  # where earlier versions kept theirs
    assert cache / "build-output.db" in targets
    for target in targets:
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(payload)
    edit(site, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
    result = run_here(site)
    assert result.returncode == 0, result.stderr
    assert not marker.exists(), "a planted file was run"
    (notice,) = result.stderr.splitlines()  # one line, then the build goes on from scratch
    assert notice.startswith("arsip: build-output.db: ") and "set aside" in notice
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)
    assert not (cache / "build-cache").exists() and not (cache / "last-build.json").exists()  # the pickle cache of earlier versions
    again = run_here(site)
    assert again.returncode == 0 and again.stderr == "" and again.stdout.startswith("Nothing changed")  # the new database is trusted


def test_a_database_locked_by_another_program_is_set_aside(tmp_path: Path) -> None:
    site = small_sample(tmp_path / "site", SMALL)
    assert run_here(site).returncode == 0
    holder = sqlite3.connect(site / ".arsip-cache" / "build-output.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        edit(site, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
        result = run_here(site)
    finally:
        holder.close()
    assert result.returncode == 0, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "locked by another program" in result.stderr
    assert tree_bytes(site / "output") == clean_build_of(site, tmp_path)


def _upgrade(monkeypatch: pytest.MonkeyPatch, library: str) -> None:
    """The installed distribution of `library` says it is another version (what `pip install -U` changes)."""
    installed = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0.0-upgraded" if name == library else installed(name))


@pytest.mark.parametrize("library", ["jinja2", "markdown", "pillow"])
def test_a_new_library_version_produces_every_output_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, library: str) -> None:
    site = small_sample(tmp_path / "site", SMALL)
    first = pipeline.build(pipeline.configure(site), session=Session.open(site / "output"))
    assert pipeline.build(pipeline.configure(site), session=Session.open(site / "output")).rendered == 0
    _upgrade(monkeypatch, library)
    session = Session.open(site / "output")
    again = pipeline.build(pipeline.configure(site), session=session)
    assert again.rendered == again.files == first.files  # every page, feed and data file made again
    assert session.db.markdown([]) == {} and session.db.connection.execute("SELECT count(*) FROM markdown").fetchone()[0] > 0


def test_the_no_op_shortcut_knows_library_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = small_sample(tmp_path / "site", SMALL)
    assert cli.main(["--root", str(site), "build"]) == 0
    assert cli.main(["--root", str(site), "build"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Nothing changed")
    _upgrade(monkeypatch, "jinja2")
    assert cli.main(["--root", str(site), "build"]) == 0
    assert capsys.readouterr().out.startswith("Built ")


@pytest.mark.parametrize("in_place", [False, True], ids=["build", "preview"])
def test_every_record_holds_the_digest_of_the_bytes_written(tmp_path: Path, in_place: bool) -> None:
    site = copy_project(tmp_path / "site")
    output = site / "output"
    session = Session.open(output, in_place=in_place)
    for step in range(2):  # a cold build, then one where most files are kept and a few are made again
        if step:
            edit(site, "Sri Purwaningsih menyatakan", "Sri Purwaningsih pun menyatakan")
        result = pipeline.build(pipeline.configure(site), session=session)
        assert result.rendered > 0
        records = Session.open(output).db.outputs()  # as the next process finds them
        assert len(records) == result.files
        wrong = [path for path, record in records.items() if record.written != content_digest((output / path).read_bytes())]
        assert wrong == []


ODD_BODIES = {  # how editors' files end up on disk: each must be read back from the database exactly as parsed
    "crlf.md": b"---\r\ntitle: Baris Windows\r\ndate: 2024-12-03\r\ninstitution: Pemkot Jambi\r\n---\r\n\r\n  Isi dengan CRLF.  \r\n\r\n",
    "bom.md": "\ufeff---\ntitle: Dengan BOM\ndate: 2024-12-04\ninstitution: Pemkot Jambi\n---\nIsi --- di tengah.\n---\n".encode(),
    "kosong.md": b"---\ntitle: Tanpa Isi\ndate: 2024-12-05\ninstitution: Pemkot Jambi\n---\n\n \t\n",
    "ujung.md": "---\ntitle: Tanpa Baris Akhir\ndate: 2024-12-06\ninstitution: Pemkot Jambi\n---\nIsi akhir \u2014 tanpa baris".encode(),
}


def test_a_release_read_back_from_the_database_is_the_release_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process takes the front-matter of an unchanged release from the database and its body from the file it
    reads anyway: the release is the very one parsing gives, and nothing is parsed again."""
    from arsip.builddb import BuildDB, database_path
    from arsip.source import frontmatter, tree

    root = small_sample(tmp_path / "site", SMALL)
    for name, data in ODD_BODIES.items():
        (root / "content" / "2024" / name).write_bytes(data)
    assert cli.main(["--root", str(root), "build"]) == 0
    config = pipeline.configure(root)
    parsed, _ = tree.load_content(config)
    db = BuildDB.open(database_path(config.output_dir))
    monkeypatch.setattr(frontmatter, "parse_doc", lambda *args: pytest.fail(f"parsed again: {args[1]}"))
    try:
        kept, problems = tree.load_content(config, memo=tree.DocMemo(store=db))
    finally:
        db.close()
    assert problems == [] and kept.docs == parsed.docs and len(kept.docs) == len(SMALL) + len(ODD_BODIES)
    assert {doc.body for doc in kept.docs if doc.path.endswith(tuple(ODD_BODIES))} == {
        "Isi dengan CRLF.\n", "Isi --- di tengah.\n---\n", "\n", "Isi akhir \u2014 tanpa baris\n"
    }


def test_a_damaged_row_of_a_kept_release_is_parsed_again(tmp_path: Path) -> None:
    """A row of `docs` nested past any parser's depth, or holding front-matter that is not a table, is not trusted:
    the release is parsed again from its file and the site is the same."""
    import json

    root = small_sample(tmp_path / "site", SMALL)
    assert cli.main(["--root", str(root), "build", "--lang", "id"]) == 0
    before = tree_bytes(root / "output")
    with sqlite3.connect(root / ".arsip-cache" / "build-output.db") as connection:
        connection.execute("UPDATE docs SET doc = ? WHERE path = ?", ("[" * 100_000 + "]" * 100_000, SMALL[0]))
        not_a_table = json.dumps({"meta": ["title"], "body": [0, 0], "lines": {}, "first": 2})
        assert connection.execute("UPDATE docs SET doc = ? WHERE path = ?", (not_a_table, SMALL[1])).rowcount == 1
    # Its own process (this one's recursion limit may be raised by a test plugin), in another language of messages: a
    # real build, not the no-op.
    command = [sys.executable, str(REPO / "build.py"), "--root", str(root), "build", "--lang", "en"]
    built = subprocess.run(command, capture_output=True, text=True)
    assert built.returncode == 0 and "Built" in built.stdout, built.stderr
    assert tree_bytes(root / "output") == before
