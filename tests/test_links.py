"""Links are checked where they are written: a release's Markdown file and line, or the template.

Real mini-sites built by build.py's own `main` (run in the test's process). `build` warns about a broken link a release body wrote,
`build --strict` and `check` fail on it; `check` also reports the links the templates wrote; `check
--external` asks other sites, here a server on 127.0.0.1 that counts its requests (never the internet).
"""

from __future__ import annotations

import http.server
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from sitetools import read_page, run_here, template_file

# The link that is broken is on line 9 of the file: the front-matter's lines count.
RELEASE = """---
title: Pemkot Jambi Raih Zona Hijau
date: 2024-12-03
institution: Pemerintah Kota Jambi
score: 91
---
Pemerintah Kota Jambi meraih zona hijau.

Lihat [rincian penilaian](halaman-tidak-ada/) dan [daftar zona](/zona/).

## Tujuan {#tujuan}

Kembali ke [tujuan](#tujuan), lalu ke [bagian yang hilang](#tidak-ada).
"""
PATH = "content/2024/2024-12-03-jambi.md"

EXPECTED = {
    "en": [
        f"{PATH}:9: {{word}}: broken link 'halaman-tidak-ada/': no such page or file (fix the link on this line)",
        f"{PATH}:13: {{word}}: broken link '#tidak-ada': no element with id 'tidak-ada' (fix the link on this line)",
    ],
    "id": [
        f"{PATH}:9: {{word}}: tautan rusak 'halaman-tidak-ada/': halaman atau berkas itu tidak ada (perbaiki tautan di baris ini)",
        f"{PATH}:13: {{word}}: tautan rusak '#tidak-ada': tidak ada elemen dengan id 'tidak-ada' (perbaiki tautan di baris ini)",
    ],
}
WORDS = {"en": ("error", "warning"), "id": ("kesalahan", "peringatan")}


def _problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("content/", "templates/", "output/"))]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_broken_link_in_a_body_fails_check_and_strict_build_at_its_file_and_line(mini_site, lang: str) -> None:
    root = mini_site({PATH: RELEASE})
    error, warning = WORDS[lang]
    env = {"ARSIP_LANG": lang}

    checked = run_here(root, "check", env=env)
    assert checked.returncode == 1, checked.stderr
    assert _problems(checked.stderr) == [line.format(word=error) for line in EXPECTED[lang]]

    strict = run_here(root, "build", "--strict", env=env)
    assert strict.returncode == 1, strict.stderr
    assert _problems(strict.stderr) == [line.format(word=error) for line in EXPECTED[lang]]
    assert not (root / "output").exists()  # a failed build writes nothing

    built = run_here(root, "build", env=env)  # a plain build publishes, and warns
    assert built.returncode == 0, built.stderr
    assert _problems(built.stderr) == [line.format(word=warning) for line in EXPECTED[lang]]
    page = read_page(root, "/rilis/2024-12-03-pemkot-jambi-raih-zona-hijau/")
    assert page.find("a", string="rincian penilaian")["href"] == "/media/2024/halaman-tidak-ada/"

    again = run_here(root, "build", env=env)  # nothing changed: the same warnings are repeated
    assert again.returncode == 0
    assert _problems(again.stderr) == [line.format(word=warning) for line in EXPECTED[lang]]


def test_lines_are_found_in_files_with_windows_line_ends_and_repeated_links(mini_site) -> None:
    body = RELEASE + "\nSekali lagi: [rincian](halaman-tidak-ada/).\n\n![foto](foto-hilang.jpg)\n\n[acuan]: /tidak-ada/\n\nLihat [acuan].\n"
    root = mini_site({})
    (root / PATH).parent.mkdir(parents=True)
    (root / PATH).write_bytes(body.replace("\n", "\r\n").encode("utf-8"))
    result = run_here(root, "check")
    assert result.returncode == 1
    assert _problems(result.stderr) == [
        f"{PATH}:9: error: broken link 'halaman-tidak-ada/': no such page or file (fix the link on this line)",
        f"{PATH}:13: error: broken link '#tidak-ada': no element with id 'tidak-ada' (fix the link on this line)",
        f"{PATH}:15: error: broken link 'halaman-tidak-ada/': no such page or file (fix the link on this line)",
        f"{PATH}:17: error: broken link 'foto-hilang.jpg': no such page or file (fix the link on this line)",
        f"{PATH}:19: error: broken link '/tidak-ada/': no such page or file (fix the link on this line)",
    ]


