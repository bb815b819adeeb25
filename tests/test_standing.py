"""rehab_core.today(): where a person stands, by example and over random diaries (issue 22).

Every page, the PDF, the reminders and the session read this one record, so its rules are checked
here against the diary itself: the latest assessment, whether its plan is today's, from an earlier
day, stale or set aside (pain 9-10 or a warning sign since), sessions done today, each movement's
latest rating, the episode's background answers and clearance, and back to normal.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehab_core import (
    REHAB_MAX_PAIN,
    SESSIONS_PER_DAY,
    TOLERATED_MAX_PAIN,
    CheckIn,
    Phase,
    PlanStatus,
    movements,
    recommend,
    red_flags,
    today,
)
from rehab_core.analytics import daily_pain, recovery_alerts, to_frame
from rehab_core.diary import ASSESSMENT, CHECK_IN, KINDS, SESSION, new_check_in
from rehab_core.standing import (
    EPISODE_GAP_DAYS,
    NORMAL_DAYS,
    NORMAL_MAX_PAIN,
    PLAN_FRESH_DAYS,
    REMINDER_DAYS_DEFAULT,
    REMINDER_DAYS_SHORT_PLAN,
    Today,
)

# A fixed zone ten hours ahead of UTC: a morning entry falls on the day before in UTC, so a rule
# that reads UTC days instead of the person's own shows here.
TZ = timezone(timedelta(hours=10))
START = datetime(2026, 3, 2, 0, 0, tzinfo=TZ)  # a Monday
MOVEMENT_IDS = [movement.id for movement in movements()]
FLAGS = {flag.id: flag for flag in red_flags()}
BACKGROUND = sorted(flag.id for flag in red_flags() if flag.kind == "background")
STOPPING_BACKGROUND = sorted(flag_id for flag_id in BACKGROUND if FLAGS[flag_id].stops_the_plan)
SOON = sorted(flag.id for flag in red_flags() if flag.level == "soon")
STOPPING = sorted(flag.id for flag in red_flags() if flag.stops_the_plan)
# Five movements that raise the pain by 1 or less: a full plan at any pain up to 7.
FIVE_EASY = {
    "hip-mobility": 0,
    "cat-camel": 1,
    "hip-bridge": 0,
    "bird-dog": 1,
    "kettlebell-walk": 0,
}


def at(day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A time `day` days after START, in the diary's zone."""
    return START + timedelta(days=day, hours=hour, minutes=minute)


def entry(
    when: datetime,
    pain: int,
    kind: str = CHECK_IN,
    movement_pain: dict[str, int] | None = None,
    **fields: object,
) -> CheckIn:
    return new_check_in("me", when, pain, movement_pain=movement_pain, kind=kind, **fields)  # type: ignore[arg-type]


def assessed(
    when: datetime, pain: int = 3, ratings: dict[str, int] | None = None, **fields: object
) -> CheckIn:
    return entry(when, pain, ASSESSMENT, dict(FIVE_EASY if ratings is None else ratings), **fields)


def plan_ids(standing: Today) -> list[str]:
    assert standing.shown is not None
    return [prescription.movement_id for prescription in standing.shown.prescriptions]


# An empty diary, and bad input


def test_an_empty_diary_has_no_plan_no_pain_and_nothing_done() -> None:
    standing = today([], at(0))
    assert standing.status is PlanStatus.NONE
    assert (standing.assessment, standing.plan, standing.shown, standing.latest) == (None, None, None, None)
    assert standing.pain is None
    assert standing.sessions_done_today == 0
    assert dict(standing.tolerance) == {}
    assert standing.background_due is True
    assert standing.back_to_normal is False
    assert not standing.has_plan_to_follow and not standing.session_ready
    assert "No assessment in your diary yet" in standing.status_words()


def test_a_time_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        today([], datetime(2026, 3, 2, 9, 0))


# The latest assessment is an entry saved as one


def test_a_check_in_or_session_that_rerates_a_movement_never_becomes_the_assessment() -> None:
    # Issue 22 point 12: the PDF showed a one-movement plan while Assess showed five.
    diary = [
        assessed(at(0, 8), 3),
        entry(at(0, 12), 3, CHECK_IN, {"side-plank-clamshell": 0}),
        entry(at(0, 18), 2, SESSION, {"cat-camel": 3}, sessions_done=2),
    ]
    standing = today(diary, at(0, 20))
    assert standing.assessment is not None and standing.assessment.at == at(0, 8)
    assert len(plan_ids(standing)) == 5
    assert "side-plank-clamshell" not in plan_ids(standing)
    # The tolerance is each movement's latest rating, whoever rated it.
    assert standing.tolerance["cat-camel"] == 3
    assert standing.tolerance["side-plank-clamshell"] == 0
    assert standing.tolerance["hip-bridge"] == 0


