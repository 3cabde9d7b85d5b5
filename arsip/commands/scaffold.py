"""`build.py new`: a ready-to-edit press release.

Input: a title, an institution name and optionally date, score and zone. Output: the text of a
Markdown file with a complete, commented front-matter skeleton (in Indonesian, for editors), and
where it should go under content/. The institution is matched against institutions.toml.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from ..source.registry import Directory, make_slug

SKELETON = """---
# Judul rilis, seperti di sumber aslinya.
title: {title}
# Tanggal terbit rilis, YYYY-MM-DD.
date: {date}
# Instansi yang diberitakan; nama apa pun di content/institutions.toml (termasuk alias) boleh dipakai.
institution: {institution}
# Tahun penilaian, bila berbeda dari tahun terbit (rilis Januari 2023 tentang hasil 2022: year: 2022).
# year: {year}
# Nilai kepatuhan: 93,68 atau 93.68. Hapus baris ini bila sumber tidak menyebut nilai.
{score_line}
# Zona: hijau, kuning atau merah. Bila kosong, dihitung dari nilai menurut rubrik tahun penilaian.
{zone_line}
# Kategori, mis. Kualitas Tertinggi. Bila kosong, dihitung dari nilai.
# category: Kualitas Tertinggi
# Peringkat seperti ditulis sumber.
# rank: "36 dari 98 pemerintah kota"
# Alamat berita asli.
# source: https://
# Satu kalimat ringkasan untuk daftar dan mesin pencari.
# summary: ""
# Topik, mis. [jambi, zona hijau]
tags: []
# Gambar di folder yang sama dengan berkas ini, dan keterangannya.
# image: foto.jpg
# image_caption: ""
# Hasil instansi lain yang disebut rilis yang sama.
# awards:
#   - institution: Pemerintah Kabupaten Sarolangun
#     score: 90,53
#     zone: hijau
# Hapus tanda pagar di depan baris berikut agar rilis belum diterbitkan.
# draft: true
---

Tulis isi rilis di sini dengan kalimat sendiri. Paragraf dipisah satu baris kosong.
"""


@dataclass(frozen=True, slots=True)
class Draft:
    relative_path: str
    text: str
    institution: str
    suggestion: str | None


def new_release(
    title: str, institution: str, directory: Directory, *, date: dt.date, score: str | None = None, zone: str | None = None
) -> Draft:
    found = directory.resolve(institution)
    name = found.name if found else institution.strip()
    suggestion = None if found else directory.suggest(institution)
    text = SKELETON.format(
        title=_quoted(title),
        date=date.isoformat(),
        institution=_quoted(name),
        year=date.year,
        score_line=f"score: {_quoted(score)}" if score else "# score: 93,68",
        zone_line=f"zone: {zone}" if zone else "# zone: hijau",
    )
    slug = make_slug(title) or "rilis"
    return Draft(f"content/{date.year}/{date.isoformat()}-{slug}.md", text, name, suggestion)


def _quoted(value: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(value.strip(), ensure_ascii=False)
