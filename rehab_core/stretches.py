"""The stretches for the hamstrings and glutes, loaded from content/stretches.toml and checked on the way in.

The rehab page asks for the hamstrings and glutes to be stretched as well as strengthened; these
are those stretches, written as the movement library writes its cards (steps, what to feel, when
to stop). They are not test movements: they are never rated and never go into a plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rehab_core.catalogue import CONTENT_DIR, _check_ids_unique, _Fields, _slug_id, read_toml
from rehab_core.errors import InvalidInput


@dataclass(frozen=True)
class Stretch:
    """One stretch, as a coach wrote it in content/stretches.toml."""

    id: str
    name: str
    summary: str
    steps: tuple[str, ...]
    works: str
    feel: str
    stop_if: str
    easier: str
    harder: str
    illustration: str = ""


def load_stretches(path: Path) -> tuple[Stretch, ...]:
    """The stretches from their file; a missing or malformed field raises InvalidInput naming it."""
    data = read_toml(path)
    entries = data.get("stretch")
    if not isinstance(entries, list) or not entries:
        raise InvalidInput(f"{path.name}: no [[stretch]] entries found")
    loaded: list[Stretch] = []
    for number, entry in enumerate(entries, start=1):
        fields = _Fields(entry, f"{path.name}, stretch {number}")
        name = fields.text("name")
        fields.where = f"{path.name}, stretch {number} ({name})"
        fields.unknown(set(Stretch.__dataclass_fields__))
        stretch_id = _slug_id(fields)
        loaded.append(
            Stretch(
                id=stretch_id,
                name=name,
                summary=fields.text("summary"),
                steps=fields.texts("steps"),
                works=fields.text("works"),
                feel=fields.text("feel"),
                stop_if=fields.text("stop_if"),
                easier=fields.text("easier"),
                harder=fields.text("harder"),
                illustration=fields.text("illustration", required=False),
            )
        )
    _check_ids_unique([stretch.id for stretch in loaded], path)
    return tuple(loaded)


@cache
def stretches() -> tuple[Stretch, ...]:
    """The stretches from content/stretches.toml, loaded once."""
    return load_stretches(CONTENT_DIR / "stretches.toml")
