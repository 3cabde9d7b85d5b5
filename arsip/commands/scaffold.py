"""`build.py new`: a ready-to-edit press release.

Input: a title, an institution name and optionally date, score and zone. Output: the text of a
Markdown file with a complete, commented front-matter skeleton (in Indonesian, for editors), and
where it should go under content/, or the problems of values that cannot be written as one line.
The institution is matched against institutions.toml; with `--register`, an institution that is not
there yet gets the `[[institution]]` lines that register it (name, slug, kind, province, regency or city).

Every value given is written as a YAML double-quoted string (JSON's quoting, which YAML reads), with
the characters YAML would not keep as written escaped, so no value can add a line or a key to the
front-matter. A value holding a line break, a tab or a control character is refused: the build would
show it otherwise than given. Whether a value is right (a date, a score, a zone) is not judged here:
the command checks the written text with the build's own parsing and validation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass

from ..i18n import tr
from ..problems import Problem, error
from ..source.registry import Directory, infer_kind, make_slug
from ..source.words import one_of

# What a YAML double-quoted string may not hold as written: C0 controls (JSON escapes them), DEL and C1 controls
# (U+0085 is a line break to YAML), U+2028/U+2029, surrogates (not encodable) and U+FFFE/U+FFFF.
_YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")

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
    """The release to write, where, and the values refused (nothing is written when there is one)."""

    relative_path: str
    text: str
    institution: str
    refused: tuple[Problem, ...] = ()


def new_release(
    title: str, institution: str, directory: Directory, *, date: dt.date, score: str | None = None, zone: str | None = None
) -> Draft:
    found = directory.resolve(institution)
    name = found.name if found else institution.strip()
    text = SKELETON.format(
        title=_quoted(title),
        date=date.isoformat(),
        institution=_quoted(name),
        year=date.year,
        score_line=f"score: {_quoted(score)}" if score else "# score: 93,68",
        zone_line=f"zone: {_quoted(zone)}" if zone else "# zone: hijau",
    )
    slug = make_slug(title) or "rilis"
    path = f"content/{date.year}/{date.isoformat()}-{slug}.md"
    given = {"title": title, "institution": institution, "score": score, "zone": zone}
    refused = tuple(problem for key, value in given.items() if (problem := _not_one_line(path, key, value)))
    return Draft(path, text, name, refused)


def _not_one_line(path: str, key: str, value: str | None) -> Problem | None:
    """The problem of a value holding a line break, a tab or another control character, else None."""
    for char in value or "":
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            return error(
                path,
                None,
                tr(
                    "the {field} given holds U+{code}, a line break or control character, which a value on one line cannot",
                    field=key,
                    code=f"{ord(char):04X}",
                ),
                tr("write the {field} on one line, without tabs or control characters", field=key),
            )
    return None


def _quoted(value: str) -> str:
    """A YAML double-quoted string: JSON's quoting, plus a \\u escape for what YAML would not keep as written."""
    quoted = json.dumps(value.strip(), ensure_ascii=False)
    return _YAML_UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", quoted)


def registration(
    name: str,
    directory: Directory,
    registry_path: str,
    *,
    kind: str | None = None,
    province: str | None = None,
    regency: str | None = None,
) -> tuple[str, tuple[Problem, ...]]:
    """The `[[institution]]` lines that register `name`, or the problems that keep them from being written.
    `kind` is one of the configured kinds; by default, read from the name. A kind that belongs to a place (`regional`)
    needs the province: registering one without it would leave it off the province pages; so does a regency or city,
    which lies within a province."""
    clean = re.sub(r"\s+", " ", name).strip()
    kind = kind or infer_kind(clean, directory.kinds)
    names = [known.name for known in directory.kinds]
    regional = {known.name for known in directory.kinds if known.regional}
    slug = make_slug(clean, 80) or "instansi"
    given = (_not_one_line(registry_path, "province", province), _not_one_line(registry_path, "regency", regency))
    problems = [problem for problem in given if problem]
    if kind not in names:
        problems.append(error(registry_path, None, tr("kind '{kind}' of '{name}' is unknown", kind=kind, name=clean), one_of(names)))
    if kind in regional and not (province or "").strip():
        problems.append(
            error(
                registry_path,
                None,
                tr("'{name}' is of the kind {kind}, which belongs to a province", name=clean, kind=kind),
                tr("add the province, e.g.  --province Jambi"),
            )
        )
    if (regency or "").strip() and not (province or "").strip():
        names = {"name": clean, "regency": (regency or "").strip()}
        message = tr("'{name}' lies in the regency or city '{regency}', but no province is given", **names)
        problems.append(error(registry_path, None, message, tr("add the province, e.g.  --province Jambi")))
    taken = next((entry for entry in directory.entries if entry.slug == slug), None)
    if taken:
        problems.append(
            error(
                registry_path,
                None,
                tr("the slug '{slug}' of '{name}' is already the slug of '{other}'", slug=slug, name=clean, other=taken.name),
                tr("register it by hand in {path}, with a slug of its own", path=registry_path),
            )
        )
    lines = ["[[institution]]", f"name = {_quoted(clean)}", f'slug = "{slug}"', f'kind = "{kind}"']
    if province and province.strip():
        lines.append(f"province = {_quoted(province)}")
    if regency and regency.strip():
        lines.append(f"regency = {_quoted(regency)}")
    return "\n".join(lines) + "\n", tuple(problems)
