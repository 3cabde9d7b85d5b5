"""The result an assessment gave one institution for one year, as a release states it.

Input: the checked values of a release's front-matter (score, zone, category, letter, rank). Output:
`Result`, held by the `Claim` of a release, the `Award` the archive settles on and the `Release`
itself; and `ShowsResult`, through which each of them shows the result's parts under their own
names (`release.score`, `award.zone`), as templates and open data read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Result:
    """Score (None: not published), zone (before 2022) or quality category (since), the category's letter, the rank."""

    score: Decimal | None = None
    zone: str | None = None
    category: str | None = None
    letter: str | None = None
    rank: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.score is None and self.zone is None and self.category is None


NO_RESULT = Result()


class ShowsResult:
    """The parts of `self.result` under their own names."""

    __slots__ = ()
    result: Result

    @property
    def score(self) -> Decimal | None:
        return self.result.score

    @property
    def zone(self) -> str | None:
        return self.result.zone

    @property
    def category(self) -> str | None:
        return self.result.category

    @property
    def letter(self) -> str | None:
        return self.result.letter

    @property
    def rank(self) -> str | None:
        return self.result.rank
