"""Asking other sites whether the pages the archive links to are still there (`check --external`).

Input: the outside links found on the pages (each with the place it is written, `model.checks`), the
file that keeps earlier answers, the site's address, a timeout. Output: problems: an error for a link
the other site answers 404 or 410 to, a warning for any other refusal and for a site that could not be
reached (it may be down for an hour). Politely: one request at a time to each host (a few hosts at
once), a `User-Agent` naming Arsip and the site, HEAD first and GET only when HEAD is refused, and
answers kept for a day in `.arsip-cache/external-links.json` (a site that could not be reached is asked
again next time). Standard library only: urllib and a thread per host being asked.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..i18n import Text, tr
from ..model.checks import Link, Locator
from ..problems import Problem, error, warning

CACHE_FILE = "external-links.json"
TIMEOUT = 10.0  # seconds to wait for an answer
KEEP = 24 * 60 * 60  # seconds an answer is trusted
HOSTS_AT_ONCE = 8
GONE = frozenset({404, 410})


@dataclass(frozen=True, slots=True)
class Answer:
    """What a site said: its HTTP status, or why there was none."""

    status: int | None
    reason: Text | str = ""
    timed_out: bool = False


def check(
    found: Iterable[tuple[str, Link]],
    locator: Locator,
    cache: Path,
    site: str,
    timeout: float = TIMEOUT,
    now: Callable[[], float] = time.time,
) -> list[Problem]:
    """The problems of the outside links: each URL asked once (or taken from the answers of the last day)."""
    places: dict[str, list[Link]] = {}
    for url, link in found:
        places.setdefault(url, []).append(link)
    answers = ask_all(sorted(places), cache, site, timeout, now)
    problems = []
    for url, links in places.items():
        answer = answers[url]
        if answer.status is not None and answer.status < 400:
            continue
        for link in links:
            place = locator.place(link)
            if answer.status in GONE:
                message = tr("broken outside link '{link}': the site answers {status}", link=place.written, status=answer.status)
                problems.append(error(place.path, place.line, message, place.hint))
            elif answer.status is not None:
                message = tr("outside link '{link}' may be broken: the site answers {status}", link=place.written, status=answer.status)
                problems.append(warning(place.path, place.line, message, tr("open the link in a browser to see")))
            else:
                message = tr("could not reach '{link}': {reason}", link=place.written, reason=answer.reason)
                problems.append(warning(place.path, place.line, message, tr("check the address, or try again later")))
    return problems


def ask_all(urls: list[str], cache: Path, site: str, timeout: float = TIMEOUT, now: Callable[[], float] = time.time) -> dict[str, Answer]:
    """Each URL's answer: from the file of answers when it is less than a day old, else asked, one request at a
    time per host; the sure answers (a page found, or gone) are kept."""
    kept = _load(cache, now())
    answers = {url: Answer(kept[url][0]) for url in urls if url in kept}
    hosts: dict[str, list[str]] = {}
    for url in urls:
        if url not in answers:
            hosts.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    if not hosts:
        return answers
    agent = f"Arsip/1 (link check of {site}; static site generator)"
    opener = urllib.request.build_opener()

    def ask_host(queue: list[str]) -> list[tuple[str, Answer]]:
        return [(url, ask(url, timeout, agent, opener)) for url in queue]  # one after the other: never two at once

    with ThreadPoolExecutor(max_workers=min(HOSTS_AT_ONCE, len(hosts))) as pool:
        for done in pool.map(ask_host, hosts.values()):
            answers.update(done)
    moment = now()
    for queue in hosts.values():
        for url in queue:
            status = answers[url].status
            if status is not None and (status < 400 or status in GONE):
                kept[url] = (status, moment)
    _save(cache, kept)
    return answers


def ask(url: str, timeout: float, agent: str, opener: urllib.request.OpenerDirector) -> Answer:
    """HEAD, and GET when HEAD gets no good answer (some servers refuse HEAD); not again after a timeout."""
    answer = _request(url, "HEAD", timeout, agent, opener)
    if answer.timed_out or (answer.status is not None and answer.status < 400):
        return answer
    return _request(url, "GET", timeout, agent, opener)


def _request(url: str, method: str, timeout: float, agent: str, opener: urllib.request.OpenerDirector) -> Answer:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": agent, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:  # the body is not read
            return Answer(response.status)
    except urllib.error.HTTPError as failure:
        failure.close()
        return Answer(failure.code)
    except (OSError, http.client.HTTPException, ValueError) as failure:
        reason = getattr(failure, "reason", failure)
        if isinstance(reason, TimeoutError) or isinstance(failure, TimeoutError):
            return Answer(None, tr("no answer within {seconds} s", seconds=f"{timeout:g}"), timed_out=True)
        return Answer(None, str(reason) or type(reason).__name__)


def _load(cache: Path, moment: float) -> dict[str, tuple[int, float]]:
    """The answers of the last day; nothing when the file is missing or not what Arsip writes."""
    try:
        answers = json.loads(cache.read_text(encoding="utf-8"))["answers"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    kept = {}
    if isinstance(answers, dict):
        for url, value in answers.items():
            sound = isinstance(value, list) and len(value) == 2 and type(value[0]) is int and isinstance(value[1], (int, float))
            if sound and 0 <= moment - value[1] < KEEP:
                kept[url] = (value[0], float(value[1]))
    return kept


def _save(cache: Path, kept: dict[str, tuple[int, float]]) -> None:
    """Written whole and swapped in; a folder that refuses it only costs the next check its requests."""
    written = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent, prefix=".links-", delete=False) as stream:
            written = stream.name
            json.dump({"answers": {url: list(value) for url, value in sorted(kept.items())}}, stream, indent=0)
        os.replace(written, cache)
    except OSError:
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
