"""The scoring rubric: what a score meant in a given assessment year.

Input: the configured periods, an assessment year, an institution kind and a score.
Output: the period in force and the band the score falls in (zone, category, letter). A zone is
never derived without the year: 52 was kuning in 2021 and merah in 2023.
"""

from __future__ import annotations

from decimal import Decimal

from ..source.config import Band, Period


def period_for(rubric: tuple[Period, ...], year: int, kind: str) -> Period | None:
    """The period covering `year`; one made for this kind wins over a general one."""
    matching = [period for period in rubric if period.covers(year, kind)]
    matching.sort(key=lambda period: not period.kinds)
    return matching[0] if matching else None


def band_for(period: Period, score: Decimal) -> Band | None:
    """The highest band whose minimum the score reaches (bands are sorted high to low)."""
    for band in period.bands:
        if score >= band.min:
            return band
    return None


def bands_for_zone(period: Period, zone: str) -> tuple[Band, ...]:
    return tuple(band for band in period.bands if band.zone == zone)
