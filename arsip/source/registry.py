"""The institution registry: one name per body, whatever the press calls it.

Input: the parsed `content/institutions.toml` (canonical name, slug, kind, province, the regency or city it lies
in, aliases, and the former names of a renamed body, whose old addresses redirect to its page), the configured
kinds and, for a build, the configured levels of place (`geography`: a `regency` needs its level, and lies in one
province).
Output: a `Directory` that resolves any written form of a name ("Pemkot Jambi", "kota  jambi") to
one `InstitutionRef`, infers the kind of unregistered names from their prefix, and tells the place
in a name from its prefix (for `model/suggest`, which suggests what an unknown name most likely means).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from slugify import slugify

from ..i18n import Text, tr
from ..problems import Problem, error, warning
from . import programme
from .config_checks import text_flaws
from .programme import Kind
from .tree import Registry
from .words import did_you_mean, known_keys, one_of

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")



def make_slug(text: str, max_length: int = 60) -> str:
    """A URL slug: `Nilai 93,68 Tahun 2024` -> `nilai-93-68-tahun-2024` (decimal marks become '-')."""
    return slugify(re.sub(r"(\d)[.,](\d)", r"\1-\2", text), max_length=max_length, word_boundary=True)


@dataclass(frozen=True, slots=True)
class InstitutionRef:
    """An institution as the archive knows it."""

    slug: str
    name: str
    kind: str
    province: str | None
    aliases: tuple[str, ...] = ()
    registered: bool = True
    former: tuple[str, ...] = ()  # names it had before (each also a name it is found by); their addresses redirect here
    regency: str | None = None  # the regency or city it lies in (geography = ["province", "regency"]), within `province`

    @property
    def former_slugs(self) -> tuple[str, ...]:
        """The slugs of its former names that differ from its own: the addresses its page had before."""
        return tuple(dict.fromkeys(slug for slug in (former_slug(name) for name in self.former) if slug and slug != self.slug))


def former_slug(name: str) -> str:
    """The slug a former name gave its institution's page (a slug written as a former name stays as it is)."""
    return make_slug(name, 80)


def name_key(name: str) -> str:
    """What two spellings must share to be the same name: case, spaces and dots ignored."""
    return re.sub(r"[\s.]+", "", name.casefold())


infer_kind = programme.infer_kind  # what a name's prefix says, by the configured kinds' prefixes
core_name = programme.core_name
place_name = programme.place_name




@dataclass(frozen=True, slots=True)
class Directory:
    """Every registered institution, findable by any of its names."""

    entries: tuple[InstitutionRef, ...]
    by_key: MappingProxyType[str, InstitutionRef]
    kinds: tuple[Kind, ...] = (Kind("other", ()),)

    def resolve(self, name: str) -> InstitutionRef | None:
        return self.by_key.get(name_key(name))

    def unregistered(self, name: str) -> InstitutionRef:
        """A stand-in for a name the registry does not know."""
        clean = re.sub(r"\s+", " ", name).strip()
        return InstitutionRef(make_slug(clean, 80) or "instansi", clean, infer_kind(clean, self.kinds), None, (), False)


ENTRY_KEYS = ("name", "slug", "kind", "province", "regency", "aliases", "former")
WRITE_NAME = tr("write {example}", example='name = "Pemerintah Kota Jambi"')


