"""One body, many names: resolving aliases, inferring kinds, suggesting registered names."""

from __future__ import annotations

import pytest
from sitetools import sample_kinds

from arsip.i18n import language
from arsip.model.suggest import suggestion
from arsip.source.registry import build_directory, infer_kind, place_name
from arsip.source.tree import Registry

KINDS = sample_kinds()

REGISTRY = """
[[institution]]
name = "Pemerintah Kota Jambi"
slug = "kota-jambi"
kind = "kota"
province = "Jambi"
aliases = ["Pemkot Jambi", "Kota Jambi"]

[[institution]]
name = "Pemerintah Kabupaten Deli Serdang"
slug = "kabupaten-deli-serdang"
kind = "kabupaten"
aliases = ["Pemkab Deli Serdang"]
"""


def directory(text: str = REGISTRY):
    import tomllib

    return build_directory(Registry("content/institutions.toml", tomllib.loads(text), text), KINDS, ("province",))


@pytest.mark.parametrize("written", ["Pemkot Jambi", "pemkot  jambi", "KOTA JAMBI", "Pemerintah Kota Jambi"])
def test_aliases_resolve_ignoring_case_and_spacing(written: str) -> None:
    found, problems = directory()
    assert not problems
    assert found.resolve(written).slug == "kota-jambi"


def test_spacing_inside_a_name_is_ignored() -> None:
    found, _ = directory()
    assert found.resolve("Pemkab Deliserdang").slug == "kabupaten-deli-serdang"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Pemerintah Kota Banjarbaru", "kota"),
        ("Pemkot Bontang", "kota"),
        ("Pemko Sibolga", "kota"),
        ("Kab. Balangan", "kabupaten"),
        ("Pemkab Tabalong", "kabupaten"),
        ("Pemprov Banten", "provinsi"),
        ("Kepolisian Resor (Polres) Kulon Progo", "kepolisian"),
        ("Polresta Jambi", "kepolisian"),
        ("Polres Kota Jambi", "kepolisian"),
        ("Kantah Tala", "kantor-pertanahan"),
        ("Kementerian Luar Negeri", "kementerian"),
        ("Kemenlu", "kementerian"),
        ("Badan POM", "lembaga"),
        ("Ombudsman Jambi", "lainnya"),
    ],
)
def test_kind_is_inferred_from_the_prefix(name: str, kind: str) -> None:
    assert infer_kind(name, KINDS) == kind


def test_prefix_variant_of_a_registered_name_is_suggested() -> None:
    found, _ = directory()
    assert suggestion(found, "Pemerintah Kabupaten Deli Serdang ") == "Pemerintah Kabupaten Deli Serdang"
    assert suggestion(found, "Kabupaten Deli Serdang") == "Pemerintah Kabupaten Deli Serdang"
    assert suggestion(found, "Pemerintah Kota Jamby") == "Pemerintah Kota Jambi"
    assert suggestion(found, "Pemerintah Kota Medan") is None


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Pemkab Slemn", "slemn"),
        ("Pemerintah Kabupaten Tanjung Jabung Barat", "tanjungjabungbarat"),
        ("Kab. Sleman", "sleman"),
        ("Polres Kota Jambi", "jambi"),
        ("Kantah Kota Surabaya II", "surabayaii"),
        ("Kantor Pertanahan Kabupaten Tanah Laut", "tanahlaut"),
        ("Kantah Kotabaru", "kotabaru"),
        ("Kementerian Keuangan", "keuangan"),
        ("Kemenkeu", None),
        ("KemenPAN-RB", None),
        ("Tanjab Barat", None),
        ("Pemkab", None),
    ],
)
def test_the_place_is_what_follows_a_prefix_written_apart(name: str, place: str | None) -> None:
    assert place_name(name, KINDS) == place


def test_registry_problems_are_reported() -> None:
    _, problems = directory('[[institution]]\nname = "X"\nkind = "desa"\nslug = "Bad Slug"\n')
    messages = [str(p.message) for p in problems]
    assert messages == ["slug of 'X' must use only a-z, 0-9 and '-', at most 120 of them", "kind 'desa' of 'X' is unknown"]
    assert all(p.line == 1 for p in problems)
    assert [p.format(language("id")) for p in problems] == [
        "content/institutions.toml:1: kesalahan: slug 'X' hanya boleh memakai a-z, 0-9 dan '-', paling banyak 120 karakter "
        '(tulis slug = "x")',
        "content/institutions.toml:1: kesalahan: jenis 'desa' dari 'X' tidak dikenal (tulis salah satu dari: kementerian, lembaga, "
        "provinsi, kota, kabupaten, kepolisian, kantor-pertanahan, lainnya)",
    ]


