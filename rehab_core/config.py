"""The site file (branding, who to call for care, storage mode, trusted proxies), with env overrides."""

from __future__ import annotations

import ipaddress
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from rehab_core.catalogue import CONTENT_DIR, read_toml
from rehab_core.client_address import IPNetwork, unwrap_network
from rehab_core.errors import InvalidInput, short_repr

StorageMode = Literal["local", "session", "account"]
STORAGE_MODES: tuple[StorageMode, ...] = ("local", "session", "account")
ENV_PREFIX = "BACK_IN_ACTION_"
# The open-source project's own name, as content/site.toml ships it: About tells the project's own
# copy from a coach's by it. Everything a person sees takes the [site] name instead.
PROJECT_NAME = "Back in Action"

# The [site] table's text fields; every one may be overridden by BACK_IN_ACTION_<FIELD>.
SITE_TEXT_FIELDS: tuple[str, ...] = ("name", "tagline", "logo", "contact_url", "booking_url", "storage_mode")
REQUIRED_SITE_FIELDS = frozenset({"name", "storage_mode"})
TRUSTED_PROXIES_FIELD = "trusted_proxies"
# Fields of earlier versions, with where their job is done now (a guessed phone number is worse
# than a start-up message that says where the number goes).
MOVED_SITE_FIELDS = {
    "emergency_number": "[care.emergency] (number, label, words)",
    "urgent_care": "[care.urgent] (number, label, words)",
}

CARE_LEVELS: tuple[str, ...] = ("emergency", "urgent")
CARE_FIELDS: tuple[str, ...] = ("number", "label", "words", "elsewhere")
NUMBER_PLACE = "{number}"
# What a phone dials: digits, optionally one leading + (a tel: link with anything else may dial
# something else, or nothing).
DIALLABLE = re.compile(r"\+?[0-9]{2,15}")
# Characters that mean something to Markdown or to Streamlit's own Markdown (colours, icons,
# LaTeX): escaped in a coach's wording so it shows exactly as typed.
_MARKDOWN_SIGNIFICANT = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&])")
FILE_STEM_MAX_CHARS = 40
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})


@dataclass(frozen=True)
class CareContact:
    """One level of care (emergency, or urgent: see a doctor today) and how to reach it."""

    number: str  # what the phone dials: digits and an optional leading +
    label: str  # how the number is written on the page ("999", "NHS 111")
    words: str  # the advice, with {number} where the number goes: "call {number} now, ..."
    elsewhere: str = ""  # for visitors outside the country the numbers are for

    @property
    def tel_href(self) -> str:
        return f"tel:{self.number}"

    @property
    def plain_label(self) -> str:
        """The label, with the number after it when the label does not show it ("NHS 111")."""
        return (
            self.label
            if self.number in re.sub(r"[^0-9+]", "", self.label)
            else f"{self.label} ({self.number})"
        )


@dataclass(frozen=True)
class Care:
    """Who to call when a safety answer means "get help": the [care] table."""

    country: str
    emergency: CareContact
    urgent: CareContact


@dataclass(frozen=True)
class SiteConfig:
    """Who runs this copy of the app, how it stores diaries, and who a person in trouble calls."""

    name: str
    tagline: str
    logo: str
    contact_url: str
    booking_url: str
    storage_mode: StorageMode
    care: Care
    # Reverse proxies whose forwarding headers are believed (see rehab_core.client_address).
    trusted_proxies: tuple[IPNetwork, ...] = ()

    @property
    def emergency_number(self) -> str:
        """The emergency number as written on the page (kept for pages not yet on emergency_markdown)."""
        return self.care.emergency.label

    @property
    def urgent_care(self) -> str:
        """Who to contact today, as written on the page (kept for pages not yet on urgent_markdown)."""
        return self.care.urgent.plain_label

    @property
    def logo_path(self) -> Path | None:
        """The logo as a file path (relative paths are inside content/), or None without a logo."""
        if not self.logo:
            return None
        path = Path(self.logo)
        return path if path.is_absolute() else CONTENT_DIR / path

    @property
    def file_stem(self) -> str:
        """The site's name as the start of a downloaded file's name: "Spine Studio" gives "spine-studio"."""
        return file_stem(self.name)

    @property
    def favicon_path(self) -> Path:
        """The browser tab's icon: the coach's logo, else the project's own."""
        return self.logo_path or DEFAULT_ICON


DEFAULT_ICON = CONTENT_DIR / "brand" / "logo.svg"


# What the pages and the PDF say

