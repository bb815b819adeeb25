"""Every set-up fault of a deploy, found at once when the server starts, each naming its file or setting.

The app's pages used to meet these one at a time, when a page first ran: a deleted Learn page or
a missing drawing was a traceback, a bad room capacity one too, and a malformed secrets file was
silently read as none (a PostgreSQL deploy then showed empty diaries from a SQLite file). Here they
are all checked before the first page: serve.py logs them and fails the health check, and every
page shows them instead of running (ui/site.py).
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from rehab_core.catalogue import CONTENT_DIR, movements, red_flags
from rehab_core.config import site
from rehab_core.errors import InvalidInput, short_repr
from rehab_core.learn import LEARN_DIR, learn_page, learn_pages
from rehab_core.rooms import room_capacity
from rehab_core.stretches import stretches

ILLUSTRATIONS_DIR = CONTENT_DIR / "illustrations"
# The Streamlit options the app depends on, with the value it needs and why; config.toml sets them.
REQUIRED_OPTIONS: dict[str, tuple[object, str]] = {
    "browser.gatherUsageStats": (False, "nothing may leave the machine"),
    "server.maxUploadSize": (6, "diary files are refused in words above 5 MiB, not by Streamlit's 200 MB"),
    "server.enableXsrfProtection": (True, "uploads and forms must carry the XSRF token"),
    "runner.postScriptGC": (False, "a full collection after every run cost more than the pages"),
    "runner.magicEnabled": (False, "no page uses magic; it would rewrite every page"),
}


def streamlit_config_problems(
    app_config: Path, read_files: Sequence[Path], effective: Mapping[str, object]
) -> list[str]:
    """What is wrong with the Streamlit settings the server runs on, naming the file to fix.

    `app_config` is the app's own .streamlit/config.toml (beside the script); `read_files` are
    the other config files Streamlit reads (the user's and the start folder's), and `effective`
    holds the value Streamlit uses for each of REQUIRED_OPTIONS.
    """
    found: list[str] = []
    if not app_config.is_file():
        found.append(f"{app_config}: not found, so Streamlit runs on its own defaults; restore the file")
    for path in dict.fromkeys([app_config, *read_files]):
        try:
            with path.open("rb") as handle:
                tomllib.load(handle)
        except FileNotFoundError:
            continue
        except OSError as error:
            found.append(f"{path}: cannot be read ({error.strerror or error})")
        except tomllib.TOMLDecodeError as error:
            found.append(f"{path}: not valid TOML ({error}), so Streamlit ignores all of it; fix the file")
    if found:
        return found
    return [
        f"{app_config}: {name} must be {_toml(needed)} ({why}); the server runs with "
        f"{_toml(effective.get(name))} (set it in this file, and in no other config file, "
        "STREAMLIT_ environment variable or --flag)"
        for name, (needed, why) in REQUIRED_OPTIONS.items()
        if effective.get(name) != needed
    ]


def _toml(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else repr(value)


def secrets_problems(paths: Sequence[Path]) -> list[str]:
    """Why any of the secrets files Streamlit reads cannot be read (no file at all is fine)."""
    found: list[str] = []
    for path in dict.fromkeys(paths):
        try:
            with path.open("rb") as handle:
                tomllib.load(handle)
        except FileNotFoundError:
            continue
        except OSError as error:
            found.append(f"{path}: cannot be read ({error.strerror or error})")
        except tomllib.TOMLDecodeError as error:
            found.append(
                f"{path}: not valid TOML ({error}); the app would ignore it and keep diaries in the "
                "SQLite file instead of the database it names"
            )
    return found


def illustration_path(name: str, where: str) -> Path:
    """The drawing file a content entry names, only inside content/illustrations/; else InvalidInput."""
    folder = ILLUSTRATIONS_DIR.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or path == folder:
        raise InvalidInput(
            f"{where}, field 'illustration': {short_repr(name)} is not a file in content/illustrations/; "
            "give the file's name only"
        )
    if not path.is_file():
        raise InvalidInput(
            f"{where}, field 'illustration': there is no drawing {short_repr(name)} in content/illustrations/"
        )
    return path


def _illustrations() -> Iterable[tuple[str, str]]:
    for movement in movements():
        yield f"movements.toml ({movement.name})", movement.illustration
    for stretch in stretches():
        yield f"stretches.toml ({stretch.name})", stretch.illustration


def _content_problems(learn_slugs: Collection[str]) -> list[str]:
    site()
    movements()
    red_flags()
    learn_pages()
    stretches()
    found: list[str] = []
    for slug in sorted(learn_slugs):
        if not (LEARN_DIR / f"{slug}.md").is_file():
            found.append(f"content/learn/{slug}.md: missing, but the Learn page {slug!r} shows it")
        else:
            learn_page(slug)
    for where, name in _illustrations():
        if name:
            try:
                illustration_path(name, where)
            except InvalidInput as error:
                found.append(str(error))
    return found


def setup_problems(
    environ: Mapping[str, str], secrets_files: Sequence[Path], learn_slugs: Collection[str]
) -> list[str]:
    """Every content and setting fault found now, each naming its file or setting; [] when all is well.

    `secrets_files` are the secrets.toml files Streamlit reads; `learn_slugs` are the Learn pages
    the navigation shows, each of which needs content/learn/<slug>.md.
    """
    found: list[str] = []
    try:
        found.extend(_content_problems(learn_slugs))
    except InvalidInput as error:
        found.append(str(error))
    except OSError as error:  # a folder in place of a file, a file nobody may read
        found.append(file_problem(error))
    try:
        room_capacity(environ)
    except InvalidInput as error:
        found.append(str(error))
    found.extend(secrets_problems(secrets_files))
    return found


def file_problem(error: OSError) -> str:
    """An OSError on a content file in words naming the file."""
    name = Path(str(error.filename)).name if error.filename else "a content file"
    if isinstance(error, IsADirectoryError):
        return f"{name}: is a folder, not a file"
    if isinstance(error, PermissionError):
        return f"{name}: the app may not read it (permission denied)"
    return f"{name}: cannot be read ({error.strerror or error})"
