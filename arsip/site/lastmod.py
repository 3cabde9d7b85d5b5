"""When a page last changed, as its content tells it: the date of the newest release it shows.

Input: the values a page is given (releases, awards, institutions, a year's results, a month, a province or regency, and
tuples of them). Output: the newest date among the releases and awards found there, or None when the page
shows none (the sitemap then takes the archive's newest release). Dates come from the content alone, so
the sitemap is the same for the same content, whenever it is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.types import Award, Institution, Month, Province, Regency, TimelineYear, YearResults, ZoneList, ZoneYear
from ..model.validate import Release


def newest(values: Mapping[str, Any]) -> dt.date | None:
    """The newest release or award date in a page's values."""
    return _newest(values.values())


def _newest(items: Iterable[Any]) -> dt.date | None:
    found = [date for date in map(_date_of, items) if date is not None]
    return max(found, default=None)


def _date_of(value: Any) -> dt.date | None:
    if isinstance(value, Release | Award):
        return value.date
    if isinstance(value, Institution):
        return _newest((*value.releases, *value.awards))
    if isinstance(value, YearResults):
        return _newest(value.releases)
    if isinstance(value, TimelineYear):
        return _newest(value.months)
    if isinstance(value, Month):
        return _newest(value.releases)
    if isinstance(value, ZoneList):
        return _newest(value.years)
    if isinstance(value, ZoneYear):
        return _newest(value.awards)
    if isinstance(value, Province | Regency):
        return _newest(value.institutions)
    if isinstance(value, tuple | list):
        return _newest(value)
    return None