def build_directory(
    registry: Registry | None, kinds: tuple[Kind, ...], geography: tuple[str, ...]
) -> tuple[Directory, list[Problem]]:
    """Check the registry against the configured kinds and levels of place and index every name and alias."""
    if registry is None:
        return Directory((), MappingProxyType({}), kinds), []
    problems: list[Problem] = []
    lines = registry.text.splitlines()
    entries: list[tuple[InstitutionRef, int | None]] = []
    items = registry.data.get("institution", [])
    for key in registry.data:
        if key != "institution":
            problems.append(
                error(
                    registry.path,
                    _key_line(lines, key),
                    tr("unknown table '{key}'", key=key),
                    tr("each institution starts with a line [[institution]]"),
                )
            )
    if not isinstance(items, list):
        problems.append(
            error(
                registry.path,
                _key_line(lines, "institution"),
                tr("'institution' must be a list of [[institution]] tables"),
                tr("start each institution with a line [[institution]], then {example} below it", example='name = "..."'),
            )
        )
        items = []
    starts = _table_lines(lines)
    for index, item in enumerate(items):
        line = starts[index] if index < len(starts) else None
        entry = _entry(item, registry.path, line, problems, kinds)
        if entry:
            entries.append((entry, line))
    by_key: dict[str, InstitutionRef] = {}
    slugs: dict[str, InstitutionRef] = {}
    for entry, line in entries:
        if entry.slug in slugs:
            problems.append(
                error(
                    registry.path,
                    None,
                    tr(
                        "slug '{slug}' is used by both '{first}' and '{second}'",
                        slug=entry.slug,
                        first=slugs[entry.slug].name,
                        second=entry.name,
                    ),
                    tr("give each institution its own slug"),
                )
            )
        slugs[entry.slug] = entry
        for known in (entry.name, *entry.aliases, *entry.former):
            other = by_key.get(name_key(known))
            if other and other is not entry:
                problems.append(
                    warning(
                        registry.path,
                        line,
                        tr("the name '{name}' belongs to both '{first}' and '{second}'", name=known, first=other.name, second=entry.name),
                        tr("keep it as an alias of one institution only"),
                    )
                )
                continue
            by_key[name_key(known)] = entry
    problems += _former_problems(entries, slugs, registry.path)
    problems += _place_problems(entries, geography, registry.path, lines)
    return Directory(tuple(entry for entry, _ in entries), MappingProxyType(by_key), kinds), problems


def _former_problems(entries: list[tuple[InstitutionRef, int | None]], slugs: dict[str, InstitutionRef], path: str) -> list[Problem]:
    """A former name whose old address is the address of another institution, or a former address of two."""
    problems: list[Problem] = []
    owners: dict[str, InstitutionRef] = {}
    for entry, line in entries:
        for name in entry.former:
            slug = former_slug(name)
            other = slugs.get(slug) if slug != entry.slug else None
            if other is None and owners.get(slug, entry) is not entry:
                other = owners[slug]
            if other is not None:
                problems.append(
                    error(
                        path,
                        line,
                        tr(
                            "the former name '{name}' of '{first}' gives the address slug '{slug}', which belongs to '{second}'",
                            name=name,
                            first=entry.name,
                            slug=slug,
                            second=other.name,
                        ),
                        tr("an address can lead to one institution only: remove '{name}' from former, or list it as an alias", name=name),
                    )
                )
            owners.setdefault(slug, entry)
    return problems


REGENCY_EXAMPLE = tr("write {example}", example='regency = "Kabupaten Kerinci"')


def _place_problems(
    entries: list[tuple[InstitutionRef, int | None]], geography: tuple[str, ...], path: str, lines: list[str]
) -> list[Problem]:
    """A province given on a site without places (geography = []), at the line of its `province`; a regency or city
    given where the site has no such level, without the province it lies in, or in two provinces (or written two
    ways): each an error at the line of its `regency`."""
    problems: list[Problem] = []
    first: dict[str, InstitutionRef] = {}
    for entry, line in entries:
        if entry.province and "province" not in geography:
            message = tr("{names}: a province is given, but site_config.toml says geography = [] (no places)", names=entry.name)
            hint = tr("delete the province from content/institutions.toml, or write  geography = [\"province\"]  in site_config.toml")
            problems.append(error(path, _entry_key_line(lines, line, "province"), message, hint))
        if not entry.regency:
            continue
        where, names = _entry_key_line(lines, line, "regency"), {"name": entry.name, "regency": entry.regency}
        if "regency" not in geography:
            message = tr("'{name}' lies in the regency or city '{regency}', but site_config.toml's geography has no 'regency'", **names)
            hint = tr('delete the line  regency = …, or write  geography = ["province", "regency"]  in site_config.toml')
            problems.append(error(path, where, message, hint))
        elif not entry.province:
            message = tr("'{name}' lies in the regency or city '{regency}', but no province is given", **names)
            problems.append(error(path, where, message, tr('a regency or city lies within a province: add e.g.  province = "Jambi"')))
        else:
            known = first.setdefault(make_slug(entry.regency), entry)
            if (known.regency, name_key(known.province or "")) != (entry.regency, name_key(entry.province)):
                hint = tr("a regency or city has one name and lies in one province: write both the same way")
                problems.append(error(path, where, _two_ways(entry, known), hint))
    return problems


