"""The values of the archive as readers browse it: the dataclasses `archive.aggregate` computes.

Input: checked `Release`s and their `Claim`s, institution references and rubric periods, as
`aggregate` arranges them. Output: frozen values for templates and routes: `Award` (an institution's
result for one assessment year), `Institution` with its score history, a year's `YearResults`
ranked per kind (`KindGroup`, `Row`, zone `Transition`s), the timeline (`TimelineYear`, `Month`),
per-zone lists (`ZoneList`, `ZoneYear`), provinces and regencies (`Province`, `Regency`, `ProvinceYear`) and the `Archive`
that holds them all. The few properties here only read what was computed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from ..source.config import Period
from ..source.registry import InstitutionRef
from .result import Result, ShowsResult
from .validate import Claim, Release


@dataclass(frozen=True, slots=True)
class Award(ShowsResult):
    """An institution's result for one assessment year, as the archive states it."""

    institution: InstitutionRef
    year: int
    result: Result
    release: str
    date: dt.date
    releases: tuple[str, ...]
    reports_differ: bool
    period: Period | None = None  # the rubric period in force for this year and kind
    comparable: bool | None = None  # its score against the institution's previous score: False across a change of method


@dataclass(frozen=True, slots=True)
class Institution:
    ref: InstitutionRef
    awards: tuple[Award, ...]
    releases: tuple[Release, ...]

    @property
    def slug(self) -> str:
        return self.ref.slug

    @property
    def latest(self) -> Award | None:
        return self.awards[-1] if self.awards else None

    @property
    def entries(self) -> tuple[tuple[Release, Claim | None], ...]:
        """Its releases, newest first, each with what that release reported about this institution."""
        return tuple((release, next((c for c in release.claims if c.institution.slug == self.slug), None)) for release in self.releases)

    @property
    def scored(self) -> tuple[Award, ...]:
        return tuple(award for award in self.awards if award.score is not None)

    @property
    def years(self) -> tuple[int, ...]:
        """Every assessment year it has a result for, oldest first (what search narrows it by)."""
        return tuple(dict.fromkeys(award.year for award in self.awards))

    @property
    def zones(self) -> tuple[str, ...]:
        """Each zone it was in, once, in the order it first was."""
        return tuple(dict.fromkeys(award.zone for award in self.awards if award.zone))

    @property
    def categories(self) -> tuple[str, ...]:
        """Each category it was given, once, in the order it first was."""
        return tuple(dict.fromkeys(award.category for award in self.awards if award.category))

    @property
    def best(self) -> Award | None:
        """The year with the highest score (the earliest of equal ones)."""
        return max(self.scored, key=lambda a: (a.score, -a.year), default=None)

    @property
    def worst(self) -> Award | None:
        return min(self.scored, key=lambda a: (a.score, a.year), default=None)

    @property
    def change(self) -> Decimal | None:
        """Score change from the first scored assessment to the latest one."""
        scored = self.scored
        return scored[-1].score - scored[0].score if len(scored) > 1 else None  # type: ignore[operator]

    @property
    def change_comparable(self) -> bool:
        """Whether `change` compares scores given under one method (no rubric period boundary between them)."""
        return all(award.comparable is not False for award in self.scored)


@dataclass(frozen=True, slots=True)
class Row:
    """One institution in a year's ranking, with how it moved since the previous assessment year.

    `movement` compares like with like: the places gained (positive) or lost among the institutions of
    its kind that have a score in this archive for both years, so a body added to the archive moves no one.
    """

    award: Award
    position: int | None
    previous: Award | None
    movement: int | None

    @property
    def score_change(self) -> Decimal | None:
        if self.award.score is None or self.previous is None or self.previous.score is None:
            return None
        return self.award.score - self.previous.score

    @property
    def comparable(self) -> bool:
        """Whether this year's score and the previous year's were given under one method."""
        return self.previous is None or self.previous.period == self.award.period


@dataclass(frozen=True, slots=True)
class KindGroup:
    kind: str
    rows: tuple[Row, ...]

    @property
    def awards(self) -> tuple[Award, ...]:
        return tuple(row.award for row in self.rows)


@dataclass(frozen=True, slots=True)
class Transition:
    """How many institutions went from one zone to another between two assessment years."""

    before: str
    after: str
    count: int