# Atop every page (ui/frame.py) and boxed at the head of the take-home sheet (plan_pdf.py).
SAFETY_NOTICE = (
    "Education, not diagnosis. Nothing here replaces a doctor or physiotherapist. "
    "If you have any warning sign, stop and get care now."
)


def file_stem(name: str) -> str:
    """A name as lower-case ASCII words joined by hyphens, safe in any file system ("" if none are left)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:FILE_STEM_MAX_CHARS].strip("-")


def download_name(config: SiteConfig, what: str, suffix: str) -> str:
    """A downloaded file's name from the site's name: "spine-studio-plan-2026-03-01.pdf"."""
    return "-".join(part for part in (config.file_stem, what) if part) + suffix


def escape_markdown(text: str) -> str:
    """Text that Streamlit's Markdown shows exactly as typed: no link, image, formatting or icon."""
    return _MARKDOWN_SIGNIFICANT.sub(r"\\\1", text)


def capitalised(text: str) -> str:
    """The text with its first letter a capital, for a care sentence that starts a line: "Call 111..."."""
    return text[:1].upper() + text[1:]


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!")) else text + "."


def _markdown(contact: CareContact) -> str:
    link = f"[{escape_markdown(contact.label)}]({contact.tel_href})"
    text = _sentence(escape_markdown(contact.words).replace(escape_markdown(NUMBER_PLACE), link))
    return f"{text} {escape_markdown(contact.elsewhere)}" if contact.elsewhere else text


def _plain(contact: CareContact) -> str:
    text = _sentence(contact.words.replace(NUMBER_PLACE, contact.plain_label))
    return f"{text} {contact.elsewhere}" if contact.elsewhere else text


def emergency_markdown(config: SiteConfig) -> str:
    """What to do in an emergency, with a tap-to-call link, then the line for visitors elsewhere.

    A fragment that starts in lower case and ends with a full stop, to follow "In an emergency, "
    or "**Emergency:** ": "call [999](tel:999) now, or go to ... . Outside the UK, call ...".
    """
    return _markdown(config.care.emergency)


def urgent_markdown(config: SiteConfig) -> str:
    """Who to contact today, with a tap-to-call link: "contact your GP, or call [NHS 111](tel:111) ..."."""
    return _markdown(config.care.urgent)


def emergency_plain(config: SiteConfig) -> str:
    """emergency_markdown without Markdown, for the PDF: "call 999 now, or go to ..."."""
    return _plain(config.care.emergency)


def urgent_plain(config: SiteConfig) -> str:
    """urgent_markdown without Markdown, for the PDF: "contact your GP, or call NHS 111 (111) ..."."""
    return _plain(config.care.urgent)


# Reading the file


class _Source:
    """One table of the site file and its environment overrides; each error names where a value came from."""

    def __init__(self, path: Path, table_name: str, table: object, environ: Mapping[str, str], env_stem: str):
        if table is None:
            table = {}
        if not isinstance(table, dict):
            raise InvalidInput(
                f"{path.name}: [{table_name}] must be a table of fields, got {short_repr(table)}"
            )
        self.path, self.table_name, self.table = path, table_name, table
        self.environ, self.env_stem = environ, env_stem

    def where(self, name: str) -> str:
        return f"{self.path.name}, [{self.table_name}], field {name!r}"

    def raw(self, name: str, default: Any = "") -> tuple[Any, str]:
        env_name = f"{ENV_PREFIX}{self.env_stem}{name.upper()}"
        if env_name in self.environ:
            return self.environ[env_name], f"environment variable {env_name}"
        return self.table.get(name, default), self.where(name)

    def text(self, name: str, *, required: bool = False, default: str = "") -> tuple[str, str]:
        value, where = self.raw(name, default)
        if not isinstance(value, str):
            raise InvalidInput(f"{where}: must be text in quotes, got {short_repr(value)}")
        value = value.strip()
        if required and not value:
            raise InvalidInput(f"{where}: is missing or empty")
        return value, where

    def unknown(self, allowed: set[str], moved: Mapping[str, str] | None = None) -> None:
        for name in sorted(set(self.table) - allowed):
            if moved and name in moved:
                raise InvalidInput(f"{self.where(name)}: has moved to {moved[name]}; see content/site.toml")
            raise InvalidInput(
                f"{self.path.name}, [{self.table_name}]: unknown field {name!r} "
                f"(allowed: {', '.join(sorted(allowed))})"
            )


# The care numbers of a file that leaves the [care] table out: the UK's, as the project ships.
DEFAULT_CARE = Care(
    country="UK",
    emergency=CareContact(
        number="999",
        label="999",
        words="call {number} now, or go to the nearest emergency department (A&E)",
        elsewhere="Outside the UK, call your local emergency number (112 in the EU, 911 in the US).",
    ),
    urgent=CareContact(
        number="111",
        label="NHS 111",
        words="contact your GP today, or call {number} (open day and night)",
        elsewhere="Outside the UK, contact your doctor or your local urgent-care service today.",
    ),
)