def test_a_diary_of_check_ins_that_rated_movements_has_no_assessment_and_no_plan() -> None:
    diary = [entry(at(0), 3, CHECK_IN, FIVE_EASY), entry(at(1), 2, SESSION, FIVE_EASY, sessions_done=1)]
    standing = today(diary, at(1, 12))
    assert standing.assessment is None and standing.shown is None
    assert standing.status is PlanStatus.NONE


def test_the_plan_is_the_latest_assessment_s_by_the_protocol() -> None:
    diary = [assessed(at(0), 6, {"hip-bridge": 2, "bird-dog": 3}), assessed(at(1), 4)]
    standing = today(diary, at(1, 10))
    assert standing.plan == recommend(4, FIVE_EASY)
    assert standing.shown == standing.plan
    assert standing.pain == 4


# Today's, from an earlier day, stale


def test_a_plan_is_today_s_only_on_its_own_calendar_day() -> None:
    diary = [assessed(at(0, 0, 10))]
    standing = today(diary, at(0, 23, 50))
    assert standing.status is PlanStatus.TODAY
    assert standing.plan_title() == "Today's plan"
    assert standing.has_plan_to_follow and standing.session_ready
    # Twenty minutes later it is tomorrow: the plan from Monday.
    tomorrow = today(diary, at(1, 0, 10))
    assert tomorrow.status is PlanStatus.EARLIER
    assert tomorrow.plan_title() == "The plan from Monday 02 March"
    assert tomorrow.has_plan_to_follow and not tomorrow.session_ready


def test_a_late_evening_assessment_is_not_today_s_after_midnight_in_the_person_s_zone() -> None:
    # 23:30 on Monday where the person is, which is 13:30 on Monday in UTC; now is 00:30 on Tuesday.
    diary = [assessed(at(0, 23, 30).astimezone(UTC))]
    assert today(diary, at(1, 0, 30)).status is PlanStatus.EARLIER
    # An early assessment on Tuesday where the person is (Monday in UTC) is today's on Tuesday.
    early = [assessed(at(1, 6).astimezone(UTC))]
    assert today(early, at(1, 20)).status is PlanStatus.TODAY


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (0, PlanStatus.TODAY),
        (1, PlanStatus.EARLIER),
        (2, PlanStatus.EARLIER),
        (3, PlanStatus.STALE),
        (20, PlanStatus.STALE),
    ],
)
def test_a_plan_is_earlier_up_to_two_days_and_stale_after(days: int, status: PlanStatus) -> None:
    standing = today([assessed(at(0, 9))], at(days, 8))
    assert standing.status is status
    assert standing.has_plan_to_follow is (status is not PlanStatus.STALE)
    if status is PlanStatus.STALE:
        assert "assess again before you use it" in standing.status_words()
        assert standing.reminder_days() == REMINDER_DAYS_SHORT_PLAN
    assert PLAN_FRESH_DAYS == 2


# Set aside by a later pain of 9-10


@pytest.mark.parametrize("pain", [9, 10])
def test_assessed_days_ago_at_three_and_checked_in_at_nine_or_ten_today_means_rest_and_ice(pain: int) -> None:
    # Issue 22 point 1: the PDF printed "Today: gentle rehab movements" at pain 10.
    diary = [assessed(at(0), 3), entry(at(6, 8), pain)]
    standing = today(diary, at(6, 9))
    assert standing.status is PlanStatus.REST_ICE
    assert standing.shown is not None
    assert standing.shown.phase is Phase.REST_ICE and standing.shown.ice
    assert standing.shown.prescriptions == ()
    assert standing.plan is not None and standing.plan.prescriptions  # the assessment's own plan is kept
    assert not standing.has_plan_to_follow and not standing.session_ready
    assert standing.worst_since_assessment == pain
    assert "skip today's sessions" in standing.status_words()


def test_rest_and_ice_stands_until_the_next_assessment_then_that_plan_is_today_s() -> None:
    diary = [assessed(at(0), 3), entry(at(1), 9), entry(at(2), 2)]
    assert today(diary, at(2, 12)).status is PlanStatus.REST_ICE
    again = [*diary, assessed(at(2, 13), 2)]
    standing = today(again, at(2, 14))
    assert standing.status is PlanStatus.TODAY and standing.has_plan_to_follow


def test_pain_of_eight_after_the_assessment_does_not_set_the_plan_aside() -> None:
    standing = today([assessed(at(0), 3), entry(at(0, 15), REHAB_MAX_PAIN)], at(0, 16))
    assert standing.status is PlanStatus.TODAY
    assert standing.has_plan_to_follow


def test_pain_of_nine_before_the_assessment_does_not_set_its_plan_aside() -> None:
    standing = today([entry(at(0, 7), 9), assessed(at(0, 9), 4)], at(0, 10))
    assert standing.status is PlanStatus.TODAY and standing.has_plan_to_follow


