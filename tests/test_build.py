"""Whole builds: reproducible, incremental on disk, configurable, and safe with what editors write."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sitetools import REPO, copy_project, read_page, run_build, run_here, tree_bytes, tree_state

RELEASE = """---
title: {title}
date: {date}
institution: {institution}
{extra}---

{body}
"""


def release(
    title: str = "Rilis Uji", date: str = "2023-12-14", institution: str = "Pemprov Banten", extra: str = "", body: str = "Isi."
) -> str:
    return RELEASE.format(title=title, date=date, institution=institution, extra=extra, body=body)


def test_two_builds_give_byte_identical_output(tmp_path: Path) -> None:
    first = copy_project(tmp_path / "a")
    second = copy_project(tmp_path / "b")
    assert run_here(first).returncode == 0
    assert run_build(second, env={"TZ": "Asia/Jayapura", "LC_ALL": "C", "PYTHONHASHSEED": "7"}).returncode == 0
    assert tree_bytes(first / "output") == tree_bytes(second / "output")


def test_second_build_rewrites_nothing_and_prunes_stale_files(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    assert run_here(root).returncode == 0
    (root / "output" / "stale.html").write_text("old", encoding="utf-8")
    before = tree_state(root / "output")
    assert run_here(root).returncode == 0
    after = tree_state(root / "output")
    del before["stale.html"]
    assert after == before


def test_base_url_with_sub_path_prefixes_every_internal_link(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    config = root / "site_config.toml"
    text = config.read_text(encoding="utf-8").replace(
        'base_url = "https://arsip-kepatuhan.example.org/"', 'base_url = "https://example.org/arsip/"'
    )
    config.write_text(text, encoding="utf-8")
    assert run_here(root).returncode == 0
    output = root / "output"
    checked = 0
    for page in output.rglob("*.html"):
        soup = read_page(root, "/" + page.relative_to(output).as_posix())
        for tag in soup.select("a[href], link[href], img[src]"):
            target = tag.get("href") or tag.get("src")
            if target.startswith(("https://example.org/arsip/", "http", "#")):
                continue
            assert target.startswith("/arsip/"), (page, target)
            path = target.removeprefix("/arsip/").split("#")[0].split("?")[0]
            assert (output / path / "index.html").is_file() if path.endswith("/") or not path else (output / path).is_file()
            checked += 1
    assert checked > 1000
    home = read_page(root, "/")
    assert home.select_one("link[rel=canonical]")["href"] == "https://example.org/arsip/"
    data = json.loads((output / "data" / "awards.json").read_text(encoding="utf-8"))
    assert data["institutions"][0]["url"].startswith("/instansi/")
    assert "<loc>https://example.org/arsip/rilis/" in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_english_switches_interface_and_dates(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "site")
    config = root / "site_config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('language = "id"', 'language = "en"'), encoding="utf-8")
    assert run_here(root).returncode == 0
    home = read_page(root, "/")
    assert home.html["lang"] == "en"
    assert home.select_one("#tahun-terakhir").get_text(strip=True) == "2024 assessment results in this archive"
    institution = read_page(root, "/instansi/kota-jambi/")
    release_url = institution.select_one("table a[href^='/rilis/']")["href"]
    text = read_page(root, release_url).get_text(" ", strip=True)
    assert "Tuesday, 3 December 2024" in text and "Green Zone" in text and "93.68" in text


def test_zone_is_derived_from_score_and_that_years_rubric(mini_site) -> None:
    root = mini_site(
        {
            "content/a.md": release("Nilai 52 tahun 2021", "2022-02-10", "Pemkab Tanah Bumbu", "year: 2021\nscore: 52\n"),
            "content/b.md": release("Nilai 52 tahun 2023", "2024-01-10", "Pemkab Tanah Bumbu", "year: 2023\nscore: 52,00\n"),
        }
    )
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    history = read_page(root, "/instansi/kabupaten-tanah-bumbu/").select("section[aria-labelledby='riwayat'] tbody tr")
    rows = [row.get_text(" ", strip=True) for row in history]
    assert rows[0].startswith("2023 52,00 Zona Merah D · Kualitas Rendah")
    assert rows[1].startswith("Metode penilaian berubah mulai 2022")  # the two 52s are not the same measure
    assert rows[2].startswith("2021 52 Zona Kuning Kepatuhan Sedang")


def test_inconsistent_zone_warns_naming_the_band(mini_site) -> None:
    root = mini_site({"content/a.md": release(extra="score: 91,16\nzone: kuning\n")})
    result = run_here(root)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/a.md:6: warning: zone 'kuning' does not match score 91.16: under the Penilaian Kepatuhan 2022-2024 rubric "
        "88-100 is hijau (Kualitas Tertinggi) (write  zone: hijau  or check the score)"
    ]


def test_score_forms_mean_the_same(mini_site) -> None:
    files = {
        f"content/{name}.md": release(f"Rilis {name}", f"2023-12-1{index}", "Pemprov Banten", f"score: {form}\n")
        for index, (name, form) in enumerate({"a": "91.16", "b": "91,16", "c": '"91,16"'}.items())
    }
    root = mini_site(files)
    result = run_here(root)
    assert result.returncode == 0 and result.stderr == ""
    data = json.loads((root / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    assert {r["score"] for r in data["releases"]} == {91.16}


def test_disagreeing_reports_warn_and_keep_the_most_precise(mini_site) -> None:
    root = mini_site(
        {
            "content/a.md": release("Banten 74", "2023-12-14", "Pemprov Banten", "score: 74\n"),
            "content/b.md": release("Banten 74,95", "2023-12-20", "Provinsi Banten", "score: 74,95\n"),
        }
    )
    result = run_here(root)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/a.md:4: warning: Pemerintah Provinsi Banten 2023: this release gives score 74, but content/b.md:4 gives 74.95 "
        "(the archive shows 74.95; correct the figure that is wrong)"
    ]
    row = read_page(root, "/instansi/provinsi-banten/").select_one("section[aria-labelledby='riwayat'] tbody tr")
    assert row.get_text(" ", strip=True).startswith("2023 74,95 * Zona Kuning")
    assert "Sumber berbeda" in read_page(root, "/instansi/provinsi-banten/").select_one("p.note").get_text()


def test_misspelt_names_against_a_full_registry_are_told_the_intended_one(mini_site) -> None:
    meant = {
        "Kemenkue": "Kementerian Keuangan",
        "Badan Standarisasi Nasional": "Badan Standardisasi Nasional",
        "Pemprov Sulawesi Tengara": "Pemerintah Provinsi Sulawesi Tenggara",
        "Pemkot Bandug": "Pemerintah Kota Bandung",
        "Pemkab Slemn": "Pemerintah Kabupaten Sleman",
        "Polda Jamb": "Kepolisian Daerah Jambi",
        "Kantah Kabupaten Bandng": "Kantor Pertanahan Kabupaten Bandung",
        "Universitas Gajah Mada": "Universitas Gadjah Mada",
    }
    files = {
        f"content/{index}.md": release(title=f"Rilis {index}", institution=typo) for index, typo in enumerate([*meant, "Pemkab Bantul"])
    }
    registry = (REPO / "tests" / "data" / "institutions-did-you-mean.toml").read_text(encoding="utf-8")
    root = mini_site({"content/institutions.toml": registry, **files})
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    for index, (typo, intended) in enumerate(meant.items()):
        hint = f"content/{index}.md:4: warning: institution '{typo}' is not in institutions.toml; did you mean '{intended}'?"
        assert hint in result.stderr, typo
    assert (
        f"content/{len(meant)}.md:4: warning: institution 'Pemkab Bantul' is not in content/institutions.toml (register it: add to"
        ' content/institutions.toml the lines  [[institution]]  name = "Pemkab Bantul"  kind = "kabupaten"  province = "…")'
    ) in result.stderr.splitlines()


def test_unregistered_name_close_to_registered_warns_with_suggestion(mini_site) -> None:
    root = mini_site({"content/a.md": release(institution="Pemerintah Kota Jamby")})
    result = run_here(root)
    assert result.returncode == 0
    assert "did you mean 'Pemerintah Kota Jambi'?" in result.stderr
    assert read_page(root, "/instansi/pemerintah-kota-jamby/").h1.get_text(strip=True) == "Pemerintah Kota Jamby"


def test_unregistered_name_gets_kind_from_prefix(mini_site) -> None:
    root = mini_site({"content/a.md": release(institution="Polres Kulon Progo", date="2019-12-10", extra="zone: hijau\n")}, registry=False)
    assert run_here(root).returncode == 0
    data = json.loads((root / "output" / "data" / "awards.json").read_text(encoding="utf-8"))
    assert data["institutions"][0]["kind"] == "kepolisian"


def test_drafts_are_left_out_unless_asked(mini_site) -> None:
    root = mini_site({"content/a.md": release(extra="draft: true\nscore: 91,16\n"), "content/b.md": release("Terbit", extra="")})
    assert run_here(root).returncode == 0
    titles = [li.a.get_text(strip=True) for li in read_page(root, "/").select("ul.releases li")]
    assert titles == ["Terbit"]
    assert run_here(root, "build", "--drafts").returncode == 0
    titles = [li.a.get_text(strip=True) for li in read_page(root, "/").select("ul.releases li")]
    assert sorted(titles) == ["Rilis Uji", "Terbit"]


def test_image_is_copied_and_shown_with_caption(mini_site) -> None:
    root = mini_site({"content/2023/a.md": release(extra="image: foto.png\nimage_caption: Penyerahan piagam\n")})
    shutil.copy2(Path(__file__).parent / "data" / "pixel.png", root / "content" / "2023" / "foto.png")
    assert run_here(root).returncode == 0
    page = read_page(root, "/instansi/provinsi-banten/")
    url = page.select_one("ul.releases a")["href"]
    figure = read_page(root, url).select_one("figure")
    assert figure.img["src"] == "/media/2023/foto.png" and figure.img["alt"] == "Penyerahan piagam"
    assert figure.figcaption.get_text(strip=True) == "Penyerahan piagam"
    assert (root / "output" / "media" / "2023" / "foto.png").read_bytes() == (root / "content" / "2023" / "foto.png").read_bytes()


def test_script_in_body_and_title_never_runs(mini_site) -> None:
    body = 'Teks <script>alert(1)</script> dan <a href="javascript:alert(2)">tautan</a> serta **tebal**.'
    root = mini_site({"content/a.md": release(title='"<script>alert(3)</script>"', body=body)})
    assert run_here(root).returncode == 0
    for page in (root / "output").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "javascript:" not in html
    url = read_page(root, "/").select_one("ul.releases a")["href"]
    article = read_page(root, url)
    assert article.h1.get_text() == "<script>alert(3)</script>"
    assert article.select_one(".body strong").get_text() == "tebal"


def test_crlf_and_bom_files_build(mini_site) -> None:
    root = mini_site({})
    text = "\ufeff" + release(extra="score: 91,16\n").replace("\n", "\r\n")
    (root / "content" / "a.md").write_bytes(text.encode("utf-8"))
    result = run_here(root)
    assert result.returncode == 0, result.stderr
    assert "91,16" in read_page(root, "/penilaian/2023/").get_text()


def test_empty_content_is_an_error_not_an_empty_site(mini_site) -> None:
    root = mini_site({}, registry=False)
    result = run_here(root)
    assert result.returncode == 1
    assert result.stderr.startswith("content: error: holds no release: the site would be empty")
    assert not (root / "output").exists()


def test_body_images_beside_the_release_are_found(mini_site) -> None:
    root = mini_site({"content/2023/a.md": release(body="Foto: ![Penyerahan piagam](foto.png) dan [berkas](lampiran/surat.pdf).")})
    shutil.copy2(Path(__file__).parent / "data" / "pixel.png", root / "content" / "2023" / "foto.png")
    (root / "content" / "2023" / "lampiran").mkdir()
    (root / "content" / "2023" / "lampiran" / "surat.pdf").write_bytes(b"%PDF-1.4\n")
    assert run_here(root).returncode == 0
    url = read_page(root, "/instansi/provinsi-banten/").select_one("ul.releases a")["href"]
    body = read_page(root, url).select_one(".body")
    assert body.img["src"] == "/media/2023/foto.png"
    assert body.select_one("a[href$='.pdf']")["href"] == "/media/2023/lampiran/surat.pdf"
    assert run_here(root, "check").returncode == 0


def test_releases_disagreeing_on_zone_warn(mini_site) -> None:
    root = mini_site(
        {
            "content/a.md": release("Jambi kuning", "2024-12-03", "Pemkot Jambi", "zone: kuning\n"),
            "content/b.md": release("Jambi 93,68", "2024-12-04", "Pemerintah Kota Jambi", "score: 93,68\n"),
        }
    )
    result = run_here(root)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "content/a.md:4: warning: Pemerintah Kota Jambi 2024: this release gives zone kuning, but content/b.md:4 gives hijau "
        "(the archive shows hijau; correct the figure that is wrong)"
    ]


def test_long_lists_are_split_over_numbered_pages(mini_site) -> None:
    files = {
        f"content/r{n:03d}.md": release(f"Rilis {n:03d}", f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "Pemkot Jambi", body=f"Isi {n}.")
        for n in range(250)
    }
    root = mini_site(files)
    assert run_here(root, "check", "--strict").returncode == 0  # every pager link resolves
    assert run_here(root).returncode == 0
    first = read_page(root, "/linimasa/2024/")
    assert len(first.select("ul.releases li")) == 100
    assert [a["href"] for a in first.select_one("nav.pager").select("a")] == ["/linimasa/2024/2/", "/linimasa/2024/3/", "/linimasa/2024/2/"]
    last = read_page(root, "/linimasa/2024/3/")
    assert len(last.select("ul.releases li")) == 50 and last.select_one("nav.pager a[rel=prev]")["href"] == "/linimasa/2024/2/"
    titles = [
        li.a.get_text()
        for page in ("/linimasa/2024/", "/linimasa/2024/2/", "/linimasa/2024/3/")
        for li in read_page(root, page).select("ul.releases li")
    ]
    assert sorted(titles) == sorted(f"Rilis {n:03d}" for n in range(250))
    institution = read_page(root, "/instansi/kota-jambi/")
    assert len(institution.select("ul.releases li")) == 100
    second = read_page(root, "/instansi/kota-jambi/2/")
    assert second.h1.a["href"] == "/instansi/kota-jambi/" and len(second.select("ul.releases li")) == 100
