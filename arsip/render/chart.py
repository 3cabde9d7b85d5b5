"""The score-history chart, laid out at build time.

Input: an institution's awards and the rubric. Output: `Chart` geometry (points, the line between them,
the zone bands in force in each year, axis ticks, the zones shown) that a template draws as SVG; no
JavaScript is needed to read it. Horizontal positions are per cent of the chart's width and vertical ones
pixels, so the chart spans its column on a phone and on a desktop while its labels keep their size.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model.rubric import period_for
from ..model.types import Award
from ..source.config import Period

HEIGHT = 260
TOP, BOTTOM = 30, 30  # pixels above the highest score (its label) and below zero (the years)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    year: int
    score: Decimal
    zone: str | None


@dataclass(frozen=True, slots=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    zone: str


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    """`x`, `x1`, `x2` and `width` in per cent of the chart's width; `y`, `height` and y positions in pixels."""

    height: int
    points: tuple[Point, ...]
    bands: tuple[Rect, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        """The line from each scored year to the next."""
        return tuple(Segment(a.x, a.y, b.x, b.y) for a, b in zip(self.points, self.points[1:], strict=False))

    @property
    def zones(self) -> tuple[str, ...]:
        """The zones of the bands drawn, each once, in the rubric's order (for the legend)."""
        return tuple(dict.fromkeys(band.zone for band in self.bands))


def score_chart(awards: tuple[Award, ...], rubric: tuple[Period, ...]) -> Chart | None:
    scored = [award for award in awards if award.score is not None]
    if not scored:
        return None
    years = [award.year for award in scored]
    first, last = min(years), max(years)
    top = max(max(_scale(rubric, a) for a in scored), Decimal(100))
    column = 100 / (last - first + 1)

    def x_of(year: int) -> float:
        return column / 2 + (year - first) * column

    def y_of(score: Decimal) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * float(1 - score / top)

    points = tuple(Point(round(x_of(a.year), 2), round(y_of(a.score), 1), a.year, a.score, a.zone) for a in scored)  # type: ignore[arg-type]
    bands = []
    for award in scored:
        period = period_for(rubric, award.year, award.institution.kind)
        if period is None:
            continue
        left = x_of(award.year) - column / 2
        for band in period.bands:
            if band.zone:
                upper = y_of(min(band.max, top))
                bands.append(Rect(round(left, 2), round(upper, 1), round(column, 2), round(y_of(band.min) - upper, 1), band.zone))
    y_ticks = tuple(Tick(round(y_of(Decimal(v)), 1), str(v)) for v in range(0, int(top) + 1, 20))
    x_ticks = tuple(Tick(round(x_of(year), 2), str(year)) for year in sorted(set(years)))
    return Chart(HEIGHT, points, tuple(bands), y_ticks, x_ticks)


def _scale(rubric: tuple[Period, ...], award: Award) -> Decimal:
    period = period_for(rubric, award.year, award.institution.kind)
    return period.scale if period else Decimal(100)
