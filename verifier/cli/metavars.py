"""The names ``--help`` gives a command's values, as a reader expects them: ``PATH...``, not
Typer's ``{paths}...``; ``--limit N``, not ``--limit <int>``. Each command is fixed when it is
built (``verifier.cli.root``): an argument is its name in capitals (``...`` when it takes
several, ``[...]`` around it when it may be left out), an option without a name of its own is
named by the kind of value it takes."""

from __future__ import annotations

from typing import Any, TypeVar

from typer.core import TyperArgument

#: The value names of options that give none, by their type's name (Typer's names and
#: click's; anything else: TEXT).
BY_TYPE = {"int": "N", "integer": "N", "int range": "N", "integer range": "N",
           "float": "NUMBER", "float range": "NUMBER", "path": "PATH", "filename": "FILE",
           "file": "FILE", "uuid": "UUID", "datetime": "DATE"}

#: Options whose value has a name of its own, by flag (before the type's).
BY_FLAG = {"--article": "ID", "--story": "ID", "--verdict": "ID", "--to": "ID",
           "--from": "REF", "--published": "YYYY-MM-DD", "--url": "URL",
           "--publisher-url": "URL", "--outlet": "NAME", "--by": "NAME", "--org": "NAME",
           "--name": "NAME", "--host": "ADDRESS", "--port": "PORT", "--format": "FORMAT",
           "--status": "STATUS", "--sort": "ORDER", "--sourcing": "KIND", "--kind": "KIND",
           "--certainty": "LEVEL", "--role": "ROLE", "--search": "WORDS", "--country": "CODE"}


class PlainArgument(TyperArgument):
    """An argument shown by its metavar alone: ``PATH...`` when required, ``[PATH]...``
    when not (Typer wraps a required one in braces, ``{PATH...}``)."""

    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        var = self.metavar or argument_name(self)
        if usage and not self.required and not var.startswith("["):
            return f"[{var}]"
        return var


def argument_name(argument: Any) -> str:
    """``paths`` taking several: ``PATHS...``; the plural of a name ending in s is dropped
    (``PATH...``): the dots already say there may be several."""
    name = (argument.name or "value").upper()
    if argument.nargs != 1:
        if name.endswith("S") and len(name) > 2:
            name = name[:-1]
        return f"{name}..."
    return name


def option_name(option: Any) -> str:
    """What an option without a metavar takes: named by what it is (``BY_FLAG``), else by
    its type (``N``, ``PATH``, ``TEXT``)."""
    for flag in option.opts:
        if flag in BY_FLAG:
            return BY_FLAG[flag]
    return BY_TYPE.get(str(option.type.name), "TEXT")


Command = TypeVar("Command")


def plain(command: Command) -> Command:
    """``command`` (a click command or group) with every value named as ``--help`` should show
    it; its parameters are changed in place."""
    for param in getattr(command, "params", ()):
        if isinstance(param, TyperArgument):
            if param.metavar is None:
                param.metavar = argument_name(param)
            param.__class__ = PlainArgument
        # (Typer's options are no ``click.Option``: told by their ``param_type_name``)
        elif param.param_type_name == "option" and param.metavar is None \
                and not (getattr(param, "is_flag", False) or getattr(param, "count", False)):
            param.metavar = option_name(param)
    return command