# Set aside by a warning sign


def test_a_warning_sign_after_the_assessment_means_get_care_and_no_plan() -> None:
    diary = [assessed(at(0)), entry(at(1), 3, new_warning_sign=True)]
    standing = today(diary, at(1, 12))
    assert standing.status is PlanStatus.GET_CARE
    assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE
    assert standing.shown.prescriptions == ()
    assert standing.warning_sign_at == at(1)
    assert standing.background_due is True  # a symptom answer changed: ask the background again


def test_a_later_clear_assessment_lifts_the_warning_sign() -> None:
    # Issue 22 point 11: the warning banner stayed for ever, even after later clear assessments.
    diary = [assessed(at(0)), entry(at(1), 3, new_warning_sign=True), assessed(at(3), 3)]
    standing = today(diary, at(3, 12))
    assert standing.status is PlanStatus.TODAY
    assert standing.warning_sign_at is None
    assert standing.has_plan_to_follow


def test_an_assessment_saved_with_a_new_warning_sign_gives_no_plan() -> None:
    # A symptom now, answered yes, always stops: no plan from the very entry that reported it.
    standing = today([assessed(at(0), new_warning_sign=True)], at(0, 12))
    assert not standing.has_plan_to_follow
    assert standing.shown is not None and standing.shown.prescriptions == ()


def test_a_warning_sign_beats_pain_of_ten() -> None:
    diary = [assessed(at(0)), entry(at(1), 10), entry(at(1, 12), 10, new_warning_sign=True)]
    standing = today(diary, at(1, 13))
    assert standing.status is PlanStatus.GET_CARE
    assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE


@pytest.mark.parametrize("sign", ["chest-pain", "saddle-numbness", "one-leg-weakness"])
def test_a_warning_sign_answered_in_this_session_and_not_saved_sets_the_plan_aside(sign: str) -> None:
    # Issue 22 point 12: a sign ticked in Assess and not saved was known to no other page.
    standing = today([assessed(at(0))], at(0, 12), unsaved_signs=[sign])
    assert standing.status is PlanStatus.GET_CARE
    assert standing.unsaved_signs == (sign,)
    assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE
    assert any(FLAGS[sign].question in reason for reason in standing.shown.reasons)
    assert not standing.has_plan_to_follow


def test_an_unsaved_warning_sign_means_get_care_even_with_no_assessment() -> None:
    standing = today([], at(0), unsaved_signs=("bladder-bowel",))
    assert standing.status is PlanStatus.GET_CARE
    assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE


def test_an_unsaved_soon_sign_keeps_the_plan_as_a_saved_one_does() -> None:
    # `soon` signs keep the plan, with a note; they never send a person to urgent care
    # (docs/architecture.md, "Warning signs").
    diary = [assessed(at(0))]
    without = today(diary, at(0, 12))
    standing = today(diary, at(0, 12), unsaved_signs=SOON)
    assert standing.status is without.status
    assert standing.shown is not None and standing.shown.phase is Phase.REHAB
    assert standing.has_plan_to_follow


def test_an_unsaved_soon_sign_never_hides_a_saved_warning_sign() -> None:
    diary = [assessed(at(0)), entry(at(1), 3, new_warning_sign=True)]
    standing = today(diary, at(1, 12), unsaved_signs=SOON)
    assert standing.status is PlanStatus.GET_CARE
    assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE


# Sessions done today


def test_sessions_done_today_is_the_day_s_highest_count_and_yesterday_s_do_not_count() -> None:
    diary = [
        assessed(at(0)),
        entry(at(0, 20), 3, SESSION, sessions_done=SESSIONS_PER_DAY),
        entry(at(1, 8), 3, SESSION, sessions_done=1),
        entry(at(1, 13), 3, SESSION, sessions_done=2),
        entry(at(1, 15), 2, CHECK_IN, sessions_done=1),
    ]
    assert today(diary, at(1, 16)).sessions_done_today == 2
    assert today(diary, at(0, 21)).sessions_done_today == SESSIONS_PER_DAY
    assert today(diary, at(2, 6)).sessions_done_today == 0


def test_no_session_is_ready_once_today_s_sessions_are_done() -> None:
    diary = [assessed(at(0, 7)), entry(at(0, 19), 3, SESSION, sessions_done=SESSIONS_PER_DAY)]
    standing = today(diary, at(0, 20))
    assert standing.has_plan_to_follow and not standing.session_ready


# Background answers and a clearance