def _two_ways(entry: InstitutionRef, known: InstitutionRef) -> Text:
    """The message for a regency or city written one way (or in one province) for `known`, another for `entry`."""
    return tr(
        "'{name}' lies in '{regency}' ({province}), but '{other}' in '{other_regency}' ({other_province}): one place written two ways",
        name=entry.name, regency=entry.regency or "", province=entry.province or "",
        other=known.name, other_regency=known.regency or "", other_province=known.province or "",
    )  # fmt: skip


def _entry_key_line(lines: list[str], start: int | None, key: str) -> int | None:
    """The line of `key = …` in the [[institution]] table that starts at `start` (else `start` itself)."""
    if start is None:
        return None
    written = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if text.lstrip().startswith("["):
            break
        if written.match(text):
            return number
    return start


def _key_line(lines: list[str], key: str) -> int | None:
    """The line where a top-level key or table is written (`key = …`, `[key]` or `[[key]]`)."""
    pattern = re.compile(rf"^\s*(?:\[+\s*)?{re.escape(key)}\s*(?:=|\]|\.)")
    return next((number for number, text in enumerate(lines, start=1) if pattern.match(text)), None)


def _table_lines(lines: list[str]) -> list[int]:
    """The line of each `[[institution]]`, in order."""
    return [number for number, text in enumerate(lines, start=1) if text.strip().startswith("[[institution]]")]


def _entry(item: Any, path: str, line: int | None, problems: list[Problem], kinds: tuple[Kind, ...]) -> InstitutionRef | None:
    if not isinstance(item, dict):
        problems.append(error(path, line, tr("an [[institution]] entry must be a table")))
        return None
    found = len(problems)
    for key in item:
        if key not in ENTRY_KEYS:
            close = difflib.get_close_matches(key, ENTRY_KEYS, n=1)
            hint = did_you_mean(close[0]) if close else known_keys(ENTRY_KEYS)
            problems.append(error(path, line, tr("unknown key '{key}'", key=str(key)), hint))
    for key, code in text_flaws(item):
        message = tr("'{key}' holds {code}, which is not a character of text", key=key, code=code)
        problems.append(error(path, line, message, tr("delete the escape (\\u…)")))
    name = item.get("name")
    if name is not None and not isinstance(name, str):
        problems.append(error(path, line, tr("the name of an institution must be text"), WRITE_NAME))
        return None
    if not isinstance(name, str) or not name.strip():
        problems.append(error(path, line, tr("institution without a name"), WRITE_NAME))
        return None
    slug = item.get("slug", make_slug(name, 80))
    if not isinstance(slug, str) or not SLUG_PATTERN.match(slug) or len(slug) > 120:
        problems.append(
            error(
                path,
                line,
                tr("slug of '{name}' must use only a-z, 0-9 and '-', at most 120 of them", name=name),
                tr("write {example}", example='slug = "' + make_slug(name, 80) + '"'),
            )
        )
    kind = item.get("kind", infer_kind(name, kinds))
    names = [known.name for known in kinds]
    if kind not in names:
        problems.append(error(path, line, tr("kind '{kind}' of '{name}' is unknown", kind=str(kind), name=name), one_of(names)))
    province, regency = item.get("province"), item.get("regency")
    if province is not None and not isinstance(province, str):
        problems.append(error(path, line, tr("province of '{name}' must be text", name=name)))
    if regency is not None and (not isinstance(regency, str) or not regency.strip() or not make_slug(regency)):
        problems.append(error(path, line, tr("regency of '{name}' must be the name of a regency or city", name=name), REGENCY_EXAMPLE))
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
        message = tr("aliases of '{name}' must be a list of names", name=name)
        problems.append(error(path, line, message, tr("write {example}", example='aliases = ["Pemkot Jambi", "Kota Jambi"]')))
    former = item.get("former", [])
    if not isinstance(former, list) or not all(isinstance(old, str) and old.strip() and former_slug(old) for old in former):
        message = tr("former of '{name}' must be a list of the names it had before", name=name)
        hint = tr("write {example}", example='former = ["Kementerian Komunikasi dan Informatika"]')
        problems.append(error(path, line, message, hint))
    if len(problems) > found:
        return None
    place = regency.strip() if regency else None
    return InstitutionRef(slug, name.strip(), kind, province, tuple(aliases), True, tuple(old.strip() for old in former), place)
