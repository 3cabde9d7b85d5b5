"""What Pagefind is given and what it gives back: words kept apart, and a filtered index that is the same every run.

Pagefind keeps filter values in a randomly seeded hash map and ends only some block elements with a
space; `arsip.publish.pagefind` makes up for both. Each test runs the real Pagefind binary.
"""

from __future__ import annotations

import gzip
import json
import re

from arsip.publish.pagefind import IndexedPage, build_index

FACETS = ("tahun", "zona", "provinsi")


def _page(number: int) -> IndexedPage:
    filters = "".join(
        f'<span data-pagefind-filter="{facet}:{facet}-{(number * (index + 2)) % 7}"></span>' for index, facet in enumerate(FACETS)
    )
    body = (
        f"<h1>Halaman {number}</h1><dl><dt>Zona</dt><dd>Hijau</dd><dt>Nilai</dt><dd>{number},5</dd></dl>"
        "<table><caption>Riwayat</caption><tr><th>Tahun</th><th>Nilai</th></tr></table>"
    )
    return IndexedPage(f"/halaman-{number}/", f'<html lang="id"><body><main data-pagefind-body>{filters}{body}</main></body></html>')


def test_an_index_with_filters_is_byte_identical_every_run() -> None:
    pages = [_page(number) for number in range(40)]
    first = build_index(pages, "id")
    assert any(path.startswith("filter/") for path, _ in first)
    for _ in range(3):  # Pagefind alone gives a different filter order (and file names) nearly every run
        assert build_index(pages, "id") == first


def test_the_entry_names_the_metadata_and_the_metadata_every_filter_file() -> None:
    files = dict(build_index([_page(number) for number in range(5)], "id"))
    entry = json.loads(files["pagefind-entry.json"])
    meta = gzip.decompress(files[f"pagefind.{entry['languages']['id']['hash']}.pf_meta"])
    filters = [path for path in files if path.startswith("filter/")]
    assert len(filters) == len(FACETS)
    for path in filters:
        assert re.fullmatch(r"filter/id_[0-9a-f]{7}\.pf_filter", path)
        assert path.removeprefix("filter/").removesuffix(".pf_filter").encode() in meta


def test_words_of_neighbouring_block_elements_stay_apart() -> None:
    files = dict(build_index([_page(1)], "id"))
    [fragment] = [data for path, data in files.items() if path.startswith("fragment/")]
    content = json.loads(gzip.decompress(fragment)[len(b"pagefind_dcd") :])["content"]
    words = set(re.findall(r"\w+", content))
    assert {"Zona", "Hijau", "Nilai", "Riwayat", "Tahun"} <= words, content
    assert not words & {"ZonaHijau", "HijauNilai", "RiwayatTahun", "TahunNilai"}, content
