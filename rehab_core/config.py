"""The site file (branding, emergency number, storage mode), with environment overrides for containers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

from rehab_core.catalogue import CONTENT_DIR, read_toml
from rehab_core.errors import InvalidInput

StorageMode = Literal["local", "session", "account"]
STORAGE_MODES: tuple[StorageMode, ...] = ("local", "session", "account")
ENV_PREFIX = "BACK_IN_ACTION_"


@dataclass(frozen=True)
class SiteConfig:
    """Who runs this copy of the app and how it stores diaries."""

    name: str
    tagline: str
    logo: str
    contact_url: str
    booking_url: str
    emergency_number: str
    urgent_care: str
    storage_mode: StorageMode

    @property
    def logo_path(self) -> Path | None:
        """The logo as a file path (relative paths are inside content/), or None without a logo."""
        if not self.logo:
            return None
        path = Path(self.logo)
        return path if path.is_absolute() else CONTENT_DIR / path

    @property
    def favicon_path(self) -> Path:
        """The browser tab's icon: the coach's logo, else the project's own."""
        return self.logo_path or DEFAULT_ICON


DEFAULT_ICON = CONTENT_DIR / "brand" / "logo.svg"


def load_site(path: Path, environ: Mapping[str, str] | None = None) -> SiteConfig:
    """Read the site file, apply BACK_IN_ACTION_<FIELD> environment overrides, check every field."""
    environ = os.environ if environ is None else environ
    data = read_toml(path).get("site")
    if not isinstance(data, dict):
        raise InvalidInput(f"{path.name}: a [site] table is required")
    known = {field.name for field in fields(SiteConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InvalidInput(
            f"{path.name}, [site]: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(known))})"
        )
    values: dict[str, str] = {}
    for name in sorted(known):
        where = f"{path.name}, [site], field {name!r}"
        value = data.get(name, "")
        env_name = ENV_PREFIX + name.upper()
        if env_name in environ:
            value, where = environ[env_name], f"environment variable {env_name}"
        if not isinstance(value, str):
            raise InvalidInput(f"{where}: must be text in quotes, got {value!r}")
        values[name] = value.strip()
        _check_field(name, values[name], where)
    site = SiteConfig(**values)  # type: ignore[arg-type]  # storage_mode is checked by _check_field
    if site.logo_path is not None and not site.logo_path.is_file():
        raise InvalidInput(f"{path.name}, [site], field 'logo': no file at {site.logo!r}")
    return site


def _check_field(name: str, value: str, where: str) -> None:
    if name in {"name", "emergency_number", "urgent_care", "storage_mode"} and not value:
        raise InvalidInput(f"{where}: is missing or empty")
    if name == "storage_mode" and value not in STORAGE_MODES:
        raise InvalidInput(f"{where}: {value!r} must be one of {', '.join(STORAGE_MODES)}")
    if name.endswith("_url") and value:
        parsed = urlparse(value)
        if parsed.scheme not in {"http", "https", "mailto"} or not (parsed.netloc or parsed.path):
            raise InvalidInput(f"{where}: {value!r} is not a web address (start it with https://)")


def site() -> SiteConfig:
    """The site of this deploy: the file in BACK_IN_ACTION_SITE_FILE or content/site.toml."""
    path = Path(os.environ.get(ENV_PREFIX + "SITE_FILE", CONTENT_DIR / "site.toml"))
    return load_site(path)


def with_mode(config: SiteConfig, mode: str) -> SiteConfig:
    """The same site with another storage mode (used when local mode falls back to session)."""
    if mode not in STORAGE_MODES:
        raise InvalidInput(f"storage mode {mode!r} must be one of {', '.join(STORAGE_MODES)}")
    return replace(config, storage_mode=mode)