def test_a_background_yes_without_a_clearance_stops_the_plan() -> None:
    standing = today([assessed(at(0), background_signs=("history-of-cancer",))], at(0, 12))
    assert standing.background_signs == ("history-of-cancer",)
    assert standing.plan is not None and standing.plan.phase is Phase.URGENT_CARE
    assert standing.shown is not None and standing.shown.prescriptions == ()
    assert not standing.has_plan_to_follow
    assert standing.cleared_on is None


def test_a_background_yes_with_a_clearance_in_this_episode_lets_the_plan_go_ahead() -> None:
    diary = [
        entry(at(0), 5),
        assessed(at(3), background_signs=("history-of-cancer",), cleared_on=at(2).date()),
    ]
    standing = today(diary, at(3, 12))
    assert standing.cleared_on == at(2).date()
    assert standing.plan == recommend(3, FIVE_EASY)
    assert standing.has_plan_to_follow


def test_a_clearance_recorded_at_a_later_check_in_lets_the_plan_go_ahead() -> None:
    diary = [
        assessed(at(0), background_signs=("minor-fall-over-70",)),
        entry(at(1), 4, cleared_on=at(1).date()),
    ]
    standing = today(diary, at(1, 12))
    assert standing.cleared_on == at(1).date()
    assert standing.plan is not None and standing.plan.phase is Phase.REHAB
    assert standing.status is PlanStatus.EARLIER and standing.has_plan_to_follow


def test_a_clearance_recorded_in_this_episode_counts_even_when_dated_before_its_first_entry() -> None:
    # The pain began before the diary did: a check the day before the first entry is "since this
    # pain began", and the person's own word is taken (never make an honest person untick a box).
    diary = [
        entry(at(5), 5),
        assessed(at(6), background_signs=("history-of-cancer",), cleared_on=at(4).date()),
    ]
    standing = today(diary, at(6, 12))
    assert standing.cleared_on == at(4).date()
    assert standing.plan is not None and standing.plan.phase is Phase.REHAB


def test_a_clearance_from_before_a_gap_of_more_than_28_days_does_not_count() -> None:
    gap = EPISODE_GAP_DAYS + 1
    diary = [
        assessed(at(0), background_signs=("history-of-cancer",), cleared_on=at(0).date()),
        assessed(at(gap), background_signs=("history-of-cancer",)),
    ]
    standing = today(diary, at(gap, 12))
    assert standing.cleared_on is None
    assert standing.plan is not None and standing.plan.phase is Phase.URGENT_CARE
    # Within 28 days it is the same episode, and the clearance stands.
    close = [diary[0], assessed(at(EPISODE_GAP_DAYS), background_signs=("history-of-cancer",))]
    assert today(close, at(EPISODE_GAP_DAYS, 12)).cleared_on == at(0).date()


def test_an_uncleared_background_yes_still_says_get_checked_on_a_later_day_at_pain_nine() -> None:
    # As in recommend(), a sign that needs a doctor comes before rest and ice: the person with an
    # unchecked history of cancer is still told to get checked, not only to rest.
    diary = [assessed(at(0), background_signs=("history-of-cancer",)), entry(at(1), 9)]
    standing = today(diary, at(1, 12))
    assert standing.shown is not None
    assert standing.shown.phase is Phase.URGENT_CARE and standing.shown.prescriptions == ()


def test_a_soon_background_sign_keeps_the_plan_with_its_note_without_a_clearance() -> None:
    standing = today([assessed(at(0), background_signs=("inflammatory-back-pain",))], at(0, 12))
    assert standing.has_plan_to_follow
    assert standing.shown is not None
    assert standing.shown.prescriptions == recommend(3, FIVE_EASY).prescriptions
    assert any(FLAGS["inflammatory-back-pain"].question in reason for reason in standing.shown.reasons)


def test_background_tick_then_clearance_then_plan_then_a_new_symptom_stops_it_again() -> None:
    # Issue 22, "Done means".
    ticked = assessed(at(0), background_signs=("history-of-cancer",))
    assert not today([ticked], at(0, 12)).has_plan_to_follow
    cleared = assessed(at(2), background_signs=("history-of-cancer",), cleared_on=at(1).date())
    assert today([ticked, cleared], at(2, 12)).has_plan_to_follow
    symptom = entry(at(2, 18), 4, new_warning_sign=True)
    standing = today([ticked, cleared, symptom], at(2, 19))
    assert standing.status is PlanStatus.GET_CARE and not standing.has_plan_to_follow
    assert standing.background_due is True


