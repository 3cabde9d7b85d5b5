"""Addresses that last, in both languages: a renamed institution and a release whose slug changed keep their
old addresses (redirect pages and `_redirects`), a published page never disappears without a redirect or a
`gone` entry (and output/ stays as it was when one would), and every page links its counterpart in the
other language. Sites are built with build.py as an editor runs it; pages are read with an HTML parser.
(tests/browser/test_languages_and_redirects.py follows the redirects and the language switch in Chromium.)
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from sitetools import read_page, run_here, tree_state

SITE = "https://arsip-kepatuhan.example.org"
REGISTRY = '[[institution]]\nname = "Kementerian Komunikasi dan Informatika"\nkind = "kementerian"\naliases = ["Kominfo"]\n'
RENAMED = (
    '[[institution]]\nname = "Kementerian Komunikasi dan Digital"\nkind = "kementerian"\naliases = ["Komdigi", "Kominfo"]\n'
    'former = ["Kementerian Komunikasi dan Informatika"]\n'
)
RELEASE = "---\ntitle: {title}\ndate: 2023-12-{day}\ninstitution: Kominfo\nscore: 91,16\n{extra}---\nIsi rilis.\n"
OLD_INSTITUTION, NEW_INSTITUTION = "/instansi/kementerian-komunikasi-dan-informatika/", "/instansi/kementerian-komunikasi-dan-digital/"
OLD_RELEASE, NEW_RELEASE = "/rilis/2023-12-14-kominfo-raih-nilai-91-16/", "/rilis/2023-12-14-kementerian-kominfo-raih-nilai-91-16/"
ID = {"ARSIP_LANG": "id"}


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).write_text(text, encoding="utf-8")


def redirect_of(root: Path, url: str) -> tuple[str, str, str]:
    """(meta refresh target, canonical, visible link) of the redirect page at `url`; it has no script."""
    soup = read_page(root, url)
    assert soup.find("script") is None and soup.select_one("meta[name=robots]")["content"] == "noindex"
    refresh = soup.select_one("meta[http-equiv=refresh]")["content"]
    return refresh, soup.select_one("link[rel=canonical]")["href"], soup.select_one("main a")["href"]


def test_a_renamed_institution_and_a_retitled_release_keep_their_old_addresses(mini_site) -> None:
    first = RELEASE.format(title="Kominfo Raih Nilai 91,16", day=14, extra="")
    root = mini_site({"content/a.md": first, "content/institutions.toml": REGISTRY}, registry=False)
    assert run_here(root).returncode == 0
    published = tree_state(root / "output")

    write(root, "content/institutions.toml", RENAMED.replace("former = [\"Kementerian Komunikasi dan Informatika\"]\n", ""))
    write(root, "content/a.md", RELEASE.format(title="Kementerian Kominfo Raih Nilai 91,16", day=14, extra=""))
    refused = run_here(root, env=ID)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        f"content/a.md: kesalahan: alamat rilis ini yang sudah terbit, {OLD_RELEASE}, akan hilang tanpa pengalihan "
        "(slug-nya berubah: tambahkan  aliases: [2023-12-14-kominfo-raih-nilai-91-16]  ke front-matter-nya)",
        f"output{OLD_INSTITUTION}index.html: kesalahan: halaman yang sudah terbit, {OLD_INSTITUTION}, akan hilang tanpa pengalihan "
        '(bila instansinya berganti nama, tambahkan  former = ["kementerian-komunikasi-dan-informatika"]  pada instansi itu di '
        'content/institutions.toml; bila sengaja diturunkan, tambahkan ke  gone = ["/instansi/kementerian-komunikasi-dan-informatika/"]  '
        "di bawah [redirects] dalam site_config.toml)",
        "2 kesalahan, 0 peringatan di 2 berkas",
    ]
    assert tree_state(root / "output") == published  # output/ as it was, to the byte and the time
    checked = run_here(root, "check")
    assert checked.returncode == 1 and f"the published page {OLD_INSTITUTION} would disappear" in checked.stderr
    assert f"{OLD_RELEASE} would disappear" in checked.stderr

    write(root, "content/institutions.toml", RENAMED)
    write(root, "content/a.md", RELEASE.format(title="Kementerian Kominfo Raih Nilai 91,16", day=14,
                                               extra="aliases: [2023-12-14-kominfo-raih-nilai-91-16]\n"))
    built = run_here(root)
    assert built.returncode == 0, built.stderr
    for language in ("", "/en"):
        for old, new in ((OLD_RELEASE, NEW_RELEASE), (OLD_INSTITUTION, NEW_INSTITUTION)):
            assert redirect_of(root, language + old) == (f"0; url={language}{new}", f"{SITE}{language}{new}", f"{language}{new}")
            assert read_page(root, language + new).select_one("link[rel=canonical]")["href"] == f"{SITE}{language}{new}"
    lines = (root / "output" / "_redirects").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and sorted(lines[1:]) == lines[1:]
    assert set(lines[1:]) == {
        f"{OLD_RELEASE} {NEW_RELEASE} 301",
        f"/en{OLD_RELEASE} /en{NEW_RELEASE} 301",
        f"{OLD_INSTITUTION} {NEW_INSTITUTION} 301",
        f"/en{OLD_INSTITUTION} /en{NEW_INSTITUTION} 301",
        f"{OLD_RELEASE}card.png {NEW_RELEASE}card.png 301",
        *(f"{OLD_INSTITUTION}{file} {NEW_INSTITUTION}{file} 301" for file in ("feed.xml", "rss.xml", "feed.json", "badge.svg", "card.png")),
    }
    sitemap = (root / "output" / "sitemap.xml").read_text(encoding="utf-8")
    assert NEW_RELEASE in sitemap and OLD_RELEASE not in sitemap  # an old address is no page of its own

    write(root, "content/a.md", RELEASE.format(title="Kementerian Kominfo Raih Nilai 91,16", day=14, extra=""))
    dropped = run_here(root)  # a redirect, once published, is a published page too
    assert dropped.returncode == 1 and f"{OLD_RELEASE} would disappear" in dropped.stderr


def test_a_page_taken_off_on_purpose_is_listed_under_gone(mini_site) -> None:
    files = {
        "content/a.md": RELEASE.format(title="Kominfo Raih Nilai 91,16", day=14, extra=""),
        "content/b.md": RELEASE.format(title="Rilis Ganda", day=15, extra=""),
        "content/institutions.toml": REGISTRY,
    }
    root = mini_site(files, registry=False)
    assert run_here(root).returncode == 0
    (root / "content" / "b.md").unlink()
    refused = run_here(root)
    gone = "/rilis/2023-12-15-rilis-ganda/"
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[:-1] == [  # said once for both languages
        f"output{gone}index.html: error: the published page {gone} would disappear without a redirect (if the release's slug changed, "
        f'add  aliases: [2023-12-15-rilis-ganda]  to its front-matter; if it was taken off on purpose, add it to  gone = ["{gone}"]  '
        "under [redirects] in site_config.toml)"
    ]
    assert run_here(root, "--drafts").returncode == 1  # a build with drafts is checked too

    config = root / "site_config.toml"
    write(root, "site_config.toml", config.read_text(encoding="utf-8").replace("gone = []", f'gone = ["{gone}"]'))
    assert run_here(root).returncode == 0
    assert not (root / "output" / gone.strip("/")).exists() and not (root / "output" / "en" / gone.strip("/")).exists()
    write(root, "site_config.toml", config.read_text(encoding="utf-8").replace(f'gone = ["{gone}"]', "gone = []"))
    assert run_here(root).returncode == 0  # once it is off the site, the list may forget it


def html_pages(output: Path) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site by its site-relative address, but the redirect pages at old addresses."""
    pages = {}
    for path in sorted(output.rglob("*.html")):
        if path.parts[len(output.parts)] in ("pagefind", "static"):
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if soup.select_one("meta[http-equiv=refresh]") is None:
            pages["/" + path.relative_to(output).as_posix().removesuffix("index.html")] = soup
    return pages