def test_sound_links_in_bodies_pass(mini_site) -> None:
    text = RELEASE.replace("halaman-tidak-ada/", "/instansi/").replace("#tidak-ada", "/zona/#isi")
    root = mini_site({PATH: text})
    assert 'id="isi"' in template_file(root, "base.html").read_text(encoding="utf-8")
    for args in (("check", "--strict"), ("build", "--strict")):
        result = run_here(root, *args)
        assert result.returncode == 0, result.stderr
        assert _problems(result.stderr) == []


def test_an_anchor_missing_on_another_page_is_found_by_build_and_check(mini_site) -> None:
    # The build reads only the pages that show a linking body; the page a link points into is read all the same.
    root = mini_site({PATH: RELEASE.replace("halaman-tidak-ada/", "/instansi/").replace("#tidak-ada", "/zona/#tidak-ada")})
    expected = f"{PATH}:13: {{word}}: broken link '/zona/#tidak-ada': no element with id 'tidak-ada' (fix the link on this line)"
    built = run_here(root, "build", env={"ARSIP_LANG": "en"})
    assert built.returncode == 0, built.stderr
    assert _problems(built.stderr) == [expected.format(word="warning")]
    checked = run_here(root, "check", env={"ARSIP_LANG": "en"})
    assert checked.returncode == 1
    assert _problems(checked.stderr) == [expected.format(word="error")]


def test_a_link_a_template_makes_is_reported_at_its_page_naming_the_template(mini_site) -> None:
    root = mini_site({PATH: RELEASE.replace("halaman-tidak-ada/", "/instansi/").replace("#tidak-ada", "#tujuan")})
    template = template_file(root, "zones.html")
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<h1>", "<a href=\"{{ url('zone', 'ungu') }}\">x</a><h1>", 1), encoding="utf-8")
    for lang, expected in {
        "en": "output{folder}/zona/index.html: error: broken link '{folder}/zona/ungu/': no such page or file "
        "(fix the link in the template templates/zones.html)",
        "id": "output{folder}/zona/index.html: kesalahan: tautan rusak '{folder}/zona/ungu/': halaman atau berkas itu tidak ada "
        "(perbaiki tautan di templat templates/zones.html)",
    }.items():
        result = run_here(root, "check", env={"ARSIP_LANG": lang})
        assert result.returncode == 1
        assert _problems(result.stderr) == [expected.format(folder=folder) for folder in ("/en", "")]  # the page in each language
    built = run_here(root, "build", "--strict")  # a build checks what release bodies wrote; the templates' links are check's
    assert built.returncode == 0, built.stderr


def test_a_link_written_in_a_template_is_reported_at_the_template_line(mini_site) -> None:
    root = mini_site({PATH: RELEASE.replace("halaman-tidak-ada/", "/instansi/").replace("#tidak-ada", "#tujuan")})
    template = template_file(root, "base.html")
    lines = template.read_text(encoding="utf-8").split("\n")
    number = next(index for index, line in enumerate(lines) if "<body" in line) + 2
    lines.insert(number - 1, '<a href="/tidak-ada/">x</a>')
    template.write_text("\n".join(lines), encoding="utf-8")
    result = run_here(root, "check")
    assert result.returncode == 1
    # Every page shows it; it is reported once, where it is written.
    assert _problems(result.stderr) == [
        f"templates/base.html:{number}: error: broken link '/tidak-ada/': no such page or file (fix the link in the template)"
    ]


