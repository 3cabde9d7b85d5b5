"""Which registered institution an unknown name most likely means, and how to register a new one.

Input: the institution `Directory` and a name the registry does not know. Output: the canonical
name of the closest registered institution, or None when nothing is close, and then the lines that
register the name in `content/institutions.toml`.

Names are compared by what tells bodies apart. Two names that both write a level prefix apart
(`Pemkab`, `Pemerintah Kota`, `Polres`, `Kantah Kota`, `Kementerian`...) are compared by the place
or subject after it (`Pemkab Slemn` with `sleman`), the prefix only saying whether the kinds fit
(a city and a regency of one name half fit: the press writes "Pemkab Bukittinggi"); a long shared
`Pemerintah Kabupaten` must not make `Bantul` look like `Bandung`. A name without such a prefix
(`Tanjab Brat`, `Kemenkue`, `Universitas Gajah Mada`, `Sleman`) is compared as a whole as well as
with the place names. Similarity is difflib's ratio, two neighbouring letters swapped costing half a
letter. Among equals, the entry of the kind the prefix says comes first, then the one whose whole
name is closer (`Polda Jamb` means Polda Jambi, not Polresta Jambi).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..i18n import tr
from ..source.programme import Kind, fallback_kind
from ..source.registry import Directory, InstitutionRef, core_name, infer_kind, name_key, place_name
from .fields import _Fields

CLOSE = 0.8  # the least similarity of a suggestion (a letter missing or two swapped in a place name of six)
CROSS_LOCAL = 0.9  # what a place name is worth under the prefix of another kind of its family (a city, a regency)


@dataclass(frozen=True, slots=True)
class _Written:
    """A name as compared: its key, the name without its prefix, the place after a prefix written
    apart (None for `Kemenkeu` or `Tanjab Barat`), and the kind its prefix says."""

    key: str
    core: str
    place: str | None
    kind: str


@lru_cache(maxsize=8192)
def _written(name: str, kinds: tuple[Kind, ...]) -> _Written:
    return _Written(name_key(name), core_name(name, kinds), place_name(name, kinds), infer_kind(name, kinds))


def _swapped(a: str, b: str) -> bool:
    """`a` is `b` with two neighbouring letters swapped (`kemenkue`, `kemenkeu`)."""
    if len(a) != len(b):
        return False
    differ = [index for index, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]


class _Likeness:
    """How much known names resemble one written name: difflib's ratio, except that a swap of
    neighbouring letters costs half a letter, not a whole one. Each form of the written name gets one
    matcher, prepared once for all the names it is compared with, and each pair is compared once."""

    def __init__(self, name: str, kinds: tuple[Kind, ...]) -> None:
        self.kinds = kinds
        self.other = fallback_kind(kinds)
        self.family = {kind.name: kind.family for kind in kinds if kind.family}
        self.name = _written(name, kinds)
        self._matchers: dict[str, SequenceMatcher[str]] = {}
        self._known: dict[tuple[str, str], float] = {}

    def __call__(self, mine: str | None, theirs: str | None) -> float:
        if not mine or not theirs:
            return 0.0
        found = self._known.get((mine, theirs))
        if found is None:
            found = self._known[mine, theirs] = self._ratio(mine, theirs)
        return found

    def _ratio(self, mine: str, theirs: str) -> float:
        if _swapped(mine, theirs):
            return 1 - 0.5 / len(mine)
        matcher = self._matchers.get(mine)
        if matcher is None:
            matcher = self._matchers[mine] = SequenceMatcher(None, "", mine, autojunk=False)
        matcher.set_seq1(theirs)
        return matcher.ratio()


def _kinds_fit(like: _Likeness, kind: str, known: _Written, entry: InstitutionRef) -> float:
    """How much a place name counts between the kind a name says and a known name of `entry`."""
    if like.other in (kind, known.kind) or kind in (known.kind, entry.kind):
        return 1.0
    family = like.family.get(kind)
    return CROSS_LOCAL if family is not None and family == like.family.get(entry.kind) else 0.0


def _match(like: _Likeness, known: _Written, entry: InstitutionRef) -> float:
    """How much the written name resembles one known name of `entry`."""
    name = like.name
    fit = _kinds_fit(like, name.kind, known, entry)
    if name.place and known.place:  # a level, then a place on both sides: the place tells them apart
        return like(name.place, known.place) * fit
    return max(like(name.key, known.key), like(name.core, known.core) * fit)


def _whole(like: _Likeness, entry: InstitutionRef) -> float:
    """How much the written name resembles the closest of the names of `entry`, letter by letter."""
    return max(like(like.name.key, _written(known, like.kinds).key) for known in (entry.name, *entry.aliases))


def ranked(directory: Directory, name: str) -> list[tuple[float, str]]:
    """Registered names by how much `name` resembles them (names, aliases, place names), most similar first."""
    like = _Likeness(name, directory.kinds)
    scores: dict[str, float] = {}
    entries: dict[str, InstitutionRef] = {}
    for entry in directory.entries:
        best = max(_match(like, _written(known, like.kinds), entry) for known in (entry.name, *entry.aliases))
        bonus = 0.01 if entry.kind == like.name.kind != like.other else 0.0  # among equals, the kind the name's prefix says
        if best + bonus >= scores.get(entry.name, 0.0):
            scores[entry.name], entries[entry.name] = best + bonus, entry
    ties = Counter(scores.values())
    whole = {known: _whole(like, entries[known]) for known, score in scores.items() if score >= CLOSE and ties[score] > 1}

    def order(item: tuple[str, float]) -> tuple[float, float, str]:  # then the whole name closer, then by name
        return -item[1], -whole.get(item[0], 0.0), item[0]

    return [(score, known) for known, score in sorted(scores.items(), key=order)]


def suggestion(directory: Directory, name: str) -> str | None:
    """The registered name `name` most likely means, or None when none is close."""
    found = ranked(directory, name)
    return found[0][1] if found and found[0][0] >= CLOSE else None


def registration_lines(name: str, kinds: tuple[Kind, ...], geography: tuple[str, ...]) -> str:
    """The lines that register `name` in content/institutions.toml, written on one line: a line for each level of
    place the site has (`province = "…"`, then `regency = "…"`), none on a national site (geography = [])."""
    clean = re.sub(r"\s+", " ", name).strip().replace("\\", "\\\\").replace('"', '\\"')
    kind = infer_kind(clean, kinds)
    places = "".join(f'  {level} = "…"' for level in geography)
    return f'[[institution]]  name = "{clean}"  kind = "{kind}"{places}'


def institution(fields: _Fields, directory: Directory, geography: tuple[str, ...]) -> InstitutionRef | None:
    name = fields.text("institution", required=True, example="Pemerintah Kota Jambi")
    if name is None:
        return None
    found = directory.resolve(name)
    if found:
        return found
    meant, lines = suggestion(directory, name), registration_lines(name, directory.kinds, geography)
    if meant:
        fields.warn(
            "institution",
            tr("institution '{name}' is not in institutions.toml; did you mean '{suggestion}'?", name=name, suggestion=meant),
            tr(
                "write  institution: {suggestion}  or add '{name}' to its aliases; if it is another institution, "
                "register it: add to content/institutions.toml the lines  {lines}",
                name=name,
                suggestion=meant,
                lines=lines,
            ),
        )
    elif directory.entries:  # a site without a registry names its institutions freely
        fields.warn(
            "institution",
            tr("institution '{name}' is not in content/institutions.toml", name=name),
            tr("register it: add to content/institutions.toml the lines  {lines}", lines=lines),
        )
    return directory.unregistered(name)
