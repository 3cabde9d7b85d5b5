"""The form's pieces without a browser: Decap's local backend confined to content/, and the
configuration generated from the site's schema."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from sitetools import REPO, copy_project, sample_kinds

from arsip import i18n, pipeline
from arsip.commands import admin_backend, admin_schema
from arsip.source import registry, tree

KINDS = sample_kinds()

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
OPTIONS = {"commitMessage": "x", "useWorkflow": False, "status": ""}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "site")


@pytest.fixture
def backend(site: Path) -> admin_backend.LocalBackend:
    return admin_backend.LocalBackend(site, i18n.ENGLISH)


def persist(path: str, raw: str = "---\ntitle: x\n---\n", **more: object) -> dict[str, object]:
    params = {"branch": "main", "dataFiles": [{"slug": "x", "path": path, "raw": raw, **more}], "assets": [], "options": OPTIONS}
    return {"action": "persistEntry", "params": params}


def test_info_says_what_decap_server_says(backend: admin_backend.LocalBackend, site: Path) -> None:
    assert backend.handle({"action": "info"}) == (200, {"repo": site.name, "publish_modes": ["simple"], "type": "local_fs"})


def test_entries_are_listed_read_and_written_as_decap_server_does(backend: admin_backend.LocalBackend, site: Path) -> None:
    status, entries = backend.handle(
        {"action": "entriesByFolder", "params": {"branch": "main", "folder": "content", "extension": "md", "depth": 2}}
    )
    assert status == 200
    paths = [entry["file"]["path"] for entry in entries]
    assert "content/2024/2024-12-03-kota-jambi.md" in paths
    assert all(path.endswith(".md") for path in paths)
    one = next(entry for entry in entries if entry["file"]["path"] == "content/2024/2024-12-03-kota-jambi.md")
    data = (site / "content/2024/2024-12-03-kota-jambi.md").read_bytes()
    assert one == {"data": data.decode(), "file": {"path": "content/2024/2024-12-03-kota-jambi.md", "id": hashlib.sha256(data).hexdigest()}}

    assert backend.handle(persist("content/2025/2025-01-02-baru.md", "---\ntitle: Baru\n---\nIsi.\n")) == (
        200,
        {"message": "entry persisted"},
    )
    written = site / "content/2025/2025-01-02-baru.md"
    assert written.read_text(encoding="utf-8") == "---\ntitle: Baru\n---\nIsi.\n"
    assert oct(written.stat().st_mode & 0o777) == oct(0o644)
    assert not [path for path in written.parent.iterdir() if path.name.startswith(".")]  # no temporary file left

    status, entry = backend.handle({"action": "getEntry", "params": {"branch": "main", "path": "content/2025/2025-01-02-baru.md"}})
    assert status == 200 and entry["data"] == "---\ntitle: Baru\n---\nIsi.\n"
    status, missing = backend.handle({"action": "getEntry", "params": {"branch": "main", "path": "content/2025/nothing.md"}})
    assert (status, missing) == (200, {"data": None, "file": {"path": "content/2025/nothing.md", "id": None}})


def test_a_moved_entry_moves_that_file_only(backend: admin_backend.LocalBackend, site: Path) -> None:
    before = sorted(path.name for path in (site / "content/2024").iterdir())
    request = persist("content/2024/2024-12-03-kota-jambi.md", "---\ntitle: y\n---\n", newPath="content/2023/2024-12-03-kota-jambi.md")
    assert backend.handle(request)[0] == 200
    assert (site / "content/2023/2024-12-03-kota-jambi.md").read_text(encoding="utf-8") == "---\ntitle: y\n---\n"
    assert sorted(path.name for path in (site / "content/2024").iterdir()) == [
        name for name in before if name != "2024-12-03-kota-jambi.md"
    ]


@pytest.mark.parametrize(
    "path",
    [
        "site_config.toml",
        "content/../site_config.toml",
        "content/2024/../../site_config.md",
        "/etc/passwd.md",
        "content//x.md",
        "content/./x.md",
        "content/.git/x.md",
        "content/2024/.x.md",
        "content\\2024\\x.md",
        "content/2024/x\0.md",
        "content/institutions.toml",
        "content/2024/x.html",
        "content/2024/x.svg",
        "templates/base.md",
        "content",
    ],
)
def test_nothing_outside_content_nor_other_than_markdown_is_written(backend: admin_backend.LocalBackend, site: Path, path: str) -> None:
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    status, answer = backend.handle(persist(path))
    assert status == 422, answer
    assert "error" in answer
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_link_out_of_content_is_refused(backend: admin_backend.LocalBackend, site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (site / "content" / "luar").symlink_to(outside)
    assert backend.handle(persist("content/luar/x.md"))[0] == 422
    assert not list(outside.iterdir())


def test_media_only_of_the_kinds_content_publishes(backend: admin_backend.LocalBackend, site: Path) -> None:
    def media(path: str, data: bytes) -> dict[str, object]:
        asset = {"path": path, "content": base64.b64encode(data).decode(), "encoding": "base64"}
        return {"action": "persistMedia", "params": {"branch": "main", "asset": asset, "options": {"commitMessage": "x"}}}

    status, answer = backend.handle(media("content/gambar/foto.png", PNG))
    assert status == 200 and answer["path"] == "content/gambar/foto.png" and answer["name"] == "foto.png"
    assert (site / "content/gambar/foto.png").read_bytes() == PNG
    assert backend.handle(media("content/gambar/foto2.png", b"<script>alert(1)</script>"))[0] == 422  # not what its name says
    assert backend.handle(media("content/gambar/x.svg", b"<svg/>"))[0] == 422
    assert backend.handle(media("content/gambar/x.js", b"alert(1)"))[0] == 422
    status, files = backend.handle({"action": "getMedia", "params": {"branch": "main", "mediaFolder": "content/gambar"}})
    assert status == 200 and [file["path"] for file in files] == ["content/gambar/foto.png"]
    assert (
        backend.handle({"action": "deleteFile", "params": {"branch": "main", "path": "content/gambar/foto.png", "options": OPTIONS}})[0]
        == 200
    )
    assert not (site / "content/gambar/foto.png").exists()
    assert (
        backend.handle({"action": "deleteFile", "params": {"branch": "main", "path": "content/institutions.toml", "options": OPTIONS}})[0]
        == 422
    )
    assert (site / "content/institutions.toml").is_file()


def test_unknown_and_malformed_requests(backend: admin_backend.LocalBackend) -> None:
    assert backend.handle({"action": "publishUnpublishedEntry", "params": {}}) == (422, {"error": "Unknown action publishUnpublishedEntry"})
    assert backend.handle({"action": "__init__", "params": {}})[0] == 422
    assert backend.handle({"action": "_inside", "params": {}})[0] == 422
    assert backend.handle([1, 2])[0] == 422
    assert backend.handle({"action": "getEntry"})[0] == 422
    assert backend.handle({"action": "getEntry", "params": {"path": 3}})[0] == 422
    assert backend.handle({"action": "getDeployPreview", "params": {"branch": "main", "collection": "rilis", "slug": "x"}}) == (200, None)


def test_the_configuration_comes_from_the_sites_schema() -> None:
    config = pipeline.configure(REPO)
    problems: list[object] = []
    found = tree._read_registry(REPO / "content" / "institutions.toml", "content/institutions.toml", problems, None)  # type: ignore[arg-type]
    directory, _ = registry.build_directory(found, KINDS, ("province",))
    made = admin_schema.decap_config(config, directory, i18n.language("id"))
    collection = made["collections"][0]
    assert (collection["folder"], collection["path"], collection["slug"]) == ("content", "{{year}}/{{slug}}", "{{fields.date}}-{{slug}}")
    fields = {field["name"]: field for field in collection["fields"]}
    assert list(fields) == ["title", "date", "institution", "year", "score", "zone", "category", "rank", "summary", "body"]
    assert "Pemerintah Kota Jambi" in fields["institution"]["options"]
    assert len(fields["institution"]["options"]) == len(directory.entries)
    assert fields["zone"]["options"] == ["hijau", "kuning", "merah"]
    assert {"Kualitas Tertinggi", "Kepatuhan Tinggi"} <= set(fields["category"]["options"])
    assert fields["score"]["widget"] == "string"  # 91,20 as written, never a number that would drop its zero
    assert fields["date"]["format"] == "YYYY-MM-DD"
    assert fields["title"]["label"] == "Judul"  # the editor's language
    assert made["locale"] == "id"  # Decap's own buttons too (arsip/locale/id/decap-cms.json)
    assert admin_schema.decap_config(config, directory, i18n.language("en"))["locale"] == "en"


def test_the_backend_answers_this_machine_only() -> None:
    from arsip.commands import serve_admin

    assert all(serve_admin._loopback(address) for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1", "127.0.0.2"))
    assert not any(serve_admin._loopback(address) for address in ("192.168.1.20", "10.0.0.1", "::ffff:192.168.1.20", "", None))