def test_a_clearance_from_before_a_new_warning_sign_does_not_clear_the_background_asked_again() -> None:
    # Checked on day 0, a new symptom on day 2, asked the background questions again on day 3 with
    # no new check: whoever checked the person had not seen the new sign, so the plan waits.
    ticked = assessed(at(0), background_signs=("history-of-cancer",), cleared_on=at(0).date())
    symptom = entry(at(2, 12), 4, new_warning_sign=True)
    again = assessed(at(3, 12), background_signs=("history-of-cancer",))
    standing = today([ticked, symptom, again], at(3, 18))
    assert standing.cleared_on is None
    assert not standing.has_plan_to_follow
    # Checked again after the sign (recorded on the new assessment, dated that day): the plan goes ahead.
    checked = assessed(at(3, 12), background_signs=("history-of-cancer",), cleared_on=at(3, 12).date())
    assert today([ticked, symptom, checked], at(3, 18)).has_plan_to_follow
    # A clearance recorded after the sign but dated before it does not count either.
    backdated = assessed(at(3, 12), background_signs=("history-of-cancer",), cleared_on=at(1).date())
    assert not today([ticked, symptom, backdated], at(3, 18)).has_plan_to_follow


def test_background_questions_are_due_in_a_new_episode_and_not_again_within_one() -> None:
    first = assessed(at(0), background_signs=("history-of-cancer",), cleared_on=at(0).date())
    assert today([first, entry(at(1), 3)], at(1, 12)).background_due is False
    later = entry(at(1 + EPISODE_GAP_DAYS + 1), 5)
    standing = today([first, later], at(1 + EPISODE_GAP_DAYS + 1, 12))
    assert standing.background_due is True
    assert standing.background_signs == ()


def test_weeks_without_an_entry_start_a_new_episode_with_its_questions_and_no_old_clearance() -> None:
    # The next assessment after a long break is asked the background questions again, and a
    # clearance from the last episode is not carried into this one.
    first = assessed(at(0), background_signs=("history-of-cancer",), cleared_on=at(0).date())
    standing = today([first], at(EPISODE_GAP_DAYS + 12))
    assert standing.background_due is True
    assert standing.cleared_on is None
    assert standing.background_signs == ()


def test_an_older_episode_s_uncleared_background_answer_still_stops_its_own_plan() -> None:
    # The assessment's own plan is made from its own answers, whatever the episode of today.
    old = assessed(at(0), background_signs=("history-of-cancer",))
    standing = today([old, entry(at(EPISODE_GAP_DAYS + 5), 4)], at(EPISODE_GAP_DAYS + 5, 12))
    assert standing.plan is not None
    assert standing.plan.prescriptions == ()
    assert standing.shown is None or standing.shown.prescriptions == ()


# Back to normal


@pytest.mark.parametrize(
    ("worst", "now_day", "expected"),
    [
        ((2, 1, 0), 2, True),  # three days at 0-2, today the third
        ((2, 1, 0), 3, True),  # up to yesterday
        ((2, 1, 0), 4, False),  # too long ago
        ((2, 3, 0), 2, False),  # one day at 3
        ((2, 1), 1, False),  # only two days
    ],
)
def test_back_to_normal_after_three_days_in_a_row_at_0_to_2(
    worst: tuple[int, ...], now_day: int, expected: bool
) -> None:
    diary = [entry(at(day, 8), 1) for day in range(len(worst))]
    diary += [entry(at(day, 20), pain) for day, pain in enumerate(worst)]
    assert today(diary, at(now_day, 21)).back_to_normal is expected
    assert NORMAL_DAYS == 3 and NORMAL_MAX_PAIN == 2


def test_back_to_normal_needs_the_days_in_a_row() -> None:
    diary = [entry(at(0), 1), entry(at(1), 0), entry(at(3), 2)]
    assert today(diary, at(3, 12)).back_to_normal is False


# Reminders


def test_reminders_cover_three_days_for_a_full_plan_and_one_for_a_short_plan_or_none() -> None:
    assert today([assessed(at(0))], at(0, 12)).reminder_days() == REMINDER_DAYS_DEFAULT
    short = today([assessed(at(0), 3, {"hip-bridge": 0, "bird-dog": 1})], at(0, 12))
    assert short.reminder_days() == REMINDER_DAYS_SHORT_PLAN
    assert today([], at(0)).reminder_days() == REMINDER_DAYS_SHORT_PLAN


# Over random diaries

DAYS = 21  # a few weeks


