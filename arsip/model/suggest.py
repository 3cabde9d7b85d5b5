"""Which registered institution an unknown name most likely means, and how to register a new one.

Input: the institution `Directory` and a name the registry does not know. Output: the canonical
name of the closest registered institution, ranked by similarity (difflib's ratio) over each
entry's name, its aliases and the place name inside them (`Pemkab Slemn` is compared with `sleman`
as well as with `Pemerintah Kabupaten Sleman`), a registered entry of the same kind first among
equals; or None when nothing is close, and then the lines that register the name in
`content/institutions.toml`.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..i18n import tr
from ..source.registry import Directory, InstitutionRef, core_name, infer_kind, name_key
from .fields import _Fields

CLOSE = 0.8  # the least similarity of a suggestion (a letter missing or two swapped in a place name of six)


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def ranked(directory: Directory, name: str) -> list[tuple[float, str]]:
    """Registered names by how much `name` resembles them (names, aliases, place names), most similar first."""
    key, core, kind = name_key(name), core_name(name), infer_kind(name)
    scores: dict[str, float] = {}
    for entry in directory.entries:
        best = 0.0
        for known in (entry.name, *entry.aliases):
            known_kind = infer_kind(known)
            fits = kind == "lainnya" or known_kind in (kind, "lainnya") or entry.kind == kind
            whole = _similarity(key, name_key(known))
            place = _similarity(core, core_name(known)) if fits else 0.0
            best = max(best, whole, place)
        bonus = 0.01 if entry.kind == kind else 0.0  # among equals, the institution of the kind the name says
        scores[entry.name] = max(scores.get(entry.name, 0.0), best + bonus)
    return sorted(((score, known) for known, score in scores.items()), key=lambda item: (-item[0], item[1]))


def suggestion(directory: Directory, name: str) -> str | None:
    """The registered name `name` most likely means, or None when none is close."""
    found = ranked(directory, name)
    return found[0][1] if found and found[0][0] >= CLOSE else None


def registration_lines(name: str) -> str:
    """The lines that register `name` in content/institutions.toml, written on one line."""
    clean = re.sub(r"\s+", " ", name).strip().replace("\\", "\\\\").replace('"', '\\"')
    kind = infer_kind(clean)
    return f'[[institution]]  name = "{clean}"  kind = "{kind}"  province = "…"'


def institution(fields: _Fields, directory: Directory) -> InstitutionRef | None:
    name = fields.text("institution", required=True, example="Pemerintah Kota Jambi")
    if name is None:
        return None
    found = directory.resolve(name)
    if found:
        return found
    meant = suggestion(directory, name)
    if meant:
        fields.warn(
            "institution",
            tr("institution '{name}' is not in institutions.toml; did you mean '{suggestion}'?", name=name, suggestion=meant),
            tr("write  institution: {suggestion}  or add '{name}' to its aliases", name=name, suggestion=meant),
        )
    elif directory.entries:  # a site without a registry names its institutions freely
        fields.warn(
            "institution",
            tr("institution '{name}' is not in content/institutions.toml", name=name),
            tr("register it: add to content/institutions.toml the lines  {lines}", lines=registration_lines(name)),
        )
    return directory.unregistered(name)