def load_site(path: Path, environ: Mapping[str, str] | None = None) -> SiteConfig:
    """Read the site file, apply BACK_IN_ACTION_<FIELD> environment overrides, check every field.

    [site] fields are overridden by BACK_IN_ACTION_<FIELD>; [care.emergency] and [care.urgent]
    fields by BACK_IN_ACTION_CARE_<LEVEL>_<FIELD> (e.g. BACK_IN_ACTION_CARE_EMERGENCY_NUMBER=112),
    [care] country by BACK_IN_ACTION_CARE_COUNTRY; trusted_proxies by BACK_IN_ACTION_TRUSTED_PROXIES
    (addresses separated by commas).
    """
    environ = os.environ if environ is None else environ
    if path.is_dir():
        raise InvalidInput(f"{path.name}: is a folder, not a file (looked in {path.parent})")
    data = read_toml(path)
    if not isinstance(data.get("site"), dict):
        raise InvalidInput(f"{path.name}: a [site] table is required")
    site_table = _Source(path, "site", data["site"], environ, "")
    site_table.unknown({*SITE_TEXT_FIELDS, TRUSTED_PROXIES_FIELD}, MOVED_SITE_FIELDS)
    values: dict[str, str] = {}
    for name in SITE_TEXT_FIELDS:
        values[name], where = site_table.text(name, required=name in REQUIRED_SITE_FIELDS)
        _check_field(name, values[name], where)
    extra = sorted(set(data) - {"site", "care"})
    if extra:
        raise InvalidInput(f"{path.name}: unknown table [{extra[0]}] (allowed: [site], [care])")
    site = SiteConfig(
        **values,  # type: ignore[arg-type]  # storage_mode is checked by _check_field
        care=_load_care(path, data.get("care"), environ),
        trusted_proxies=_load_trusted_proxies(site_table),
    )
    _check_logo(path, site)
    return site


def _check_field(name: str, value: str, where: str) -> None:
    if name == "storage_mode" and value not in STORAGE_MODES:
        raise InvalidInput(f"{where}: {short_repr(value)} must be one of {', '.join(STORAGE_MODES)}")
    if name.endswith("_url") and value and not is_link(value):
        raise InvalidInput(
            f"{where}: {short_repr(value)} is not a web address "
            "(start it with https:// and a host name, or mailto: and an email address)"
        )


def is_link(value: str) -> bool:
    """True for an http(s) address with a host name, or a mailto: address with an @."""
    try:
        parsed = urlparse(value)
        host = parsed.hostname
    except ValueError:  # e.g. a malformed IPv6 host or port
        return False
    if parsed.scheme in {"http", "https"}:
        return bool(host) and not any(character.isspace() for character in value)
    if parsed.scheme == "mailto":
        local, at, domain = parsed.path.partition("@")
        return bool(local and at and domain) and not any(character.isspace() for character in value)
    return False


def _load_care(path: Path, table: object, environ: Mapping[str, str]) -> Care:
    care = _Source(path, "care", table, environ, "CARE_")
    care.unknown({"country", *CARE_LEVELS})
    country, _ = care.text("country", default=DEFAULT_CARE.country, required=True)
    contacts: dict[str, CareContact] = {}
    for level in CARE_LEVELS:
        default: CareContact = getattr(DEFAULT_CARE, level)
        given = care.table.get(level)
        # A [care.<level>] table that is there replaces the default whole: half the UK's wording
        # beside another country's number would mislead.
        base = {name: "" for name in CARE_FIELDS} if given is not None else vars(default)
        contact = _Source(path, f"care.{level}", given, environ, f"CARE_{level.upper()}_")
        contact.unknown(set(CARE_FIELDS))
        number, where = contact.text("number", required=True, default=base["number"])
        if not DIALLABLE.fullmatch(number):
            raise InvalidInput(
                f"{where}: {short_repr(number)} must be the number a phone dials: 2 to 15 digits, "
                'optionally after one +, no spaces (for example "999" or "+4420794600")'
            )
        label, _ = contact.text("label", default=base["label"])
        words, where = contact.text("words", required=True, default=base["words"])
        if words.count(NUMBER_PLACE) != 1:
            raise InvalidInput(
                f"{where}: must hold {NUMBER_PLACE} once, where the number goes "
                f'(for example "call {NUMBER_PLACE} now")'
            )
        elsewhere, _ = contact.text("elsewhere", default=base["elsewhere"])
        contacts[level] = CareContact(number=number, label=label or number, words=words, elsewhere=elsewhere)
    return Care(country=country, emergency=contacts["emergency"], urgent=contacts["urgent"])


