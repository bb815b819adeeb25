"""Every session-state key of the app, declared once with its default and the module that owns it.

A module that keeps something in session state declares its key here through `declare`, at
import, and reads and writes it only through that Key; other modules ask the owner (its
functions), never the key. Widgets' own keys are named in the widget call of their owner module
and read back with `widget_value`. tests/test_session_state.py holds the code to this: no module
but this one touches st.session_state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import streamlit as st

T = TypeVar("T")


@dataclass(frozen=True)
class Key(Generic[T]):
    """One session-state entry: its name, how to make its default, and the module that owns it."""

    name: str
    default: Callable[[], T]
    owner: str

    def get(self) -> T:
        """The value for this session, its default when nothing is set yet (made only then)."""
        if self.name not in st.session_state:
            st.session_state[self.name] = self.default()
        value: T = st.session_state[self.name]
        return value

    def set(self, value: T) -> None:
        st.session_state[self.name] = value

    def reset(self) -> None:
        """Back to the default (forgetting what the session set)."""
        st.session_state[self.name] = self.default()

    def take(self) -> T:
        """The value, then back to the default: for what one run keeps for the next."""
        value = self.get()
        self.reset()
        return value


_DECLARED: dict[str, Key[Any]] = {}


def declare(name: str, default: Callable[[], T], owner: str) -> Key[T]:
    """Declare a key once, with its default and its owner; a second declaration is a mistake."""
    if name in _DECLARED and _DECLARED[name].owner != owner:
        raise ValueError(f"session-state key {name!r} is already owned by {_DECLARED[name].owner}")
    key = Key(name, default, owner)
    _DECLARED[name] = key
    return key


def declared() -> tuple[Key[Any], ...]:
    """Every key declared so far, in the order of declaration."""
    return tuple(_DECLARED.values())


def init_state() -> None:
    """Give every declared key its default, without overwriting what a person set (the frame calls it)."""
    for key in _DECLARED.values():
        key.get()


def widget_value(widget_key: str) -> Any:
    """What the widget with this key holds now (None before it has been drawn)."""
    return st.session_state.get(widget_key)


def forget_widgets(prefixes: Iterable[str]) -> None:
    """Drop the kept values of every widget whose key starts with one of `prefixes`."""
    starts = tuple(prefixes)
    for name in [name for name in st.session_state if str(name).startswith(starts)]:
        del st.session_state[name]
