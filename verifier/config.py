"""Where verifier's inputs come from: flag > environment variable > ./file > packaged default.

Only paths and URLs are decided here; nothing is opened or imported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

DB_ENV = "VERIFIER_DB"
SOURCES_ENV = "VERIFIER_SOURCES"
DEFAULT_DB_FILE = "verifier.db"
DEFAULT_SOURCES_FILE = "sources.yaml"


def data_path(name: str) -> Path:
    """A file packaged in ``verifier/data``: beside this module when the package is a folder
    (as ``importlib.resources`` finds it, without its ~15 ms import), else through
    ``importlib.resources``."""
    folder = Path(__file__).parent / "data"
    if folder.is_dir():
        return folder / name
    from importlib import resources

    return Path(str(resources.files("verifier") / "data" / name))


#: What makes ``--db`` a URL rather than a path: a scheme, then ``://``.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
#: The characters of a path a SQLAlchemy URL would read otherwise ('?' starts its query,
#: '%' an escape; '#' quoted too, as a URL's fragment): quoted, '%' first.
_PATH_QUOTES = (("%", "%25"), ("?", "%3F"), ("#", "%23"))


def database_url(option: str | None = None) -> str:
    """The SQLAlchemy URL for ``--db`` (a path or URL), ``$VERIFIER_DB``, or ./verifier.db.
    Only a ``scheme://`` string is a URL: anything else is a file's path, its '?', '#' and
    '%' quoted so SQLAlchemy reads back the same path. A URL is checked where it is opened
    (``verifier.store.database.open_database``), so a read that answers without SQLAlchemy
    does not import it to parse the URL."""
    value = option or os.environ.get(DB_ENV) or DEFAULT_DB_FILE
    if _URL.match(value):
        return value
    path = str(Path(value).expanduser())
    for char, quoted in _PATH_QUOTES:
        path = path.replace(char, quoted)
    return f"sqlite:///{path}"


def check_database_url(url: str) -> None:
    """``DatabaseError`` (one line, password hidden) unless SQLAlchemy can parse ``url``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from verifier.errors import DatabaseError

    try:
        make_url(url)
    except (ArgumentError, ValueError) as exc:
        shown = re.sub(r"(//[^:/@]*:)[^@/]*@", r"\1***@", url)
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DatabaseError(f"{shown} is not a valid database URL ({detail})") from None


def sources_path(option: str | None = None) -> Path:
    """The registry: ``--sources`` > ``$VERIFIER_SOURCES`` > ./sources.yaml > packaged copy."""
    value = option or os.environ.get(SOURCES_ENV)
    if value:
        return Path(value).expanduser()
    local = Path(DEFAULT_SOURCES_FILE)
    if local.is_file():
        return local
    return data_path(DEFAULT_SOURCES_FILE)
