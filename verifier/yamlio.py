"""Reading the YAML data files (registry, lexicons, weights) with errors that name the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verifier.errors import ConfigError


def read_yaml(path: Path, what: str) -> Any:
    """Parse ``path`` with the fastest safe loader; ``what`` names the file in errors."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{path}: {what} is not valid YAML{where}") from None
