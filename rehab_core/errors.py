"""The one error type of rehab_core: every rejected input, said in words a person can act on."""


class InvalidInput(ValueError):  # noqa: N818  # the name is part of the public contract
    """A value was rejected. The message names what was wrong and where (file, row, field)."""
