"""Warning signs as Assess and Today's session both ask and answer them: the same boxes and alert."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import streamlit as st

from rehab_core.catalogue import RedFlag
from rehab_core.config import SiteConfig, action_markdown


def sign_boxes(
    flags: Sequence[RedFlag], heading: str, ticked: Collection[str], key: Callable[[str], str]
) -> None:
    """One bordered group of yes boxes under its heading; `ticked` ids start ticked, `key` names each box."""
    with st.container(border=True):
        st.markdown(f"**{heading}**")
        for flag in flags:
            st.checkbox(flag.question, value=flag.id in ticked, key=key(flag.id))


def get_care_alert(chosen: Sequence[RedFlag], config: SiteConfig, then: str = "") -> bool:
    """The signs answered yes, each with its own action (whom to call), under the most urgent title.

    `then` closes the alert (what not to do meanwhile). Returns True when one of them is an emergency.
    """
    emergency = any(flag.level == "emergency" for flag in chosen)
    alert = st.error if emergency else st.warning
    alert(
        "You answered yes to:\n\n"
        + "\n\n".join(f"**{flag.question}** {action_markdown(flag.action, config)}" for flag in chosen)
        + (f"\n\n{then}" if then else ""),
        title="Get emergency help now" if emergency else "See a doctor today",
        icon=":material/emergency:" if emergency else ":material/medical_services:",
    )
    return emergency
