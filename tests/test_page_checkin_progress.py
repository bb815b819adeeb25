"""Check-in and My progress, driven in AppTest on a session diary: save, edit, delete, import, demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from rehab_core import movements
from rehab_core.demo import demo_check_ins
from rehab_core.diary_files import to_csv

Open = Callable[..., AppTest]


@pytest.fixture(autouse=True)
def _session_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACK_IN_ACTION_STORAGE_MODE", "session")


def field(app: AppTest, name: str) -> str:
    """The key of a Check-in field in the form on screen now (a fresh form after each save)."""
    return f"checkin_{name}_{app.session_state['checkin_form_round']}"


def open_ratings(app: AppTest) -> AppTest:
    """Tap "Re-rate movements (optional)": its boxes are drawn from the first tap on."""
    app.session_state["checkin_ratings"] = True  # the tap
    app.run()
    assert not app.exception
    return app


def save(app: AppTest) -> AppTest:
    app.button(key="FormSubmitter:checkin_form-Save check-in").click().run()
    assert not app.exception
    return app


def check_in(
    app: AppTest,
    pain: int,
    *,
    sessions: int = 1,
    note: str = "",
    day: date | None = None,
    new_warning_sign: str = "No",
) -> AppTest:
    app.button_group(key=field(app, "new_warning_sign")).set_value(new_warning_sign)
    app.button_group(key=field(app, "pain")).set_value(pain)
    app.get_by_key(field(app, "sessions")).set_value(sessions)  # type: ignore[attr-defined]
    app.text_area(key=field(app, "note")).set_value(note)
    if day is not None:
        app.date_input(key=field(app, "date")).set_value(day)
        if day != date.today():  # another day's check-in needs its time too
            app.time_input(key=field(app, "time")).set_value(time(9, 0))
    return save(app)


def test_a_check_in_saves_in_one_tap_and_says_what_was_saved(open_page: Open) -> None:
    app = check_in(open_page("checkin"), 6, sessions=2, note="Slept badly")
    assert "pain 6, 2 of 3 sessions" in app.success[0].value
    saved = app.session_state["session_diary"].list("session")
    assert [(item.pain, item.sessions_done, item.note) for item in saved] == [(6, 2, "Slept badly")]


def test_progress_shows_the_trend_after_check_ins_over_two_days(open_page: Open) -> None:
    app = open_page("checkin")
    yesterday = date.today() - timedelta(days=1)
    check_in(app, 7, day=yesterday)
    check_in(app, 6, day=yesterday)
    check_in(app, 3)
    app.switch_page("pages/progress.py").run()
    assert not app.exception
    assert app.metric[1].value == "3"  # check-ins
    assert app.metric[2].value == "2"  # days logged
    charts = app.get("arrow_vega_lite_chart") + app.get("vega_lite_chart")
    assert len(charts) >= 2, "the pain and sessions charts are drawn"


def test_an_import_with_bad_rows_lists_every_problem_and_changes_nothing(open_page: Open) -> None:
    app = open_page("progress")
    bad = b"id,at,pain\nnot-an-id,yesterday,eleven\n"
    upload(app, "diary.csv", bad)
    assert not app.exception
    assert app.error and "Nothing was imported" in app.error[0].value
    assert app.session_state["session_diary"].list("session") == []


def test_the_demo_loads_into_the_session_only_and_a_reset_clears_it(open_page: Open) -> None:
    app = open_page("progress", query={"demo": "1"})
    assert not app.exception
    assert int(app.metric[1].value) > 20
    app.session_state["demo_controls"] = True  # the person opens "Workshop demo" in the sidebar
    app.run()
    app.button(key="demo_reset").click().run()
    assert not app.exception
    assert app.session_state["demo_diary"] is None
    assert not app.metric


def upload(app: AppTest, name: str, data: bytes) -> AppTest:
    """Drop a file on the import box on screen now (a fresh box after each import)."""
    key = f"progress_import_{app.session_state['progress_import_round']}"
    app.file_uploader(key=key).upload(name, data).run()  # type: ignore[attr-defined]
    return app


def test_an_import_says_what_will_happen_then_shows_the_fresh_diary_and_what_happened(
    open_page: Open,
) -> None:
    check_ins = demo_check_ins("someone-else", today=date(2026, 3, 1))
    app = open_page("progress")
    assert any("No check-ins yet" in str(info.value) for info in app.info)
    upload(app, "diary.csv", to_csv(check_ins))
    assert f"{len(check_ins)} in the file: {len(check_ins)} new, 0 already in your diary." in body(app)
    assert app.button(key="progress_import_go").label == f"Import {len(check_ins)} new check-ins"
    app.button(key="progress_import_go").click().run()
    assert not app.exception
    assert len(app.session_state["session_diary"].list("session")) == len(check_ins)
    # The fresh page: the diary as stored, and what the import did, in the same words as before.
    assert not any("No check-ins yet" in str(info.value) for info in app.info)
    assert app.metric[1].value == str(len(check_ins))
    assert f"Imported. {len(check_ins)} in the file: {len(check_ins)} new, 0 already in your diary." in [
        str(alert.value) for alert in app.success
    ]


def test_importing_the_same_file_again_says_every_check_in_is_already_there_and_adds_none(
    open_page: Open,
) -> None:
    exported = to_csv(demo_check_ins("someone-else", today=date(2026, 3, 1)))
    app = open_page("progress")
    upload(app, "diary.csv", exported)
    app.button(key="progress_import_go").click().run()
    count = len(app.session_state["session_diary"].list("session"))
    upload(app, "diary.csv", exported)
    assert f"{count} in the file: 0 new, {count} already in your diary." in body(app)
    assert not [button for button in app.button if button.key == "progress_import_go"]
    assert len(app.session_state["session_diary"].list("session")) == count


def test_deleting_all_data_shows_the_empty_diary_and_says_what_was_deleted(open_page: Open) -> None:
    app = open_page("checkin")
    check_in(app, 4)
    check_in(app, 5)
    app.switch_page("pages/progress.py").run()
    app.checkbox(key="progress_delete_all_confirm").check().run()
    app.button(key="progress_delete_all").click().run()
    assert not app.exception
    assert "Deleted 2 check-ins. Your diary is empty." in [str(alert.value) for alert in app.success]
    assert any("No check-ins yet" in str(info.value) for info in app.info)
    assert not app.metric, "no stale counts after the delete"
    assert app.checkbox(key="progress_delete_all_confirm").value is False


def test_a_check_in_can_be_changed_and_then_deleted_after_a_yes(open_page: Open) -> None:
    app = check_in(open_page("checkin"), 6, note="first try")
    saved = app.session_state["session_diary"].list("session")[0]
    app.switch_page("pages/progress.py").run()
    assert f"edit_pain_{saved.id}" not in [slider.key for slider in app.slider]  # drawn only when open
    app.session_state["progress_editor"] = True  # the person opens "Change or delete a check-in"
    app.run()
    app.slider(key=f"edit_pain_{saved.id}").set_value(4)
    app.text_area(key=f"edit_note_{saved.id}").set_value("better than I said")
    app.button(key="progress_edit_save").click().run()
    assert not app.exception
    [changed] = app.session_state["session_diary"].list("session")
    assert (changed.id, changed.pain, changed.note) == (saved.id, 4, "better than I said")

    assert app.button(key="progress_delete_one").disabled
    app.checkbox(key=f"delete_confirm_{saved.id}").check().run()
    app.button(key="progress_delete_one").click().run()
    assert not app.exception
    assert app.session_state["session_diary"].list("session") == []


def delete_newest_in_the_editor(app: AppTest) -> str:
    """Open the editor, say yes and delete the check-in it offers first; its confirmation text."""
    app.session_state["progress_editor"] = True  # the person opens "Change or delete a check-in"
    app.run()
    newest = app.session_state["session_diary"].list("session")[-1]
    app.checkbox(key=f"delete_confirm_{newest.id}").check().run()
    app.button(key="progress_delete_one").click().run()
    assert not app.exception
    return f"Check-in of {newest.at:%H:%M on %a %d %b} deleted."


def test_deleting_one_check_in_confirms_it_just_below_the_delete_button_not_at_the_top(
    open_page: Open,
) -> None:
    app = check_in(check_in(open_page("checkin"), 6, note="first"), 5, note="second")
    app.switch_page("pages/progress.py").run()
    confirmation = delete_newest_in_the_editor(app)
    assert len(app.session_state["session_diary"].list("session")) == 1
    [editor] = [block for block in app.expander if block.label == "Change or delete a check-in"]
    shown = [
        (element.type, getattr(element, "key", None), str(getattr(element, "value", "")))
        for element in editor
    ]
    button_at = next(at for at, item in enumerate(shown) if item[1] == "progress_delete_one")
    assert shown[button_at + 1][0] == "success" and shown[button_at + 1][2] == confirmation, shown
    assert confirmation not in [str(alert.value) for alert in app.main.success if alert not in editor.success]
    app.run()
    assert confirmation not in [str(alert.value) for alert in app.success], "said once"


def test_deleting_the_last_check_in_confirms_it_at_the_top_of_the_empty_page(open_page: Open) -> None:
    app = check_in(open_page("checkin"), 6)
    app.switch_page("pages/progress.py").run()
    confirmation = delete_newest_in_the_editor(app)
    assert confirmation in [str(alert.value) for alert in app.success]
    assert any("No check-ins yet" in str(info.value) for info in app.info)


@pytest.mark.parametrize("stem", ["home", "assess", "checkin", "progress", "about", "spine", "library"])
def test_every_page_works_on_the_workshop_demo(open_page: Open, stem: str) -> None:
    app = open_page(stem, query={"demo": "1"})
    assert not app.exception
    assert app.session_state["demo_diary"] is not None


def test_progress_chart_data_is_sent_as_arrow_holding_every_row_of_the_chart() -> None:
    import pandas as pd
    import pyarrow as pa

    from rehab_core.analytics import daily_pain, to_frame
    from rehab_core.charts import pain_chart
    from rehab_core.palette import THEME_FILE, palette_from_file
    from ui.charts import with_arrow_datasets

    daily = daily_pain(to_frame(demo_check_ins("demo")))
    spec = pain_chart(daily, palette_from_file(THEME_FILE).light).to_dict()

    converted = with_arrow_datasets(spec)

    assert converted.keys() == spec.keys()
    assert converted["datasets"].keys() == spec["datasets"].keys()
    sizes = []
    for name, rows in spec["datasets"].items():
        table = pa.ipc.open_stream(converted["datasets"][name]).read_all()
        assert table.num_rows == len(rows)
        assert pd.DataFrame(rows).columns.tolist() == [
            column for column in table.column_names if not column.startswith("__index")
        ]
        sizes.append(table.num_rows)
    assert len(daily) in sizes  # the days themselves, beside the pain zones


def test_a_check_in_keeps_the_rise_of_the_movements_rated_and_leaves_out_those_not_tried(
    open_page: Open,
) -> None:
    app = open_ratings(open_page("checkin"))
    first, second, *_ = movements()
    # Asked as the pain while doing it; kept as the rise above the pain now (4).
    app.number_input(key=field(app, f"rate_{first.id}")).set_value(7)
    app.number_input(key=field(app, f"rate_{second.id}")).set_value(2)

    check_in(app, 4)

    [saved] = app.session_state["session_diary"].list("session")
    assert dict(saved.movement_pain) == {first.id: 3, second.id: 0}


def test_the_rerate_boxes_ask_the_pain_while_doing_it_gentlest_first(open_page: Open) -> None:
    from rehab_core.catalogue import gentlest_first

    app = open_ratings(open_page("checkin"))
    round_ = app.session_state["checkin_form_round"]
    boxes = [box.key for box in app.number_input if box.key.startswith("checkin_rate_")]
    assert boxes == [f"checkin_rate_{movement.id}_{round_}" for movement in gentlest_first()]
    expander = next(e for e in app.expander if e.label == "Re-rate movements (optional)")
    assert "your pain while doing it" in str(expander.caption[0].value)
    assert "does not change your plan" in str(expander.caption[0].value)


def test_the_rerate_boxes_are_sent_only_once_opened_and_a_rating_folded_away_is_still_saved(
    open_page: Open,
) -> None:
    app = open_page("checkin")
    [rerate] = [e for e in app.expander if e.label == "Re-rate movements (optional)"]
    assert not rerate.caption and not app.number_input  # closed and never opened: eleven elements fewer

    open_ratings(app)
    assert len(app.number_input) == len(movements())
    app.session_state["checkin_ratings"] = False  # folded away again
    app.run()
    assert len(app.number_input) == len(movements()), "once opened, the boxes stay in the form"
    # What a box holds while folded away is the browser's until Save (tests/browser/test_hostile_input.py).
    app.number_input(key=field(app, "rate_hip-mobility")).set_value(6)

    check_in(app, 4)

    [saved] = app.session_state["session_diary"].list("session")
    assert dict(saved.movement_pain) == {"hip-mobility": 2}


def test_a_rating_out_of_range_is_named_and_nothing_typed_is_lost(open_page: Open) -> None:
    app = open_page("checkin")
    hip_mobility = next(movement for movement in movements() if movement.id == "hip-mobility")
    app.button_group(key=field(app, "new_warning_sign")).set_value("No").run()
    open_ratings(app)
    app.button_group(key=field(app, "pain")).set_value(5)
    app.text_area(key=field(app, "note")).set_value("stiff in the morning")
    app.number_input(key=field(app, "rate_hip-mobility")).set_value(15)

    save(app)

    [error] = app.error
    assert error.value.startswith("Not saved:")
    assert "your pain while doing Hip mobility must be a whole number from 0 to 10, got 15" in error.value
    assert f"{hip_mobility.name} must be a whole number" in error.value
    assert app.session_state["session_diary"].list("session") == []
    assert app.button_group(key=field(app, "pain")).value == 5
    assert app.text_area(key=field(app, "note")).value == "stiff in the morning"
    assert app.number_input(key=field(app, "rate_hip-mobility")).value == 15

    app.number_input(key=field(app, "rate_hip-mobility")).set_value(8)
    save(app)

    [saved] = app.session_state["session_diary"].list("session")
    assert (saved.pain, saved.note, dict(saved.movement_pain)) == (
        5,
        "stiff in the morning",
        {"hip-mobility": 3},
    )


def test_after_a_save_the_form_starts_afresh_and_says_what_was_saved(open_page: Open) -> None:
    app = open_ratings(open_page("checkin"))
    app.number_input(key=field(app, "rate_hip-mobility")).set_value(4)
    app = check_in(app, 6, note="after the walk")

    assert "pain 6," in app.success[0].value
    assert app.button_group(key=field(app, "pain")).value is None
    assert app.button_group(key=field(app, "new_warning_sign")).value is None
    assert app.text_area(key=field(app, "note")).value == ""
    boxes = [box for box in app.number_input if box.key.startswith("checkin_rate_")]
    assert len(boxes) == len(movements())  # still open, each box blank in the new form
    assert all(box.value is None for box in boxes)


def test_a_check_in_without_a_picked_pain_or_safety_answer_is_not_saved_and_says_what_is_missing(
    open_page: Open,
) -> None:
    app = open_page("checkin")
    assert app.button_group(key=field(app, "pain")).value is None, "pain now is never defaulted"
    app.text_area(key=field(app, "note")).set_value("kept while I fix it")
    save(app)
    [error] = app.error
    assert "tap your pain now" in error.value and "Any new warning sign" in error.value
    assert app.session_state["session_diary"].list("session") == []
    assert app.text_area(key=field(app, "note")).value == "kept while I fix it"


def test_every_check_in_asks_about_new_warning_signs_with_the_list_one_tap_away(open_page: Open) -> None:
    app = open_page("checkin")
    question = app.button_group(key=field(app, "new_warning_sign"))
    assert question.label == "Any new warning sign since your last check-in?"
    assert question.value is None
    [warning_list] = [expander for expander in app.expander if expander.label == "The warning signs"]
    assert not warning_list.markdown  # closed, it sends nothing; one tap opens it
    app.session_state["checkin_signs"] = True  # the tap
    app.run()
    [warning_list] = [expander for expander in app.expander if expander.label == "The warning signs"]
    now, today = (str(block.value) for block in warning_list.markdown)
    from rehab_core import red_flags

    assert now.startswith("**Signs that need help now**") and today.startswith(
        "**Signs that need a doctor today**"
    )
    symptoms = [flag for flag in red_flags() if flag.kind == "symptom"]
    assert symptoms
    assert all(flag.question in (now if flag.level == "emergency" else today) for flag in symptoms)
    # The background is asked once per episode on Assess, not as a new sign at every check-in.
    background = [flag for flag in red_flags() if flag.kind == "background"]
    assert background and not any(flag.question in now + today for flag in background)


def test_a_new_warning_sign_shows_get_care_now_at_once_and_is_kept_in_the_diary(open_page: Open) -> None:
    app = open_page("checkin")
    app.button_group(key=field(app, "new_warning_sign")).set_value("Yes").run()
    assert not app.exception
    [care] = app.error
    assert "(tel:999)" in care.value and "(tel:111)" in care.value, "whom to call, before saving"

    check_in(app, 5, new_warning_sign="Yes")

    [saved] = app.session_state["session_diary"].list("session")
    assert saved.new_warning_sign is True
    assert "a new warning sign" in app.success[0].value
    assert any("(tel:999)" in error.value for error in app.error), "the care advice stays after the save"


def test_a_check_in_with_no_new_warning_sign_is_kept_as_such(open_page: Open) -> None:
    app = check_in(open_page("checkin"), 3)
    [saved] = app.session_state["session_diary"].list("session")
    assert saved.new_warning_sign is False
    assert not app.error


def body(app: AppTest) -> str:
    kinds = ("markdown", "subheader", "success", "warning", "error", "info", "caption")
    return "\n".join(str(element.value) for kind in kinds for element in getattr(app, kind))


def test_my_progress_reminds_of_a_new_warning_sign_reported_at_a_check_in(open_page: Open) -> None:
    app = open_page("checkin")
    check_in(app, 4, new_warning_sign="Yes")
    check_in(app, 3)
    app.switch_page("pages/progress.py").run()
    assert not app.exception
    [care] = [error for error in app.error if "new warning sign" in error.value]
    assert "(tel:111)" in care.value and "(tel:999)" in care.value
    table = app.dataframe[0].value
    assert sorted(table["New warning sign"]) == ["no", "yes"]


def test_a_file_with_no_check_ins_says_there_is_nothing_to_import(open_page: Open) -> None:
    app = upload(open_page("progress"), "empty.csv", to_csv([]) + b"\n\n\n")
    assert any("This file holds no check-ins" in str(info.value) for info in app.info)
    assert not [button for button in app.button if button.key == "progress_import_go"]


def test_a_file_that_would_make_the_diary_too_large_to_export_again_is_refused_before_the_import_button(
    open_page: Open,
) -> None:
    start = demo_check_ins("someone-else", today=date(2026, 3, 1))[0].at
    ordinary = [
        replace(start_entry, id=f"{n:032x}", at=start + timedelta(minutes=n))
        for n, start_entry in enumerate([demo_check_ins("someone-else", today=date(2026, 3, 1))[0]] * 30_000)
    ]
    app = open_page("progress")
    upload(app, "diary.csv", to_csv(ordinary))
    assert (
        "This file cannot be imported: with it, your diary would be too large (its export would be"
        in body(app)
    )
    assert not [button for button in app.button if button.key == "progress_import_go"]
    assert app.session_state["session_diary"].list("session") == []


def test_my_progress_on_the_first_day_counts_one_day_not_one_days(open_page: Open) -> None:
    app = check_in(open_page("checkin"), 4)
    app.switch_page("pages/progress.py").run()
    captions = [str(caption.value) for caption in app.caption]
    assert "All sessions done on 0 of 1 day shown." in captions, captions


def test_deleting_the_check_ins_before_a_day_says_how_many_first_and_keeps_the_rest(open_page: Open) -> None:
    app = open_page("checkin")
    for days_ago in (3, 2, 0):
        app = check_in(app, 4, day=date.today() - timedelta(days=days_ago))
    app.switch_page("pages/progress.py").run()
    cut = date.today() - timedelta(days=1)
    app.date_input(key="progress_delete_before_day").set_value(cut).run()
    assert app.button(key="progress_delete_before").disabled, "nothing goes before the box is ticked"
    app.checkbox(key="progress_delete_before_confirm").check().run()
    assert app.checkbox(key="progress_delete_before_confirm").label == (
        f"I understand, delete 2 check-ins from before {cut:%d %B %Y}"
    )
    app.button(key="progress_delete_before").click().run()
    assert not app.exception, app.exception
    assert f"Deleted 2 check-ins from before {cut:%d %B %Y}." in [str(alert.value) for alert in app.success]
    assert [entry.at.date() for entry in app.session_state["session_diary"].list("session")] == [date.today()]


def _titles(app: AppTest) -> list[str]:
    return [str(alert.proto.title) for alert in (*app.warning, *app.error)]


@pytest.mark.parametrize(
    ("pain", "sign", "advice"), [(9, "No", "Skip today's sessions"), (3, "Yes", "Get care now")]
)
def test_what_a_save_said_stays_up_while_re_rate_movements_is_opened_and_folded_away(
    open_page: Open, pain: int, sign: str, advice: str
) -> None:
    # The expander reruns the page on a tap (it draws its ten boxes only once opened): the save's
    # advice must not vanish on the tap a person is most likely to make next.
    app = open_page("checkin")
    check_in(app, pain, new_warning_sign=sign)
    assert advice in _titles(app)
    open_ratings(app)
    assert advice in _titles(app) and any("Saved: pain" in str(box.value) for box in app.success)
    app.session_state["checkin_ratings"] = False  # folded away again
    app.run()
    assert advice in _titles(app) and any("Saved: pain" in str(box.value) for box in app.success)


def test_coming_back_to_check_in_shows_nothing_of_an_earlier_save(open_page: Open) -> None:
    app = open_page("checkin")
    check_in(app, 9)
    assert "Skip today's sessions" in _titles(app)
    open_ratings(app)
    app.switch_page("pages/about.py").run()
    app.switch_page("pages/checkin.py").run()
    assert not app.exception
    assert "Skip today's sessions" not in _titles(app)
    assert not any("Saved: pain" in str(box.value) for box in app.success)
    assert not app.number_input, "the ratings' boxes are not sent until opened again"