class _Sites(http.server.BaseHTTPRequestHandler):
    """`/ada` is there, `/hilang` answers 404, `/pergi` 410, `/lambat` never answers (it waits for an event no test sets)."""

    requests: ClassVar[Counter[tuple[str, str]]] = Counter()
    agents: ClassVar[set[str]] = set()
    release = threading.Event()

    def do_HEAD(self) -> None:
        self._answer()

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        _Sites.requests[(self.command, self.path)] += 1
        _Sites.agents.add(self.headers.get("User-Agent", ""))
        if self.path == "/lambat":
            _Sites.release.wait()
        status = {"/ada": 200, "/hilang": 404, "/pergi": 410}.get(self.path, 500)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def other_site() -> Iterator[str]:
    _Sites.requests.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sites)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    _Sites.release.set()  # let the handler that waited go, now that the test is over
    server.shutdown()
    server.server_close()
    _Sites.release.clear()


def _without_open_data_links(root: Path) -> None:
    """The site's configuration without its [open_data] table: the data page's licence and source links point to
    real sites that a machine without a network cannot reach; this test is about the links of content."""
    config = root / "site_config.toml"
    text = config.read_text(encoding="utf-8")
    start = text.index("[open_data]")
    config.write_text(text[:start] + text[text.index("\n\n", start) + 2 :], encoding="utf-8")


def test_check_external_asks_each_outside_link_once_a_day(mini_site, other_site: str) -> None:
    body = RELEASE.replace("halaman-tidak-ada/", "/instansi/").replace("#tidak-ada", "#tujuan")
    body += f"\n[ada]({other_site}/ada)\n\n[hilang]({other_site}/hilang)\n\n[pergi]({other_site}/pergi)\n\n[lambat]({other_site}/lambat)\n"
    root = mini_site({PATH: body})
    _without_open_data_links(root)
    env = {"ARSIP_LINK_TIMEOUT": "0.5", "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    expected = {
        "en": [
            f"{PATH}:17: error: broken outside link '{other_site}/hilang': the site answers 404 (fix the link on this line)",
            f"{PATH}:19: error: broken outside link '{other_site}/pergi': the site answers 410 (fix the link on this line)",
            f"{PATH}:21: warning: could not reach '{other_site}/lambat': no answer within 0.5 s (check the address, or try again later)",
        ],
        "id": [
            f"{PATH}:17: kesalahan: tautan luar rusak '{other_site}/hilang': situs itu menjawab 404 (perbaiki tautan di baris ini)",
            f"{PATH}:19: kesalahan: tautan luar rusak '{other_site}/pergi': situs itu menjawab 410 (perbaiki tautan di baris ini)",
            f"{PATH}:21: peringatan: tidak dapat menghubungi '{other_site}/lambat': tidak ada jawaban dalam 0.5 detik "
            "(periksa alamatnya, atau coba lagi nanti)",
        ],
    }

    assert run_here(root, "check", env=env).returncode == 0  # without --external, no request is made
    assert not _Sites.requests

    first = run_here(root, "check", "--external", env=env)
    assert first.returncode == 1
    assert _problems(first.stderr) == expected["en"]
    assert _Sites.requests == {
        ("HEAD", "/ada"): 1,
        ("HEAD", "/hilang"): 1,
        ("GET", "/hilang"): 1,  # a server may refuse HEAD: GET is asked before a link is called broken
        ("HEAD", "/pergi"): 1,
        ("GET", "/pergi"): 1,
        ("HEAD", "/lambat"): 1,  # no GET after a timeout
    }
    assert all(agent.startswith("Arsip/") for agent in _Sites.agents)
    assert (root / ".arsip-cache" / "external-links.json").is_file()

    second = run_here(root, "check", "--external", env=env | {"ARSIP_LANG": "id"})
    assert second.returncode == 1
    assert _problems(second.stderr) == expected["id"]
    assert _Sites.requests[("HEAD", "/lambat")] == 2  # a site that did not answer is asked again
    del _Sites.requests[("HEAD", "/lambat")]
    assert sum(_Sites.requests.values()) == 5  # the answers of the first check were kept: nothing else was asked
    assert not (root / "output").exists()


def test_outside_links_are_not_asked_about_by_build(mini_site, other_site: str) -> None:
    root = mini_site({PATH: RELEASE.replace("halaman-tidak-ada/", f"{other_site}/hilang").replace("#tidak-ada", "#tujuan")})
    result = run_here(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert not _Sites.requests