@dataclass(frozen=True, slots=True)
class YearResults:
    """One assessment year: every award, ranked within each institution kind."""

    year: int
    period: Period | None
    groups: tuple[KindGroup, ...]
    zone_counts: tuple[tuple[str, int], ...]
    releases: tuple[Release, ...]
    previous_year: int | None = None
    transitions: tuple[Transition, ...] = ()
    previous_period: Period | None = None  # the rubric period of `previous_year`

    @property
    def method_changed(self) -> bool:
        """Whether the previous assessment year was scored under another rubric period."""
        return self.previous_year is not None and self.previous_period != self.period

    @property
    def has_zones(self) -> bool:
        """Whether zones were published for this year (none were from 2025 on)."""
        if self.period is not None:
            return any(band.zone for band in self.period.bands)
        return any(count for _, count in self.zone_counts)

    @property
    def award_count(self) -> int:
        return sum(len(group.awards) for group in self.groups)


@dataclass(frozen=True, slots=True)
class Month:
    first_day: dt.date
    releases: tuple[Release, ...]


@dataclass(frozen=True, slots=True)
class TimelineYear:
    year: int
    months: tuple[Month, ...]

    @property
    def count(self) -> int:
        return sum(len(month.releases) for month in self.months)


@dataclass(frozen=True, slots=True)
class ZoneYear:
    year: int
    awards: tuple[Award, ...]


@dataclass(frozen=True, slots=True)
class ZoneList:
    zone: str
    years: tuple[ZoneYear, ...]

    @property
    def count(self) -> int:
        """How many results (one institution in one year) this zone holds."""
        return sum(len(year.awards) for year in self.years)

    @property
    def institution_count(self) -> int:
        """How many institutions had this zone at least once: fewer than `count` when one had it in several years."""
        return len({award.institution.slug for year in self.years for award in year.awards})


@dataclass(frozen=True, slots=True)
class ProvinceYear:
    year: int
    awards: tuple[Award, ...]


@dataclass(frozen=True, slots=True)
class Regency:
    """A regency or city (geography = ["province", "regency"]): every body in it, with its ranking per year, and the
    province it lies in (its name and slug)."""

    slug: str
    name: str
    institutions: tuple[Institution, ...]
    years: tuple[ProvinceYear, ...]
    province: str
    province_slug: str


@dataclass(frozen=True, slots=True)
class Province:
    """A province: its government and every body in it, with the province's ranking per year, and the regencies and
    cities in it (when the site has that level)."""

    slug: str
    name: str
    institutions: tuple[Institution, ...]
    years: tuple[ProvinceYear, ...]
    regencies: tuple[Regency, ...] = ()


@dataclass(frozen=True, slots=True)
class Archive:
    releases: tuple[Release, ...]
    institutions: tuple[Institution, ...]
    years: tuple[YearResults, ...]
    timeline: tuple[TimelineYear, ...]
    zones: tuple[ZoneList, ...]
    release_by_slug: MappingProxyType[str, Release]
    institution_by_slug: MappingProxyType[str, Institution]
    provinces: tuple[Province, ...] = ()
    kinds: tuple[str, ...] = ()  # the configured kinds, in the order pages list them
    regencies: tuple[Regency, ...] = ()  # every province's, by name
    geography: tuple[str, ...] = ("province",)  # the configured levels of place (what the open data has columns for)

    def by_kind(self) -> tuple[tuple[str, tuple[Institution, ...]], ...]:
        groups = defaultdict(list)
        for institution in self.institutions:
            groups[institution.ref.kind].append(institution)
        return tuple((kind, tuple(groups[kind])) for kind in self.kinds if groups[kind])

    @property
    def latest_zoned_year(self) -> YearResults | None:
        """The newest assessment year that published zones (2025 published opinions only)."""
        return next((year for year in self.years if any(count for _, count in year.zone_counts)), None)

    def other_awards(self, release: Release) -> tuple[Award, ...]:
        """Results a release reports for institutions other than its own, as the archive states them."""
        result = []
        for claim in release.claims:
            if claim.institution.slug == release.institution.slug:
                continue
            institution = self.institution_by_slug[claim.institution.slug]
            result.extend(award for award in institution.awards if award.year == claim.year)
        return tuple(result)