def test_an_unknown_key_suggests_the_known_one_in_either_language() -> None:
    _, problems = directory('[[institution]]\nnama = "Pemerintah Kota Jambi"\n')
    assert [p.format() for p in problems] == [
        "content/institutions.toml:1: error: unknown key 'nama' (did you mean 'name'?)",
        'content/institutions.toml:1: error: institution without a name (write name = "Pemerintah Kota Jambi")',
    ]
    assert [p.format(language("id")) for p in problems] == [
        "content/institutions.toml:1: kesalahan: kunci 'nama' tidak dikenal (maksud Anda 'name'?)",
        'content/institutions.toml:1: kesalahan: instansi tanpa nama (tulis name = "Pemerintah Kota Jambi")',
    ]


def test_a_name_shared_by_two_entries_points_at_the_entry_that_repeats_it() -> None:
    text = (
        '[[institution]]\nname = "Broken"\nkind = "desa"\n\n'  # an entry with errors before them shifts no line
        '[[institution]]\nname = "Pemerintah Kota Jambi"\nkind = "kota"\n\n'
        '[[institution]]\nname = "Pemerintah Kota Jambi Baru"\nkind = "kota"\naliases = ["Pemerintah Kota Jambi"]\n'
    )
    _, problems = directory(text)
    shared = [p for p in problems if "belongs to both" in str(p.message)]
    assert [(p.line, str(p.message)) for p in shared] == [
        (9, "the name 'Pemerintah Kota Jambi' belongs to both 'Pemerintah Kota Jambi' and 'Pemerintah Kota Jambi Baru'")
    ]


def test_a_former_name_is_a_name_of_the_institution_and_its_old_address() -> None:
    found, problems = directory(
        '[[institution]]\nname = "Kementerian Komunikasi dan Digital"\nkind = "kementerian"\n'
        'former = ["Kementerian Komunikasi dan Informatika", "kementerian-komunikasi-dan-digital"]\n'
    )
    assert problems == []
    ref = found.resolve("kementerian komunikasi dan informatika")
    assert ref is not None and ref.name == "Kementerian Komunikasi dan Digital"
    assert ref.former_slugs == ("kementerian-komunikasi-dan-informatika",)  # a former name with its own slug asks nothing


def test_former_names_are_checked_at_the_entry_that_gives_them() -> None:
    text = (
        '[[institution]]\nname = "Pemerintah Kota Jambi"\nslug = "kota-jambi"\nkind = "kota"\n\n'
        '[[institution]]\nname = "Pemerintah Kota Sungai Penuh"\nkind = "kota"\nformer = ["Kota Jambi"]\n\n'
        '[[institution]]\nname = "Badan X"\nformer = "Badan Y"\n'
    )
    _, problems = directory(text)
    assert [(p.line, str(p.message)) for p in problems] == [
        (11, "former of 'Badan X' must be a list of the names it had before"),
        (6, "the former name 'Kota Jambi' of 'Pemerintah Kota Sungai Penuh' gives the address slug 'kota-jambi', "
            "which belongs to 'Pemerintah Kota Jambi'"),
    ]
    assert [p.format(language("id")) for p in problems][1] == (
        "content/institutions.toml:6: kesalahan: nama lama 'Kota Jambi' dari 'Pemerintah Kota Sungai Penuh' menghasilkan slug alamat "
        "'kota-jambi', yang milik 'Pemerintah Kota Jambi' (satu alamat hanya bisa mengarah ke satu instansi: hapus 'Kota Jambi' "
        "dari former, atau jadikan alias)"
    )
    assert str(problems[0].hint) == 'write former = ["Kementerian Komunikasi dan Informatika"]'


REGENCIES = """
[[institution]]
name = "Kepolisian Resor Contoh Hulu"
kind = "kepolisian"
province = "Contoh Tengah"
regency = "Kabupaten Contoh Hulu"

[[institution]]
name = "Rumah Sakit Umum Daerah Contoh Hulu"
kind = "lainnya"
regency = "Kabupaten Contoh Hulu"
"""


def test_a_regency_is_kept_and_checked_against_the_levels_of_place() -> None:
    import tomllib

    registry = Registry("content/institutions.toml", tomllib.loads(REGENCIES), REGENCIES)
    found, problems = build_directory(registry, KINDS, ("province", "regency"))
    assert found.resolve("Kepolisian Resor Contoh Hulu").regency == "Kabupaten Contoh Hulu"
    assert [(problem.line, language("en")(problem.message)) for problem in problems] == [
        (11, "'Rumah Sakit Umum Daerah Contoh Hulu' lies in the regency or city 'Kabupaten Contoh Hulu', but no province is given")
    ]
    _, problems = build_directory(registry, KINDS, ("province",))
    assert [problem.line for problem in problems] == [6, 11]  # each at its line regency = …
    _, problems = build_directory(registry, KINDS, ())  # a national programme: no place may be given
    assert [problem.line for problem in problems] == [5, 6, 11]
    bad = REGENCIES.replace('regency = "Kabupaten Contoh Hulu"', "regency = 3", 1)
    _, problems = build_directory(Registry("content/institutions.toml", tomllib.loads(bad), bad), KINDS, ("province", "regency"))
    assert language("id")(problems[0].message) == "regency dari 'Kepolisian Resor Contoh Hulu' harus berupa nama kabupaten atau kota"