@st.composite
def diary_entries(draw: st.DrawFn, *, days: int = DAYS, gap: bool = False) -> list[CheckIn]:
    """A random diary: entries of every kind at distinct minutes over `days` days (with a long gap)."""
    minutes = draw(st.lists(st.integers(0, days * 24 * 60), unique=True, max_size=14))
    if gap and minutes:
        # Entries after a cut move on by a gap of weeks: a new episode, maybe.
        cut = draw(st.integers(0, days * 24 * 60))
        shift = draw(st.integers(20, 40)) * 24 * 60
        minutes = [minute + (shift if minute > cut else 0) for minute in minutes]
    diary = []
    for minute in sorted(minutes):
        when = START + timedelta(minutes=minute)
        kind = draw(st.sampled_from(KINDS))
        ratings = draw(
            st.dictionaries(
                st.sampled_from(MOVEMENT_IDS),
                st.integers(0, 10),
                min_size=1 if kind == ASSESSMENT else 0,
                max_size=10 if kind == ASSESSMENT else 3,
            )
        )
        background: tuple[str, ...] = ()
        if kind == ASSESSMENT:
            background = tuple(draw(st.lists(st.sampled_from(BACKGROUND), unique=True, max_size=2)))
        cleared_on = draw(
            st.none() | st.dates(min_value=(START - timedelta(days=40)).date(), max_value=when.date())
        )
        diary.append(
            entry(
                when,
                draw(st.integers(0, 10)),
                kind,
                ratings,
                sessions_done=draw(st.integers(0, SESSIONS_PER_DAY)),
                new_warning_sign=draw(st.integers(0, 5)) == 0,
                background_signs=background,
                cleared_on=cleared_on if draw(st.integers(0, 3)) == 0 else None,
            )
        )
    return diary


@st.composite
def diaries_and_now(draw: st.DrawFn, *, gap: bool = False) -> tuple[list[CheckIn], datetime]:
    diary = draw(diary_entries(gap=gap))
    last = max((item.at for item in diary), default=START)
    # Now is a little after the last entry, or (with a gap) often weeks after it: a new episode.
    minutes_after = st.integers(0, 5 * 24 * 60)
    if gap:
        # Around the gap and past it: weeks without an entry start a new episode.
        minutes_after |= st.integers((EPISODE_GAP_DAYS - 8) * 24 * 60, (EPISODE_GAP_DAYS + 12) * 24 * 60)
    now = last + timedelta(minutes=draw(minutes_after))
    order = draw(st.permutations(diary))
    return list(order), now


# This session's unsaved answers: none, or signs that stop the plan (the app passes only those).
# Any sign may be answered yes in a session, a `soon` one alone included (it never stops a plan).
unsaved: st.SearchStrategy[list[str]] = (
    st.just([]) | st.just(list(SOON)) | st.lists(st.sampled_from(sorted(FLAGS)), unique=True, max_size=2)
)
# today() reads the diary through pandas (tens of milliseconds a call on a busy machine): fewer
# examples than Hypothesis's default keep this file to seconds, and every run draws new ones.
PROPERTY = settings(max_examples=40)


def latest_of(diary: Sequence[CheckIn], kind: str | None = None) -> CheckIn | None:
    chosen = [item for item in diary if kind is None or item.kind == kind]
    return max(chosen, key=lambda item: (item.at, item.id), default=None)


def after(diary: Sequence[CheckIn], moment: datetime | None) -> list[CheckIn]:
    return [item for item in diary if moment is None or item.at > moment]


def warned_from(diary: Sequence[CheckIn], moment: datetime | None) -> list[CheckIn]:
    """Entries that report a new warning sign, from the assessment itself on (or all, with none)."""
    return [item for item in diary if item.new_warning_sign and (moment is None or item.at >= moment)]


def episode_of(diary: Sequence[CheckIn], now: datetime) -> list[CheckIn]:
    """The entries of the episode `now` is in: none, when the last entry is more than the gap ago."""
    ordered = sorted(diary, key=lambda item: (item.at, item.id))
    if ordered and now - ordered[-1].at > timedelta(days=EPISODE_GAP_DAYS):
        return []
    start = 0
    for index in range(1, len(ordered)):
        if ordered[index].at - ordered[index - 1].at > timedelta(days=EPISODE_GAP_DAYS):
            start = index
    return ordered[start:]


@PROPERTY
@given(case=diaries_and_now(), signs=unsaved)
def test_the_assessment_is_always_the_latest_entry_saved_as_one(
    case: tuple[list[CheckIn], datetime], signs: list[str]
) -> None:
    diary, now = case
    standing = today(diary, now, unsaved_signs=signs)
    latest = latest_of(diary, ASSESSMENT)
    if latest is None:
        assert standing.assessment is None and standing.plan is None
    else:
        assert standing.assessment is not None
        assert (standing.assessment.at, standing.assessment.pain) == (latest.at, latest.pain)
        assert dict(standing.assessment.movement_pain) == dict(latest.movement_pain)
    assert standing.latest == latest_of(diary)


@PROPERTY
@given(case=diaries_and_now(), signs=unsaved)
def test_shown_never_holds_a_prescription_unless_the_plan_may_be_followed(
    case: tuple[list[CheckIn], datetime], signs: list[str]
) -> None:
    diary, now = case
    standing = today(diary, now, unsaved_signs=signs)
    if standing.status in (PlanStatus.REST_ICE, PlanStatus.GET_CARE, PlanStatus.NONE):
        assert standing.shown is None or standing.shown.prescriptions == ()
    if standing.status is PlanStatus.GET_CARE:
        assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE
    if standing.status is PlanStatus.REST_ICE:
        assert standing.shown is not None and standing.shown.phase is Phase.REST_ICE
    if standing.has_plan_to_follow:
        assert standing.status in (PlanStatus.TODAY, PlanStatus.EARLIER)
    if standing.session_ready:
        assert standing.status is PlanStatus.TODAY


