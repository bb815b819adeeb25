"""Whose diary a signed-in person's is: a stable owner key from their OpenID Connect identity."""

from __future__ import annotations

import hashlib
import unicodedata

from rehab_core.diary import OWNER_MAX_CHARS
from rehab_core.errors import InvalidInput

ACCOUNT_PREFIX = "account:"
HASHED_PREFIX = ACCOUNT_PREFIX + "sha256:"


class NoIdentity(InvalidInput):  # reads as a state, like InvalidInput
    """The sign-in gave neither a subject (`sub`) nor an email, so no diary can be theirs alone."""


def account_owner(subject: object, email: object = None) -> str:
    """The owner key of a signed-in person: "account:<sub>", else "account:<email>".

    Keys that fit the database's owner column stay exactly as they always were, so existing
    diaries stay reachable. A longer one (or one with control characters, which the diary
    refuses) becomes "account:sha256:<64 hex digits>" of the whole plain key: fixed length, and
    still one person's alone. A plain key that itself starts "account:sha256:" is hashed too, so
    nobody can pick a subject that names another person's hashed key. A sign-in without either claim is
    refused (it would share one diary with every other such sign-in).
    """
    identity = next((text for text in map(_claim_text, (subject, email)) if text.strip()), "")
    if not identity:
        raise NoIdentity(
            "Your sign-in did not say who you are (no user id or email came back), so your diary "
            "cannot be kept apart from other people's. Sign out and try again, or ask whoever runs "
            "this site to have the sign-in service send a user id ('sub')."
        )
    plain = ACCOUNT_PREFIX + identity
    storable = not any(unicodedata.category(character).startswith("C") for character in plain)
    if storable and len(plain) <= OWNER_MAX_CHARS and not plain.startswith(HASHED_PREFIX):
        return plain
    return HASHED_PREFIX + hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()


def _claim_text(value: object) -> str:
    """A claim as the owner key has always spelled it (a number as its digits); anything else is none."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return ""
