"""Reading the YAML data files (registry, lexicons, weights) with errors that name the file."""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

from verifier.errors import ConfigError


@lru_cache(maxsize=1)
def _loader() -> Any:
    """The fastest safe loader, refusing a key given twice in one mapping (YAML would keep
    the last silently, so a pasted rule or weight would override another unseen)."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node, deep=True)
                    if isinstance(key, Hashable):
                        if key in seen:
                            raise yaml.constructor.ConstructorError(
                                None, None, f"key {key!r} is given twice",
                                key_node.start_mark)
                        seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


def load_yaml(text: str) -> Any:
    """Parse YAML ``text`` with the loader ``read_yaml`` uses (``yaml.YAMLError`` if bad)."""
    import yaml

    return yaml.load(text, Loader=_loader())


def read_yaml(path: Path, what: str) -> Any:
    """Parse ``path`` with the fastest safe loader; ``what`` names the file in errors."""
    import yaml

    if path.exists() and not path.is_file() and not path.is_dir():  # a FIFO, /dev/zero
        raise ConfigError(f"{path}: {what} is not a regular file")
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        detail = f": {' '.join(str(problem).split())}" if problem else ""
        raise ConfigError(f"{path}: {what} is not valid YAML{where}{detail}") from None
    except ValueError as exc:  # a value YAML reads as a date that is none ("2026-13-45")
        raise ConfigError(f"{path}: {what} holds an impossible date ({exc})") from None
