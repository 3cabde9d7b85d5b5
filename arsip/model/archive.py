"""The archive as readers browse it, computed once.

Input: valid `Release`s and the `SiteConfig`. Output: an `Archive`: releases newest first, one
`Award` per (institution, assessment year) merged from every release that reports it, institutions
with their score history, per-year rankings with zone counts, per-zone lists, provinces (and their regencies and
cities, when the site has that level) and the timeline; plus
warnings where releases disagree about a result. Templates only display what is computed here;
the dataclasses it is made of are in `types`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from types import MappingProxyType

from ..i18n import tr
from ..problems import Problem, error, warning
from ..source.config import SiteConfig
from ..source.registry import InstitutionRef, make_slug, name_key
from .result import Result
from .rubric import period_for
from .types import (
    Archive,
    Award,
    Institution,
    KindGroup,
    Month,
    Province,
    ProvinceYear,
    Regency,
    Row,
    TimelineYear,
    Transition,
    YearResults,
    ZoneList,
    ZoneYear,
)
from .validate import Claim, Release


def aggregate(releases: Iterable[Release], config: SiteConfig) -> tuple[Archive, list[Problem]]:
    problems: list[Problem] = []
    ordered = tuple(sorted(releases, key=lambda r: (r.date, r.slug), reverse=True))
    problems.extend(_shared_slugs(ordered))
    refs = _institution_refs(ordered)
    claims_by_key: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for release in ordered:
        for claim in release.claims:
            claims_by_key[(claim.institution.slug, claim.year)].append(claim)
    awards = _compared([_merge(refs[slug], claims, problems) for (slug, _), claims in sorted(claims_by_key.items())], config)
    institutions = _institutions(refs, awards, ordered)
    zones = tuple(grade.name for grade in config.programme.grades)
    kinds = tuple(kind.name for kind in config.programme.kinds)
    places = config.programme.geography
    regencies = _regencies(institutions, zones, kinds) if "regency" in places else ()
    archive = Archive(
        releases=ordered,
        institutions=institutions,
        years=_years(awards, ordered, config, zones, kinds),
        timeline=_timeline(ordered),
        zones=_zones(awards, zones),
        release_by_slug=MappingProxyType({r.slug: r for r in ordered}),
        institution_by_slug=MappingProxyType({i.slug: i for i in institutions}),
        provinces=_provinces(institutions, zones, kinds, regencies) if "province" in places else (),
        kinds=kinds,
        regencies=regencies,
        geography=places,
    )
    return archive, problems


def _institution_refs(releases: tuple[Release, ...]) -> dict[str, InstitutionRef]:
    """One reference per slug; a registered entry wins over a name found only in content."""
    refs: dict[str, InstitutionRef] = {}
    for release in reversed(releases):
        for ref in (release.institution, *(claim.institution for claim in release.claims)):
            known = refs.get(ref.slug)
            if known is None or (ref.registered and not known.registered):
                refs[ref.slug] = ref
    return refs


def _shared_slugs(releases: tuple[Release, ...]) -> Iterator[Problem]:
    """An error for each institution name whose slug is that of another institution: never one page for two."""
    first: dict[str, tuple[InstitutionRef, str, int]] = {}
    mentions = {(ref.slug, not ref.registered, path, line, ref.name): ref for release in releases for ref, path, line in _mentions(release)}
    for (slug, _, path, line, name), ref in sorted(mentions.items()):  # a registered name first, then by file and line
        known = first.setdefault(slug, (ref, path, line))
        if name_key(known[0].name) != name_key(name):  # case, spaces and dots aside, the names differ
            yield error(
                path,
                line,
                tr(
                    "'{name}' and '{other}' ({where}) would share one page (slug '{slug}')",
                    name=name,
                    other=known[0].name,
                    where=":".join((known[1], str(known[2]))),
                    slug=slug,
                ),
                tr(
                    "if they are one institution, write one name (or add the other as an alias in content/institutions.toml);"
                    " if they are two, register both there, each with its own slug"
                ),
            )


def _mentions(release: Release) -> Iterator[tuple[InstitutionRef, str, int]]:
    yield release.institution, release.path, release.institution_line
    for claim in release.claims:
        yield claim.institution, claim.path, claim.line


def _precision(score: Decimal | None) -> int:
    if score is None:
        return -1
    exponent = score.as_tuple().exponent
    return -exponent if isinstance(exponent, int) else 0


def _merge(ref: InstitutionRef, claims: list[Claim], problems: list[Problem]) -> Award:
    """Several releases, one result: the most precise score wins, the latest release first."""
    best = max(claims, key=lambda c: (_precision(c.score), c.date, c.release))
    zone = best.zone or _first(c.zone for c in claims)
    differ = False
    for claim in claims:
        if claim.score is not None and best.score is not None and claim.score != best.score:
            differ = True
            problems.append(_disagreement(ref, claim, best, "score", claim.score, best.score))
        elif claim.zone and zone and claim.zone != zone:
            differ = True
            problems.append(_disagreement(ref, claim, best, "zone", claim.zone, zone))
    return Award(
        institution=ref,
        year=best.year,
        result=Result(
            best.score,
            zone,
            best.category or _first(c.category for c in claims),
            best.letter or _first(c.letter for c in claims),
            best.rank or _first(c.rank for c in claims),
        ),
        release=best.release,
        date=best.date,
        releases=tuple(dict.fromkeys(c.release for c in sorted(claims, key=lambda c: (c.date, c.release), reverse=True))),
        reports_differ=differ,
    )


def _compared(awards: list[Award], config: SiteConfig) -> list[Award]:
    """Each award with its rubric period, and whether its score compares directly with the institution's previous
    score: not when a period boundary (the 2022 change of method, say) lies between them. `awards` is sorted by
    institution, then year."""
    result = []
    previous: Award | None = None  # the institution's latest scored award so far
    for award in awards:
        if previous is not None and previous.institution.slug != award.institution.slug:
            previous = None
        period = period_for(config.rubric, award.year, award.institution.kind)
        comparable = None if award.score is None or previous is None else previous.period == period
        award = replace(award, period=period, comparable=comparable)
        result.append(award)
        if award.score is not None:
            previous = award
    return result


def _disagreement(ref: InstitutionRef, claim: Claim, best: Claim, what: str, given: object, shown: object) -> Problem:
    where, values = f"{best.path}:{best.line}", {"name": ref.name, "year": str(claim.year), "given": str(given), "shown": str(shown)}
    message = (
        tr("{name} {year}: this release gives score {given}, but {where} gives {shown}", where=where, **values)
        if what == "score"
        else tr("{name} {year}: this release gives zone {given}, but {where} gives {shown}", where=where, **values)
    )
    return warning(claim.path, claim.line, message, tr("the archive shows {shown}; correct the figure that is wrong", shown=str(shown)))


def _first(values: Iterable[str | None]) -> str | None:
    return next((value for value in values if value), None)


def _institutions(refs: dict[str, InstitutionRef], awards: list[Award], releases: tuple[Release, ...]) -> tuple[Institution, ...]:
    awards_by_slug: dict[str, list[Award]] = defaultdict(list)
    for award in awards:
        awards_by_slug[award.institution.slug].append(award)
    releases_by_slug: dict[str, list[Release]] = defaultdict(list)
    for release in releases:
        mentioned = {release.institution.slug, *(claim.institution.slug for claim in release.claims)}
        for slug in sorted(mentioned):
            releases_by_slug[slug].append(release)
    result = [
        Institution(ref, tuple(sorted(awards_by_slug[slug], key=lambda a: a.year)), tuple(releases_by_slug[slug]))
        for slug, ref in refs.items()
    ]
    return tuple(sorted(result, key=lambda i: (i.ref.name.casefold(), i.slug)))


def _ranked(awards: Iterable[Award], zones: tuple[str, ...]) -> tuple[Award, ...]:
    """Highest score first; results known only by zone or category follow, by zone then name."""
    zone_order = {zone: index for index, zone in enumerate(zones)}
    return tuple(
        sorted(
            awards,
            key=lambda a: (
                a.score is None,
                -(a.score or 0),
                zone_order.get(a.zone or "", len(zones)),
                a.institution.name.casefold(),
            ),
        )
    )


def _years(
    awards: list[Award], releases: tuple[Release, ...], config: SiteConfig, zones: tuple[str, ...], kinds: tuple[str, ...]
) -> tuple[YearResults, ...]:
    by_year: dict[int, list[Award]] = defaultdict(list)
    for award in awards:
        by_year[award.year].append(award)
    releases_by_year: dict[int, list[Release]] = defaultdict(list)
    for release in releases:
        releases_by_year[release.year].append(release)
    years = sorted(set(by_year) | {r.year for r in releases if not r.is_news})
    result = []
    previous_year: int | None = None
    previous_period = None
    for year in years:
        groups = []
        for kind in kinds:
            of_kind = _ranked((award for award in by_year[year] if award.institution.kind == kind), zones)
            if of_kind:
                groups.append(KindGroup(kind, _rows(of_kind, previous_year, by_year)))
        counts = tuple((zone, sum(1 for a in by_year[year] if a.zone == zone)) for zone in zones)
        transitions = _transitions(by_year[previous_year], by_year[year], zones) if previous_year else ()
        period = period_for(config.rubric, year, "")
        releases_of_year = tuple(releases_by_year[year])
        result.append(YearResults(year, period, tuple(groups), counts, releases_of_year, previous_year, transitions, previous_period))
        previous_year, previous_period = year, period
    return tuple(reversed(result))


def _rows(ranked: tuple[Award, ...], previous_year: int | None, by_year: dict[int, list[Award]]) -> tuple[Row, ...]:
    """Number the scored awards of one kind and pair each with its previous year's result."""
    before = {award.institution.slug: award for award in by_year[previous_year]} if previous_year else {}
    comparable = [
        a for a in ranked if a.score is not None and before.get(a.institution.slug) and before[a.institution.slug].score is not None
    ]
    now = {a.institution.slug: place for place, a in enumerate(comparable)}
    then = {
        a.institution.slug: place
        for place, a in enumerate(sorted(comparable, key=lambda a: (-before[a.institution.slug].score, a.institution.name.casefold())))
    }
    rows = []
    position = 0
    for award in ranked:
        position += award.score is not None
        slug = award.institution.slug
        movement = then[slug] - now[slug] if slug in now else None
        rows.append(Row(award, position if award.score is not None else None, before.get(slug), movement))
    return tuple(rows)


