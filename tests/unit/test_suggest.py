"""'Did you mean' ranks registered institutions by similarity over names, aliases and place names,
and a name nothing resembles is told how to register it; in English and in Indonesian."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from arsip.i18n import language
from arsip.model.suggest import suggestion
from arsip.model.validate import validate_doc
from arsip.source.config import load_config
from arsip.source.frontmatter import parse_doc
from arsip.source.registry import build_directory
from arsip.source.tree import Registry

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = """
[[institution]]
name = "Pemerintah Kabupaten Sarolangun"
kind = "kabupaten"
province = "Jambi"
aliases = ["Pemkab Sarolangun", "Kabupaten Sarolangun"]

[[institution]]
name = "Pemerintah Kabupaten Sleman"
kind = "kabupaten"
province = "DI Yogyakarta"
aliases = ["Pemkab Sleman", "Kabupaten Sleman", "Kab. Sleman"]

[[institution]]
name = "Pemerintah Kabupaten Tanjung Jabung Barat"
kind = "kabupaten"
province = "Jambi"
aliases = ["Pemkab Tanjabbar", "Tanjab Barat"]
"""


@pytest.fixture(scope="module")
def directory():
    found, problems = build_directory(Registry("content/institutions.toml", tomllib.loads(REGISTRY), REGISTRY))
    assert not problems
    return found


@pytest.fixture(scope="module")
def config():
    loaded, problems = load_config(ROOT)
    assert not problems
    return loaded


def lines(config, directory, institution: str) -> tuple[str, str]:
    problems = []
    doc = parse_doc(f"---\ntitle: T\ndate: 2024-12-03\ninstitution: {institution}\n---\nIsi.\n", "content/x.md", "d", problems)
    validate_doc(doc, directory, frozenset(), config, problems)
    (problem,) = problems
    return problem.format(language("en")), problem.format(language("id"))


@pytest.mark.parametrize("typo", ["Pemkab Slemn", "Kabupaten Selman", "Sleman", "Pemerintah Kabupaten Slemaan"])
def test_a_typo_of_the_place_suggests_that_place_first(directory, typo: str) -> None:
    assert suggestion(directory, typo) == "Pemerintah Kabupaten Sleman"


def test_the_warning_names_the_suggestion_in_both_languages(config, directory) -> None:
    english, indonesian = lines(config, directory, "Pemkab Slemn")
    assert english == (
        "content/x.md:4: warning: institution 'Pemkab Slemn' is not in institutions.toml; did you mean"
        " 'Pemerintah Kabupaten Sleman'? (write  institution: Pemerintah Kabupaten Sleman  or add 'Pemkab Slemn' to its aliases)"
    )
    assert indonesian == (
        "content/x.md:4: peringatan: instansi 'Pemkab Slemn' tidak ada di institutions.toml; maksud Anda"
        " 'Pemerintah Kabupaten Sleman'? (tulis  institution: Pemerintah Kabupaten Sleman  atau tambahkan 'Pemkab Slemn' ke aliases-nya)"
    )


def test_an_alias_typo_suggests_its_institution(config, directory) -> None:
    assert suggestion(directory, "Tanjab Brat") == "Pemerintah Kabupaten Tanjung Jabung Barat"
    english, indonesian = lines(config, directory, "Pemkab Tanjabar")
    assert "did you mean 'Pemerintah Kabupaten Tanjung Jabung Barat'?" in english
    assert "maksud Anda 'Pemerintah Kabupaten Tanjung Jabung Barat'?" in indonesian


def test_a_new_name_is_told_how_to_register(config, directory) -> None:
    assert suggestion(directory, "Pemerintah Kota Pekalongan") is None
    english, indonesian = lines(config, directory, "Pemerintah Kota Pekalongan")
    registration = '[[institution]]  name = "Pemerintah Kota Pekalongan"  kind = "kota"  province = "…"'
    assert english == (
        "content/x.md:4: warning: institution 'Pemerintah Kota Pekalongan' is not in content/institutions.toml"
        f" (register it: add to content/institutions.toml the lines  {registration})"
    )
    assert indonesian == (
        "content/x.md:4: peringatan: instansi 'Pemerintah Kota Pekalongan' tidak ada di content/institutions.toml"
        f" (daftarkan: tambahkan ke content/institutions.toml baris  {registration})"
    )
