"""Reading the YAML data files (registry, lexicons, weights) with errors that name the file."""

from __future__ import annotations

from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

from verifier.errors import ConfigError

#: The most values a document may hold once its aliases are expanded (the packaged files
#: hold under 20,000): ten nested aliases of nine ("billion laughs") are billions, and
#: reading them as text took all the memory there was.
MAX_EXPANDED = 1_000_000


def _expanded_size(root: Any) -> int:
    """How many nodes ``root`` holds with every alias expanded, counting each shared node
    once per use (memoised, without recursion); ``ComposerError`` past ``MAX_EXPANDED``,
    or for an alias inside the value it names."""
    import yaml

    sizes: dict[int, int] = {}
    opened: set[int] = set()  # the nodes whose values are being counted: the path here
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, counted = stack.pop()
        if id(node) in sizes:
            continue
        if not counted and id(node) in opened:  # an alias inside what it names ("&a [*a]"):
            # endless once expanded; counting it grew the stack until memory ran out
            raise yaml.composer.ComposerError(
                None, None, "an alias refers to the value that holds it (endless once "
                "expanded)", node.start_mark)
        if isinstance(node, yaml.MappingNode):
            kids = [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            kids = list(node.value)
        else:
            kids = []
        if not counted:
            opened.add(id(node))
            stack.append((node, True))
            stack.extend((kid, False) for kid in kids if id(kid) not in sizes)
            continue
        opened.discard(id(node))
        sizes[id(node)] = 1 + sum(sizes[id(kid)] for kid in kids)
        if sizes[id(node)] > MAX_EXPANDED:
            raise yaml.composer.ComposerError(
                None, None, f"its aliases expand to more than {MAX_EXPANDED:,} values",
                node.start_mark)
    return sizes[id(root)] if root is not None else 0


@lru_cache(maxsize=2)
def _loader(strict: bool = True) -> Any:
    """The fastest safe loader, refusing a document whose aliases expand past
    ``MAX_EXPANDED`` values and (``strict``) a key given twice in one mapping (YAML would
    keep the last silently, so a pasted rule or weight would override another unseen)."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class BoundedLoader(base):  # type: ignore[misc]
        def get_single_node(self) -> Any:
            node = super().get_single_node()
            _expanded_size(node)
            return node

    if not strict:
        return BoundedLoader

    class StrictLoader(BoundedLoader):
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


def load_yaml(text: str, *, strict: bool = True) -> Any:
    """Parse YAML ``text`` with the loader ``read_yaml`` uses (``yaml.YAMLError`` if bad);
    ``strict=False`` lets a later key replace an earlier one, as ``yaml.safe_load`` does
    (an article's front matter)."""
    import yaml

    return yaml.load(text, Loader=_loader(strict))


def read_yaml(path: Path, what: str) -> Any:
    """Parse ``path`` with the fastest safe loader; ``what`` names the file in errors."""
    import yaml

    if path.exists() and not path.is_file() and not path.is_dir():  # a FIFO, /dev/zero
        raise ConfigError(f"{path}: {what} is not a regular file")
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: {what} is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {what} is not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        detail = f": {' '.join(str(problem).split())}" if problem else ""
        raise ConfigError(f"{path}: {what} is not valid YAML{where}{detail}") from None
    except ValueError as exc:  # a value YAML reads as a date that is none ("2026-13-45")
        raise ConfigError(f"{path}: {what} holds an impossible date ({exc})") from None