@PROPERTY
@given(case=diaries_and_now(), signs=unsaved)
def test_no_plan_shown_ever_holds_a_movement_past_rule_three_s_limits(
    case: tuple[list[CheckIn], datetime], signs: list[str]
) -> None:
    diary, now = case
    standing = today(diary, now, unsaved_signs=signs)
    if standing.shown is None or not standing.shown.prescriptions:
        return
    assert standing.assessment is not None
    pain = standing.assessment.pain
    for prescription in standing.shown.prescriptions:
        rise = standing.assessment.movement_pain[prescription.movement_id]
        assert rise <= TOLERATED_MAX_PAIN and pain + rise <= REHAB_MAX_PAIN


@PROPERTY
@given(case=diaries_and_now(), signs=unsaved)
def test_a_warning_sign_after_the_latest_assessment_or_unsaved_means_get_care(
    case: tuple[list[CheckIn], datetime], signs: list[str]
) -> None:
    diary, now = case
    standing = today(diary, now, unsaved_signs=signs)
    latest = latest_of(diary, ASSESSMENT)
    warned = bool(warned_from(diary, latest.at if latest else None))
    stopping_unsaved = any(FLAGS[sign].stops_the_plan for sign in signs)
    if warned or stopping_unsaved:
        assert standing.status is PlanStatus.GET_CARE
        assert standing.shown is not None and standing.shown.phase is Phase.URGENT_CARE
        assert not standing.has_plan_to_follow
    if warned:
        assert standing.warning_sign_at == min(
            item.at for item in warned_from(diary, latest.at if latest else None)
        )
    else:
        assert standing.warning_sign_at is None


@PROPERTY
@given(case=diaries_and_now())
def test_pain_of_nine_or_ten_after_the_assessment_means_rest_and_ice_unless_a_sign_means_get_care(
    case: tuple[list[CheckIn], datetime],
) -> None:
    diary, now = case
    standing = today(diary, now)
    latest = latest_of(diary, ASSESSMENT)
    if latest is None:
        return
    later = after(diary, latest.at)
    worst = max((item.pain for item in later), default=0)
    assert standing.worst_since_assessment == worst
    if warned_from(diary, latest.at):
        assert standing.status is PlanStatus.GET_CARE
    elif standing.plan is not None and standing.plan.phase is Phase.URGENT_CARE:
        # The assessment's own answers need a doctor: see the example test above.
        assert standing.shown is not None and standing.shown.prescriptions == ()
    elif worst > REHAB_MAX_PAIN:
        assert standing.status is PlanStatus.REST_ICE
        assert standing.shown is not None
        assert standing.shown.phase is Phase.REST_ICE and standing.shown.ice
        assert standing.shown.prescriptions == ()
    else:
        assert standing.status not in (PlanStatus.REST_ICE, PlanStatus.GET_CARE, PlanStatus.NONE)


@PROPERTY
@given(case=diaries_and_now())
def test_a_plan_is_today_s_only_on_its_own_day_earlier_up_to_two_days_and_stale_after(
    case: tuple[list[CheckIn], datetime],
) -> None:
    diary, now = case
    standing = today(diary, now)
    if standing.status in (PlanStatus.NONE, PlanStatus.REST_ICE, PlanStatus.GET_CARE):
        return
    latest = latest_of(diary, ASSESSMENT)
    assert latest is not None
    age = (now.date() - latest.at.astimezone(now.tzinfo).date()).days
    assert (standing.status is PlanStatus.TODAY) is (age == 0)
    if standing.plan is not None and standing.plan.phase is Phase.REHAB:
        expected = (
            PlanStatus.TODAY
            if age == 0
            else PlanStatus.EARLIER
            if age <= PLAN_FRESH_DAYS
            else PlanStatus.STALE
        )
        assert standing.status is expected
        assert standing.shown == standing.plan


@PROPERTY
@given(case=diaries_and_now())
def test_tolerance_is_each_movement_s_latest_rating_whatever_kind_of_entry_rated_it(
    case: tuple[list[CheckIn], datetime],
) -> None:
    diary, now = case
    expected: dict[str, int] = {}
    for item in sorted(diary, key=lambda item: (item.at, item.id)):
        expected.update(item.movement_pain)
    assert dict(today(diary, now).tolerance) == expected


