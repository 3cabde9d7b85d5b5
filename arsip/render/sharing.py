"""What pages carry when they leave the site: the filters feed templates use.

Input: a release body's HTML (the `markdown` filter's output) and the absolute URL of the release, or a
date. Output: HTML fit for a feed reader (the allow-list applied again, even on a site that allows raw
HTML, and every link and image made absolute, since a reader shows it away from the page), and dates
written as Atom, JSON Feed (RFC 3339) and RSS 2.0 (RFC 822, English names whatever the site's language)
want them. A release has a date and no time: its time is midnight UTC, the same in every build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Set
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin

import nh3


def filters(tags: Set[str], attributes: dict[str, set[str]]) -> dict[str, Callable[..., str]]:
    """The feed filters, sanitising with the site's own allow-list (`tags`, `attributes`)."""

    def feed_html(html: str, base: str) -> str:
        """Sanitised HTML whose links and images point at absolute URLs (relative to `base`, the release's page).
        A plain string: the template escapes it for XML, or writes it as a JSON string."""

        def absolute(element: str, attribute: str, value: str) -> str | None:
            return urljoin(base, value) if attribute in ("href", "src") else value

        return nh3.clean(
            str(html),
            tags=set(tags),
            attributes={tag: set(names) for tag, names in attributes.items()},
            attribute_filter=absolute,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener noreferrer",
        )

    return {"feed_html": feed_html, "rfc3339": rfc3339, "rfc822": rfc822}


def _midnight(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)


def rfc3339(value: dt.date) -> str:
    """`2024-12-03T00:00:00Z`: Atom's and JSON Feed's dates."""
    return _midnight(value).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rfc822(value: dt.date) -> str:
    """`Tue, 03 Dec 2024 00:00:00 +0000`: RSS 2.0's dates, in English by the standard."""
    return format_datetime(_midnight(value).astimezone(dt.UTC))