def _transitions(before: list[Award], after: list[Award], zones: tuple[str, ...]) -> tuple[Transition, ...]:
    earlier = {award.institution.slug: award.zone for award in before if award.zone}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for award in after:
        if award.zone and award.institution.slug in earlier:
            counts[(earlier[award.institution.slug], award.zone)] += 1
    return tuple(Transition(a, b, counts[(a, b)]) for a in zones for b in zones if counts[(a, b)])


def _provinces(
    institutions: tuple[Institution, ...], zones: tuple[str, ...], kinds: tuple[str, ...], regencies: tuple[Regency, ...]
) -> tuple[Province, ...]:
    members: dict[str, list[Institution]] = defaultdict(list)
    for institution in institutions:
        if institution.ref.province:
            members[institution.ref.province].append(institution)
    result = []
    for name in sorted(members, key=str.casefold):
        slug, (group, ranking) = make_slug(name), _place(members[name], zones, kinds)
        result.append(Province(slug, name, group, ranking, tuple(r for r in regencies if r.province_slug == slug)))
    return tuple(result)


def _regencies(institutions: tuple[Institution, ...], zones: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[Regency, ...]:
    """Each regency or city an institution lies in (the registry checked it lies in one province, written one way)."""
    members: dict[str, list[Institution]] = defaultdict(list)
    for institution in institutions:
        if institution.ref.regency and institution.ref.province:
            members[institution.ref.regency].append(institution)
    result = []
    for name in sorted(members, key=str.casefold):
        (group, ranking), province = _place(members[name], zones, kinds), members[name][0].ref.province or ""
        result.append(Regency(make_slug(name), name, group, ranking, province, make_slug(province)))
    return tuple(result)


def _place(
    members: list[Institution], zones: tuple[str, ...], kinds: tuple[str, ...]
) -> tuple[tuple[Institution, ...], tuple[ProvinceYear, ...]]:
    """The institutions of one place, by kind and name, and the place's ranking per year, newest first."""
    order = {kind: index for index, kind in enumerate(kinds)}
    group = tuple(sorted(members, key=lambda i: (order[i.ref.kind], i.ref.name.casefold())))
    years = sorted({award.year for institution in group for award in institution.awards}, reverse=True)
    ranking = tuple(
        ProvinceYear(year, _ranked((award for institution in group for award in institution.awards if award.year == year), zones))
        for year in years
    )
    return group, ranking


def _timeline(releases: tuple[Release, ...]) -> tuple[TimelineYear, ...]:
    months: dict[dt.date, list[Release]] = defaultdict(list)
    for release in releases:
        months[release.date.replace(day=1)].append(release)
    years: dict[int, list[Month]] = defaultdict(list)
    for first_day in sorted(months, reverse=True):
        years[first_day.year].append(Month(first_day, tuple(months[first_day])))
    return tuple(TimelineYear(year, tuple(years[year])) for year in sorted(years, reverse=True))


def _zones(awards: list[Award], zones: tuple[str, ...]) -> tuple[ZoneList, ...]:
    result = []
    for zone in zones:
        in_zone = [award for award in awards if award.zone == zone]
        years = sorted({award.year for award in in_zone}, reverse=True)
        result.append(ZoneList(zone, tuple(ZoneYear(year, _ranked((a for a in in_zone if a.year == year), zones)) for year in years)))
    return tuple(result)
