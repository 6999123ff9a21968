"""``verifier --help`` written without Typer: the page Typer (click's help formatter)
writes for the root group, from ``verifier.cli.commands``. Importing Typer is about 0.1 s,
most of what the root's help cost; a test compares the two pages at several widths."""

from __future__ import annotations

import shutil
import textwrap

from verifier.cli.commands import EPILOG, HELP, LAZY, OPTIONS

USAGE = "[OPTIONS] COMMAND [ARGS]..."
#: click's definition lists: the first column at most this wide, then two spaces.
COL_MAX = 30
COL_SPACING = 2


class _Wrapper(textwrap.TextWrapper):
    """click's wrapper: a word longer than the line is cut where the line ends."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str],
                          cur_len: int, width: int) -> None:
        space_left = max(width - cur_len, 1)
        last = reversed_chunks[-1]
        cur_line.append(last[:space_left])
        reversed_chunks[-1] = last[space_left:]


def _fill(text: str, width: int, initial: str = "", subsequent: str = "") -> str:
    return _Wrapper(width, initial_indent=initial, subsequent_indent=subsequent,
                    replace_whitespace=False).fill(text.expandtabs())


def help_width() -> int:
    """click's: the terminal's width (``$COLUMNS`` first) less 2, at most 78, at least 50."""
    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


def _dl(rows: list[tuple[str, str]], width: int, indent: int = 2) -> list[str]:
    first_col = min(max(len(first) for first, _ in rows), COL_MAX) + COL_SPACING
    out: list[str] = []
    for first, second in rows:
        line = " " * indent + first
        if len(first) <= first_col - COL_SPACING:
            line += " " * (first_col - len(first))
        else:
            out.append(line)
            line = " " * (first_col + indent)
        wrapped = _fill(second, max(width - first_col - 2, 10)).splitlines()
        out.append(line + wrapped[0])
        out += [" " * (first_col + indent) + rest for rest in wrapped[1:]]
    return out


def root_help(prog: str = "verifier", width: int | None = None) -> str:
    """The root's help page, as ``verifier --help`` prints it (without the last newline)."""
    width = help_width() if width is None else width
    prefix = f"Usage: {prog} "
    if width >= len(prefix) + 20:
        usage = _fill(USAGE, width, prefix, " " * len(prefix))
    else:
        usage = prefix + "\n" + _fill(USAGE, width, " " * 11, " " * 11)
    lines = [usage, "", _fill(HELP, width, "  ", "  "), "", "Options:"]
    lines += _dl(list(OPTIONS), width)
    lines += ["", "Commands:"]
    lines += _dl([(name, LAZY[name][2]) for name in sorted(LAZY)], width)
    for paragraph in EPILOG.split("\n\n"):
        lines += ["", _fill(paragraph, width, "  ", "  ")]
    return "\n".join(lines)