def _load_trusted_proxies(site_table: _Source) -> tuple[IPNetwork, ...]:
    value, where = site_table.raw(TRUSTED_PROXIES_FIELD, [])
    if isinstance(value, str) and where.startswith("environment"):  # addresses separated by commas
        value = [part for part in (item.strip() for item in value.split(",")) if part]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput(f'{where}: must be a list of addresses in quotes, like ["127.0.0.1"]')
    networks: list[IPNetwork] = []
    for item in value:
        try:
            network = ipaddress.ip_network(item.strip(), strict=False)
        except ValueError:
            raise InvalidInput(
                f"{where}: {short_repr(item)} is not an IP address or network (like 127.0.0.1 or 10.0.0.0/8)"
            ) from None
        network = unwrap_network(network)
        if network.prefixlen == 0:
            raise InvalidInput(
                f"{where}: {short_repr(item)} trusts every address as a proxy, so any visitor could "
                "claim to be anyone (even this machine); name only your own proxies' addresses "
                "(like 10.0.0.5 or 10.0.0.0/24)"
            )
        networks.append(network)
    return tuple(networks)


# A trusted range wider than this (a /8 of IPv4, a /32 of IPv6) is allowed but warned about at start-up.
WIDEST_QUIET_PREFIX = {4: 8, 6: 32}


def wide_trusted_proxies(site: SiteConfig) -> list[str]:
    """A warning for each trusted proxy range so wide it likely holds visitors as well as proxies."""
    return [
        f"{TRUSTED_PROXIES_FIELD}: {network} trusts {network.num_addresses:,} addresses as proxies; "
        "any visitor among them can say where they come from. Name only your proxies' own addresses."
        for network in site.trusted_proxies
        if network.prefixlen < WIDEST_QUIET_PREFIX[network.version]
    ]


def _check_logo(path: Path, site: SiteConfig) -> None:
    logo = site.logo_path
    if logo is None:
        return
    where = f"{path.name}, [site], field 'logo'"
    if logo.is_dir():
        raise InvalidInput(f"{where}: {site.logo!r} is a folder, not an image file")
    if not logo.is_file():
        raise InvalidInput(f"{where}: no file at {site.logo!r}")
    if logo.suffix.lower() not in IMAGE_SUFFIXES:
        raise InvalidInput(f"{where}: {site.logo!r} must be a PNG, JPEG, GIF, WebP or SVG image")
    try:
        with logo.open("rb") as handle:
            head = handle.read(2048)
    except OSError as error:
        raise InvalidInput(f"{where}: {site.logo!r} cannot be read ({error.strerror})") from None
    if not _looks_like_image(head, logo.suffix.lower()):
        raise InvalidInput(f"{where}: {site.logo!r} is not a {logo.suffix.lower().lstrip('.').upper()} image")


def _looks_like_image(head: bytes, suffix: str) -> bool:
    if suffix == ".svg":
        return b"<svg" in head.lower()
    signatures = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
    return head.startswith(signatures) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def site() -> SiteConfig:
    """The site of this deploy: the file in BACK_IN_ACTION_SITE_FILE or content/site.toml."""
    path = Path(os.environ.get(ENV_PREFIX + "SITE_FILE", CONTENT_DIR / "site.toml"))
    return load_site(path)


# Each warning sign's own action, with this site's numbers (docs/architecture.md, "Warning signs").
AMBULANCE_WORDS = "call {number} for an ambulance now. Do not drive yourself there"
SOON_WORDS = (
    "book an appointment with a GP in the next few weeks and tell them about this. "
    "Your plan can go ahead meanwhile."
)


def action_markdown(action: str, config: SiteConfig) -> str:
    """What a person does about a sign with this action, as a Markdown sentence with tap-to-call links."""
    return capitalised(_action(action, config, _markdown))


def action_plain(action: str, config: SiteConfig) -> str:
    """action_markdown without Markdown, for the PDF."""
    return capitalised(_action(action, config, _plain))


def _action(action: str, config: SiteConfig, render: Callable[[CareContact], str]) -> str:
    emergency = config.care.emergency
    if action == "ambulance":
        return render(replace(emergency, words=AMBULANCE_WORDS))
    if action == "emergency-department":
        return render(emergency)
    if action == "gp-soon":
        return SOON_WORDS
    return render(config.care.urgent)
