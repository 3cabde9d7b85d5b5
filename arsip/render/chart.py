"""The score-history chart, laid out at build time.

Input: an institution's awards and the rubric. Output: `Chart` geometry (points, the zone bands in
force in each year, axis ticks, and where the method changed: the line is broken at each rubric period
boundary, since scores on either side are not directly comparable) that a template draws as SVG; no
JavaScript is needed to read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ..model.rubric import period_for
from ..model.types import Award
from ..source.config import Period

WIDTH, HEIGHT = 480, 250
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 26, 34


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    year: int
    score: Decimal
    zone: str | None


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
class Break:
    """A change of method between two scored years: drawn as a dashed line at `position`, with the new period's label."""

    position: float
    year: int
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    points: tuple[Point, ...]
    bands: tuple[Rect, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    plot_left: int
    plot_right: int
    breaks: tuple[Break, ...] = ()

    @property
    def line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def segments(self) -> tuple[str, ...]:
        """The line, one polyline per run of years scored under one method (a run of one point draws no line)."""
        runs: list[list[Point]] = [[]]
        starts = {item.year for item in self.breaks}
        for point in self.points:
            if point.year in starts and runs[-1]:
                runs.append([])
            runs[-1].append(point)
        return tuple(" ".join(f"{p.x:.1f},{p.y:.1f}" for p in run) for run in runs if len(run) > 1)


def score_chart(awards: tuple[Award, ...], rubric: tuple[Period, ...]) -> Chart | None:
    scored = [award for award in awards if award.score is not None]
    if not scored:
        return None
    years = [award.year for award in scored]
    first, last = min(years), max(years)
    span = max(last - first, 1)
    top = max(max(_scale(rubric, a) for a in scored), Decimal(100))
    plot_width = WIDTH - LEFT - RIGHT
    column = plot_width / (span + 1)

    def x_of(year: int) -> float:
        return LEFT + column / 2 + (year - first) * (plot_width - column) / span if last > first else LEFT + plot_width / 2

    def y_of(score: Decimal) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * float(1 - score / top)

    points = tuple(Point(round(x_of(a.year), 1), round(y_of(a.score), 1), a.year, a.score, a.zone) for a in scored)  # type: ignore[arg-type]
    bands = []
    for award in scored:
        period = period_for(rubric, award.year, award.institution.kind)
        if period is None:
            continue
        width = column if last > first else plot_width
        left = x_of(award.year) - width / 2
        for band in period.bands:
            if band.zone:
                upper = y_of(min(band.max, top))
                bands.append(Rect(round(left, 1), round(upper, 1), round(width, 1), round(y_of(band.min) - upper, 1), band.zone))
    y_ticks = tuple(Tick(round(y_of(Decimal(v)), 1), str(v)) for v in range(0, int(top) + 1, 20))
    x_ticks = tuple(Tick(round(x_of(year), 1), str(year)) for year in sorted(set(years)))
    breaks = tuple(
        Break(round((x_of(before.year) + x_of(after.year)) / 2, 1), after.year, after.period.label if after.period else "")
        for before, after in pairwise(scored)
        if after.comparable is False
    )
    return Chart(WIDTH, HEIGHT, points, tuple(bands), y_ticks, x_ticks, LEFT, WIDTH - RIGHT, breaks)


def _scale(rubric: tuple[Period, ...], award: Award) -> Decimal:
    period = period_for(rubric, award.year, award.institution.kind)
    return period.scale if period else Decimal(100)
