"""Addresses in either language, and the ones that moved or went: the configuration's `translations` and
`[redirects] gone`, a page's counterparts, and the published pages a plan would lose."""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import MappingProxyType

import pytest

from arsip.builddb import Recorded
from arsip.i18n import language
from arsip.publish.published import disappearing
from arsip.site.routes import Page, alternates, in_language
from arsip.source.config import parse_config

ROOT = Path(__file__).resolve().parents[2]
CONFIG = (ROOT / "site_config.toml").read_text(encoding="utf-8")
GONE_LINE = CONFIG.splitlines().index("gone = []") + 1  # where the sample configuration says it


def configured(line: str):
    """The sample configuration with its line `gone = []` written as `line`."""
    text = CONFIG.replace("gone = []", line)
    return parse_config(ROOT, tomllib.loads(text), text)


def test_the_sample_site_is_in_indonesian_with_an_english_mirror() -> None:
    config, problems = parse_config(ROOT, tomllib.loads(CONFIG), CONFIG)
    assert problems == [] and config.languages == ("id", "en") and config.addresses.gone == ()


@pytest.mark.parametrize(
    ("extra", "line"),
    [
        ('gone = ["rilis/x/"]', "site_config.toml:{line}: kesalahan: gone: 'rilis/x/' tidak diawali satu '/' "
         '(tulis path-nya saja, mis. gone = ["/rilis/x/"])'),
        ('gone = ["https://arsip.example.org/rilis/x/"]', "site_config.toml:{line}: kesalahan: gone: "
         "'https://arsip.example.org/rilis/x/' tidak diawali satu '/' (tulis path-nya saja, mis. gone = [\"/rilis/x/\"])"),
        ('gone = ["/rilis/../x/"]', "site_config.toml:{line}: kesalahan: gone: '/rilis/../x/' bukan path alamat di situs ini "
         '(tulis path halaman yang diturunkan, mis. gone = ["/rilis/2021-10-15-judul-lama/"])'),
        ("gon = []", "site_config.toml:{line}: kesalahan: kunci 'redirects.gon' tidak dikenal (maksud Anda 'gone'?)"),
        ('gone = "/rilis/x/"', "site_config.toml:{line}: kesalahan: 'redirects.gone' harus berupa daftar, bukan teks "
         '(tulis mis.  gone = ["/rilis/2021-10-15-judul-lama/"])'),
    ],
)
def test_gone_holds_paths_of_this_site(extra: str, line: str) -> None:
    config, problems = configured(extra)
    assert config is None and [p.format(language("id")) for p in problems] == [line.replace("{line}", str(GONE_LINE))]


def test_gone_is_kept_sorted_and_once() -> None:
    config, problems = configured('gone = ["/rilis/b/", "/instansi/a/", "/rilis/b/"]')
    assert problems == [] and config.addresses.gone == ("/instansi/a/", "/rilis/b/")


def test_translations_are_other_supported_languages() -> None:
    text = CONFIG.replace('translations = ["en"]', 'translations = ["en", "fr"]')
    config, problems = parse_config(ROOT, tomllib.loads(text), text)
    assert config is None and [p.format(language("id")) for p in problems] == [
        "site_config.toml:6: kesalahan: terjemahan 'fr' tidak didukung (tulis salah satu dari: en, id)"
    ]
    text += '\n[strings.fr]\nfooter = "Archive"\n'  # a language the site gives its own words in may be a translation too
    config, problems = parse_config(ROOT, tomllib.loads(text), text)
    assert problems == [] and config.languages == ("id", "en", "fr")
    for written, languages in (('["id", "en", "en"]', ("id", "en")), ('["id"]', ("id",))):
        text = CONFIG.replace('translations = ["en"]', f"translations = {written}")
        config, problems = parse_config(ROOT, tomllib.loads(text), text)
        assert problems == [] and config.languages == languages
    text = CONFIG.replace('language = "id"', 'language = "en"')  # English first: one language left, at the root
    config, problems = parse_config(ROOT, tomllib.loads(text), text)
    assert problems == [] and config.languages == ("en",)


def test_a_page_and_its_counterparts() -> None:
    languages = ("id", "en")
    assert in_language("/en/rilis/x/", "id", languages) == "/rilis/x/"
    assert in_language("/rilis/x/", "en", languages) == "/en/rilis/x/"
    assert in_language("/en/", "id", languages) == "/"
    assert [(a.code, a.name, a.url) for a in alternates("/en/404.html", languages)] == [
        ("id", "Bahasa Indonesia", "/404.html"),
        ("en", "English", "/en/404.html"),
    ]
    assert alternates("/rilis/x/", ("id",)) == ()
    assert [a.name for a in alternates("/fr/", ("id", "fr"))] == ["Bahasa Indonesia", "Français"]  # Babel's, in itself


def _page(url: str, **context: object) -> Page:
    return Page(url, "x.html", MappingProxyType(dict(context)))


def test_a_published_page_may_go_only_moved_or_listed_as_gone() -> None:
    config, problems = configured('gone = ["/instansi/dihapus/"]')
    assert problems == []
    before = ("/", "/en/", "/rilis/lama/", "/en/rilis/lama/", "/en/rilis/tinggal/", "/instansi/dihapus/", "/en/instansi/dihapus/2/",
              "/linimasa/2024/", "/linimasa/2024/2/", "/en/linimasa/2024/2/", "/penilaian/2019/")
    now = [_page("/"), _page("/en/"), _page("/rilis/tinggal/"), _page("/linimasa/2024/", pager=1), _page("/en/linimasa/2024/", pager=1)]
    found = disappearing(before, now, config, {})
    assert [p.format() for p in found] == [
        "output/rilis/lama/index.html: error: the published page /rilis/lama/ would disappear without a redirect (if the release's slug "
        "changed, add  aliases: [lama]  to its front-matter; if it was taken off on purpose, add it to  gone = [\"/rilis/lama/\"]  "
        "under [redirects] in site_config.toml)",
        "output/en/rilis/tinggal/index.html: error: the published page /en/rilis/tinggal/ would disappear without a redirect (if the "
        "release's slug changed, add  aliases: [tinggal]  to its front-matter; if it was taken off on purpose, add it to  "
        "gone = [\"/rilis/tinggal/\"]  under [redirects] in site_config.toml)",
        "output/penilaian/2019/index.html: error: the published page /penilaian/2019/ would disappear without a redirect (if it was "
        "taken off on purpose, add it to  gone = [\"/penilaian/2019/\"]  under [redirects] in site_config.toml)",
    ]
    release = type("R", (), {"path": "content/a.md"})()
    now.append(Page("/rilis/baru/", "release.html", MappingProxyType({"release": release})))
    recorded = {"rilis/lama/index.html": Recorded((("body:content/a.md", b""), ("name:release", b"")), None, None, None)}
    moved = disappearing(("/rilis/lama/",), now, config, recorded)
    assert [p.format(language("id")) for p in moved] == [
        "content/a.md: kesalahan: alamat rilis ini yang sudah terbit, /rilis/lama/, akan hilang tanpa pengalihan "
        "(slug-nya berubah: tambahkan  aliases: [lama]  ke front-matter-nya)"
    ]
