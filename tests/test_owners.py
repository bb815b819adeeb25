"""Account owners: one diary per signed-in person, whatever their identity looks like."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehab_core.diary import OWNER_MAX_CHARS
from rehab_core.errors import InvalidInput
from rehab_core.owners import HASHED_PREFIX, NoIdentity, account_owner

HASHED = re.compile(r"account:sha256:[0-9a-f]{64}")


def test_a_subject_gives_the_key_existing_diaries_already_have() -> None:
    assert account_owner("alice-123", "alice@example.org") == "account:alice-123"


def test_without_a_subject_the_email_is_the_key_as_before() -> None:
    assert account_owner(None, "alice@example.org") == "account:alice@example.org"
    assert account_owner("", "alice@example.org") == "account:alice@example.org"


def test_a_numeric_subject_is_spelled_as_its_digits_as_before() -> None:
    assert account_owner(12345) == "account:12345"


@pytest.mark.parametrize(
    ("subject", "email"), [(None, None), ("", ""), ("   ", None), (True, None), ([], {})]
)
def test_a_sign_in_without_subject_or_email_is_refused_with_words(subject: object, email: object) -> None:
    with pytest.raises(NoIdentity, match="did not say who you are") as refused:
        account_owner(subject, email)
    assert isinstance(refused.value, InvalidInput)


@pytest.mark.parametrize("length", [247, 248, 250, 255, 256, 10_000])
def test_a_long_subject_gets_a_fixed_length_key_that_fits_the_owner_column(length: int) -> None:
    owner = account_owner("s" * length)
    assert len(owner) <= OWNER_MAX_CHARS
    if len("account:") + length <= OWNER_MAX_CHARS:
        assert owner == "account:" + "s" * length
    else:
        assert HASHED.fullmatch(owner)


def test_two_long_subjects_that_differ_only_at_the_end_get_different_keys() -> None:
    assert account_owner("s" * 300 + "a") != account_owner("s" * 300 + "b")


def test_a_subject_cannot_pose_as_another_persons_hashed_key() -> None:
    victim = account_owner("v" * 300)
    chosen = victim.removeprefix("account:")
    assert account_owner(chosen) != victim
    assert HASHED.fullmatch(account_owner(chosen))


def test_a_subject_with_control_characters_gets_a_key_the_diary_accepts() -> None:
    assert HASHED.fullmatch(account_owner("alice\x00\u202e"))


@given(subject=st.text(min_size=1, max_size=600).filter(str.strip))
def test_every_subject_gives_a_key_that_fits_and_is_the_same_each_time(subject: str) -> None:
    owner = account_owner(subject)
    assert owner == account_owner(subject)
    assert 0 < len(owner) <= OWNER_MAX_CHARS
    assert owner == "account:" + subject or owner.startswith(HASHED_PREFIX)
