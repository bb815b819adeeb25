"""The one error type of rehab_core, and how a rejected value is quoted in its message."""

from __future__ import annotations

import math
import reprlib

# A rejected value is quoted in the message so the person can find it, but never whole: a huge
# string or mapping would make a message of megabytes.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = _SHORT.maxlong = 40
_SHORT.maxdict = _SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = 4
# Python refuses to turn an int of more than 4,300 digits into text (a plain ValueError), so a
# long number is described by its size instead of written out.
_LONGEST_NUMBER_BITS = 128


class InvalidInput(ValueError):  # noqa: N818  # the name is part of the public contract
    """A value was rejected. The message names what was wrong and where (file, row, field)."""


def short_repr(value: object) -> str:
    """A value as it would be typed, cut to about 40 characters: "'abc'", "{'a': 1, ...}"."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > _LONGEST_NUMBER_BITS:
        digits = math.floor(value.bit_length() * math.log10(2)) + 1
        return f"a number of about {digits:,} digits"
    return _SHORT.repr(value)