def test_every_page_names_its_counterpart_in_the_other_language(sample_site: Path) -> None:
    pages = html_pages(sample_site / "output")
    english = [url for url in pages if url.startswith("/en/")]
    assert len(english) * 2 == len(pages) > 200  # every page in both languages
    kinds = set()
    for url, soup in pages.items():
        own = "en" if url.startswith("/en/") else "id"
        assert soup.html["lang"] == own, url
        alternates = {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}
        assert set(alternates) == {"id", "en", "x-default"}, url
        assert alternates["x-default"] == alternates["id"] and alternates[own] == SITE + url, url
        other = "id" if own == "en" else "en"
        counterpart = urlsplit(alternates[other]).path
        assert counterpart in pages, (url, counterpart)  # an existing file
        back = {link["hreflang"]: link["href"] for link in pages[counterpart].select("link[rel=alternate][hreflang]")}
        assert back == alternates, url  # and they name each other
        switch = soup.select("a.language-switch")
        assert [(a["href"], a["hreflang"], a["lang"], a.get_text()) for a in switch] == [
            (counterpart, other, other, "English" if other == "en" else "Bahasa Indonesia")
        ], url
        kinds.add(re.sub(r"/[^/]+/$", "/*/", url.removeprefix("/en")) if url.count("/") > 2 else url.removeprefix("/en"))
    assert {"/", "/404.html", "/rilis/*/", "/instansi/*/", "/zona/hijau/*/", "/linimasa/*/", "/cari/"} <= kinds


def test_the_sample_site_keeps_the_old_addresses_it_names(sample_site: Path) -> None:
    lines = (sample_site / "output" / "_redirects").read_text(encoding="utf-8").splitlines()[1:]
    old = "/instansi/kementerian-komunikasi-dan-informatika/"
    assert f"{old} /instansi/kementerian-komunikasi-dan-digital/ 301" in lines
    assert f"/en{old} /en/instansi/kementerian-komunikasi-dan-digital/ 301" in lines
    release = "/rilis/2024-12-03-pemkot-jambi-raih-nilai-93-68"
    assert f"{release}/ {release}-terbaik-se-provinsi-jambi-pada/ 301" in lines
    for line in lines:
        source, target, status = line.split(" ")
        assert status == "301" and source != target
        if source.endswith("/"):
            assert redirect_of(sample_site, source)[2] == target
        file = sample_site / "output" / target.lstrip("/")
        assert file.is_file() or (file / "index.html").is_file()
