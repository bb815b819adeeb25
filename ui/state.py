"""Every session-state key of the app, declared once with its default and the module that owns it.

A module that keeps something in session state declares its key here through `declare`, at
import, and reads and writes it only through that Key; other modules ask the owner (its
functions), never the key. Widgets' own keys are named in the widget call of their owner module
and read back with `widget_value`. tests/test_session_state.py holds the code to this: no module
but this one touches st.session_state.
"""

from __future__ import annotations

import threading
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


# The keys declared at import, shared by every session of the process; sessions run in threads of
# their own, so it is read and changed under a lock. Names made at run time (one per workshop room)
# are never added (see `scoped`), so it stays the size of the app's own list.
_DECLARED: dict[str, Key[Any]] = {}
_DECLARED_LOCK = threading.Lock()


def declare(name: str, default: Callable[[], T], owner: str) -> Key[T]:
    """Declare a key once, with its default and its owner; a second declaration is a mistake."""
    with _DECLARED_LOCK:
        if name in _DECLARED and _DECLARED[name].owner != owner:
            raise ValueError(f"session-state key {name!r} is already owned by {_DECLARED[name].owner}")
        key = Key(name, default, owner)
        _DECLARED[name] = key
    return key


def scoped(name: str, default: Callable[[], T], owner: str) -> Key[T]:
    """A key whose name is made at run time (one per room): not kept in the process's registry.

    It works as a declared key does, and gets its default when first read, but init_state does
    not give it to every session, and the registry does not grow with every room ever opened.
    """
    with _DECLARED_LOCK:
        if name in _DECLARED and _DECLARED[name].owner != owner:
            raise ValueError(f"session-state key {name!r} is already owned by {_DECLARED[name].owner}")
    return Key(name, default, owner)


def declared() -> tuple[Key[Any], ...]:
    """Every key declared so far, in the order of declaration."""
    with _DECLARED_LOCK:
        return tuple(_DECLARED.values())


def init_state() -> None:
    """Give every declared key its default, without overwriting what a person set (the frame calls it)."""
    for key in declared():
        key.get()


def widget_value(widget_key: str) -> Any:
    """What the widget with this key holds now (None before it has been drawn)."""
    return st.session_state.get(widget_key)


def forget_widgets(prefixes: Iterable[str]) -> None:
    """Drop the kept values of every widget whose key starts with one of `prefixes`."""
    starts = tuple(prefixes)
    for name in [name for name in st.session_state if str(name).startswith(starts)]:
        del st.session_state[name]