@PROPERTY
@given(case=diaries_and_now())
def test_sessions_done_today_is_the_day_s_highest_count(case: tuple[list[CheckIn], datetime]) -> None:
    diary, now = case
    on_the_day = [item.sessions_done for item in diary if item.at.astimezone(TZ).date() == now.date()]
    assert today(diary, now).sessions_done_today == max(on_the_day, default=0)


@PROPERTY
@given(case=diaries_and_now(gap=True))
def test_a_background_yes_stops_the_plan_until_a_clearance_recorded_in_this_episode(
    case: tuple[list[CheckIn], datetime],
) -> None:
    diary, now = case
    standing = today(diary, now)
    latest = latest_of(diary, ASSESSMENT)
    if latest is None:
        return
    episode = episode_of(diary, now)
    # Every clearance recorded in this episode, whatever its date (the pain began before the diary),
    # except those a later warning sign made out of date: recorded before it, or dated before its day.
    signs = [item for item in episode if item.new_warning_sign]
    clearances = [
        item.cleared_on
        for item in episode
        if item.cleared_on is not None
        and (
            not signs
            or ((item.at, item.id) > (signs[-1].at, signs[-1].id) and item.cleared_on >= signs[-1].at.date())
        )
    ]
    assert standing.cleared_on == max(clearances, default=None)
    answered = latest_of(episode, ASSESSMENT)
    assert standing.background_signs == (() if answered is None else tuple(answered.background_signs))
    if latest not in episode:
        return  # an older episode's plan: see the example test above
    # The episode's background answers reach the protocol; a clearance answers those that stop it.
    signs = [sign for sign in latest.background_signs if not clearances or sign in SOON]
    assert standing.plan == recommend(latest.pain, latest.movement_pain, signs)
    if any(sign in STOPPING_BACKGROUND for sign in latest.background_signs) and not clearances:
        assert standing.plan.phase is Phase.URGENT_CARE and standing.plan.prescriptions == ()
        assert not standing.has_plan_to_follow


@PROPERTY
@given(case=diaries_and_now(gap=True))
def test_background_answers_are_due_again_only_in_a_new_episode_or_after_a_new_warning_sign(
    case: tuple[list[CheckIn], datetime],
) -> None:
    diary, now = case
    episode = episode_of(diary, now)
    answered = latest_of(episode, ASSESSMENT)
    expected = answered is None or any(item.new_warning_sign for item in after(episode, answered.at))
    assert today(diary, now).background_due is expected


@PROPERTY
@given(case=diaries_and_now())
def test_back_to_normal_exactly_after_three_days_in_a_row_at_0_to_2_up_to_yesterday(
    case: tuple[list[CheckIn], datetime],
) -> None:
    diary, now = case
    worst: dict[date, int] = {}
    for item in diary:
        day = item.at.astimezone(TZ).date()
        worst[day] = max(worst.get(day, 0), item.pain)
    days = sorted(worst)[-NORMAL_DAYS:]
    expected = (
        len(days) == NORMAL_DAYS
        and all((later - earlier).days == 1 for earlier, later in itertools.pairwise(days))
        and (now.date() - days[-1]).days <= 1
        and all(worst[day] <= NORMAL_MAX_PAIN for day in days)
    )
    assert today(diary, now).back_to_normal is expected


@PROPERTY
@given(case=diaries_and_now(), signs=unsaved)
def test_the_same_diary_in_any_order_gives_the_same_answer_and_is_not_changed(
    case: tuple[list[CheckIn], datetime], signs: list[str]
) -> None:
    diary, now = case
    before, signs_before = copy.deepcopy(diary), list(signs)
    first = today(diary, now, unsaved_signs=signs)
    assert diary == before and signs == signs_before
    assert today(tuple(reversed(diary)), now, unsaved_signs=tuple(signs)) == first
    assert today(sorted(diary, key=lambda item: item.id), now, unsaved_signs=iter(signs)) == first


@PROPERTY
@given(case=diaries_and_now())
def test_back_to_normal_and_the_alerts_agree_with_the_diary_s_daily_table(
    case: tuple[list[CheckIn], datetime],
) -> None:
    # today() works back to normal out without pandas; the daily table (what the charts show) is
    # the reference: the last NORMAL_DAYS days with check-ins, in a row, up to yesterday, each at 0-2.
    diary, now = case
    daily = daily_pain(to_frame(diary))
    last = daily.tail(NORMAL_DAYS)
    days = [stamp.date() for stamp in last["date"]]
    expected = (
        len(days) == NORMAL_DAYS
        and all((later - earlier).days == 1 for earlier, later in itertools.pairwise(days))
        and (now.date() - days[-1]).days <= 1
        and bool((last["max_pain"] <= NORMAL_MAX_PAIN).all())
    )
    standing = today(diary, now)
    assert standing.back_to_normal is expected
    assert standing.alerts == tuple(recovery_alerts(daily))
