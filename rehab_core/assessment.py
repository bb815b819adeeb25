"""An assessment as the diary keeps it: when, the pain, each movement's rating, and the plan they give."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rehab_core.catalogue import movement_by_id
from rehab_core.diary import ASSESSMENT, CheckIn
from rehab_core.protocol import Phase, Recommendation, recommend, urgent_care


@dataclass(frozen=True)
class Assessment:
    """The answers a plan is made from. `at` is None for an assessment not saved to the diary.

    `warning_sign_since` is when a check-in after it reported a new warning sign: from then on
    no plan is shown from it, only the advice to get checked.
    """

    at: datetime | None
    pain: int
    movement_pain: Mapping[str, int] = field(default_factory=dict)
    red_flags: tuple[str, ...] = ()
    warning_sign_since: datetime | None = None

    def recommendation(self) -> Recommendation:
        """The plan by the protocol; any warning sign, this one's or a later check-in's, means no plan."""
        recommendation = recommend(self.pain, self.movement_pain, self.red_flags)
        if self.warning_sign_since is None or recommendation.phase is Phase.URGENT_CARE:
            return recommendation
        return urgent_care(
            (
                f"{warning_sign_words(self.warning_sign_since)} Get checked as the safety check says "
                "before following any plan.",
            )
        )


def warning_sign_words(at: datetime) -> str:
    """The diary's note of a new warning sign, the same on the page and the sheet."""
    return f"At your check-in on {at:%A %d %B %Y} you said a new warning sign had appeared."


def last_warning_sign(check_ins: Sequence[CheckIn]) -> datetime | None:
    """When the diary last recorded a new warning sign, if it ever did."""
    return max((check_in.at for check_in in check_ins if check_in.new_warning_sign), default=None)


def latest_assessment(check_ins: Sequence[CheckIn]) -> Assessment | None:
    """The latest assessment in the diary that rated movements; None when there is none.

    Only an entry saved as an assessment counts: a check-in or a session that re-rates a movement
    or two is not one, and a plan is never made up from it. A new warning sign reported at or
    after it is carried along. (Pages read rehab_core.today(), which builds on the same rule.)
    """
    everything = sorted(check_ins, key=lambda check_in: (check_in.at, check_in.id))
    ordered = [check_in for check_in in everything if check_in.kind == ASSESSMENT]
    known = movement_by_id()
    # Ratings of movements since taken out of the catalogue cannot go into a plan.
    rated = [
        (
            check_in,
            {
                movement_id: pain
                for movement_id, pain in check_in.movement_pain.items()
                if movement_id in known
            },
        )
        for check_in in ordered
    ]
    rated = [(check_in, ratings) for check_in, ratings in rated if ratings]
    if not rated:
        return None
    latest, ratings = rated[-1]
    warned = [entry.at for entry in everything if entry.at >= latest.at and entry.new_warning_sign]
    return Assessment(
        at=latest.at,
        pain=latest.pain,
        movement_pain=ratings,
        warning_sign_since=warned[0] if warned else None,
    )
