"""Plain terminal output for the desk's quick reads (the list pages, a story): no Rich.

Rich lays a table out cell by cell through nested renderables: about 0.2 s of CPU for a
50-row page with its import, more than half of a list command's budget. This writer measures
each column once and writes lines: columns two spaces apart, long text wrapped at spaces to
its column (never inside a word: a column is at least as wide as its longest word, and a
word wider than the whole line, an identifier or a rule id, runs over rather than being
broken; nothing cropped), styles as ANSI codes only
on a terminal. When the wide column (``flex``) would be narrower than its least width (an
80-column terminal), it goes on the lines under its row, indented, as wide as the terminal.

Width and styling follow Rich's rules, so these pages look like the rest of the CLI:
``$COLUMNS``, else the terminal's width (stdin, stdout or stderr), else 80; styles on a
terminal or with ``$FORCE_COLOR``, never with ``TERM=dumb``; ``$NO_COLOR`` keeps bold, dim
and the like but no colours. Every piece of text passes through
``verifier.textsafe.printable`` (control characters cannot reach the terminal).
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from itertools import accumulate
from typing import IO, NamedTuple

from verifier.textsafe import printable

#: A piece of text and its style (words of ``SGR``, e.g. "bold green"; "" for none).
Span = tuple[str, str]
#: A table cell: text, or styled pieces of text ("\n" breaks a line).
Cell = str | Sequence[Span]

#: Style words -> ANSI SGR parameters (every word ``verifier.report.styles`` uses).
SGR = {
    "bold": "1", "dim": "2", "italic": "3", "underline": "4", "reverse": "7",
    "black": "30", "red": "31", "green": "32", "yellow": "33", "blue": "34",
    "magenta": "35", "cyan": "36", "white": "37",
}
_COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"}
_WORD = re.compile(r"\S+")
_ASCII = frozenset(map(chr, range(128)))
GAP = 2


def day(value: datetime | None) -> str:
    """A timestamp's date as the tables show it (ISO), empty when there is none."""
    return value.date().isoformat() if value is not None else ""


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: 2 for a wide (East Asian) character, 0 for a combining
    or format character, else 1."""
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


@cache
def _char_cells(char: str) -> int:
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def terminal_width(environ: dict[str, str] | None = None) -> int:
    """The width Rich would use: ``$COLUMNS``, else the terminal's, else 80."""
    columns = (os.environ if environ is None else environ).get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:  # not "²"
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


class Terminal:
    """Where lines go, how wide they may be and whether they carry styles."""

    def __init__(self, file: IO[str] | None = None, width: int | None = None,
                 styled: bool | None = None) -> None:
        self.file = file if file is not None else sys.stdout
        self.width = max(width or terminal_width(), 20)
        environ = os.environ
        if styled is None:
            forced = bool(environ.get("FORCE_COLOR"))
            isatty = getattr(self.file, "isatty", None)
            styled = (forced or bool(isatty and isatty())) and environ.get(
                "TERM", "").lower() not in ("dumb", "unknown")
        self.styled = styled
        self.colours = styled and not environ.get("NO_COLOR")

    def paint(self, text: str, style: str) -> str:
        """``text`` in ``style`` (ANSI codes when styled; unknown words are ignored)."""
        if not (self.styled and style and text):
            return text
        codes = [SGR[w] for w in style.split() if w in SGR
                 and (self.colours or w not in _COLOURS)]
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text

    def write(self, lines: Sequence[str]) -> None:
        if lines:
            self.file.write("\n".join(lines) + "\n")
            self.file.flush()


class Text(NamedTuple):
    """A cell's text, made printable (tabs as spaces), and its styled ranges."""

    plain: str
    styles: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, cell: Cell) -> Text:
        spans: Sequence[Span] = [(cell, "")] if isinstance(cell, str) else cell
        parts: list[str] = []
        styles: list[tuple[int, int, str]] = []
        at = 0
        for text, style in spans:
            text = printable(text).replace("\t", " ")
            if style and text:
                styles.append((at, at + len(text), style))
            parts.append(text)
            at += len(text)
        return cls("".join(parts), tuple(styles))

    def width(self) -> int:
        """Cells of its longest line."""
        return max(cell_len(line) for line in self.plain.split("\n"))

    def render(self, start: int, end: int, terminal: Terminal) -> str:
        """Characters ``start:end`` with their styles."""
        if not (terminal.styled and self.styles):
            return self.plain[start:end]
        out: list[str] = []
        at = start
        for a, b, style in self.styles:
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            out.append(self.plain[at:a])
            out.append(terminal.paint(self.plain[a:b], style))
            at = b
        out.append(self.plain[at:end])
        return "".join(out)


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """``text`` in lines of at most ``width`` cells, as (start, end) offsets: a line breaks at
    a newline or between words (the spaces there dropped); a longer word is a line of its own,
    whole (an identifier broken in two reads as two, and cannot be copied)."""
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        if paragraph.isprintable() and (paragraph.isascii() or all(
                _char_cells(c) == 1 for c in set(paragraph) - _ASCII)):  # a cell a character
            found = wrap_ascii(paragraph, width)
        else:
            found = wrap_cells(paragraph, width, list(
                accumulate(map(_char_cells, paragraph), initial=0)))
        lines.extend((a + offset, b + offset) for a, b in found)
        offset += len(paragraph) + 1
    return lines


def wrap_cells(text: str, width: int, cells: Sequence[int]) -> list[tuple[int, int]]:
    """One paragraph's lines, ``cells[i]`` the cells its first ``i`` characters take."""
    lines: list[tuple[int, int]] = []
    start = end = -1
    for match in _WORD.finditer(text):
        a, b = match.span()
        if start >= 0 and cells[b] - cells[start] <= width:
            end = b
            continue
        if start >= 0:
            lines.append((start, end))
        start, end = a, b  # a word wider than the line runs over, whole
    lines.append((start, end) if start >= 0 else (0, 0))
    return lines


def wrap_ascii(text: str, width: int) -> list[tuple[int, int]]:
    """``wrap_cells`` of a paragraph of one-cell characters, words apart by spaces (printable
    ASCII, most text), a line at a time rather than a word at a time."""
    n = len(text.rstrip(" "))
    at = len(text) - len(text.lstrip(" "))
    if at >= n:
        return [(0, 0)]
    lines: list[tuple[int, int]] = []
    while n - at > width:
        cut = text.rfind(" ", at, at + width + 1)
        if cut <= at:  # a word wider than the line: a line of its own, whole
            cut = text.find(" ", at, n)
            if cut < 0:
                break
            lines.append((at, cut))
            at = len(text) - len(text[cut:].lstrip(" "))
            continue
        lines.append((at, len(text[at:cut].rstrip(" ")) + at))
        at = len(text) - len(text[cut:].lstrip(" "))
    lines.append((at, n))
    return lines


def wrap_after(text: str, width: int, after: str) -> list[tuple[int, int]]:
    """``wrap`` that may also break a word after one of the characters ``after`` (kept at
    the line's end): a rule id made of ids joined by "+" breaks between them, never inside
    one; a piece wider than the line runs over, whole."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for part in text.split("\n"):
        pieces: list[tuple[int, int]] = []
        for match in _WORD.finditer(part):
            a, b = match.span()
            for i in range(a, b - 1):
                if part[i] in after:
                    pieces.append((a, i + 1))
                    a = i + 1
            pieces.append((a, b))
        start = end = -1
        for a, b in pieces:
            if start >= 0 and cell_len(part[start:b]) <= width:
                end = b
                continue
            if start >= 0:
                lines.append((start + offset, end + offset))
            start, end = a, b
        lines.append((start + offset, end + offset) if start >= 0 else (offset, offset))
        offset += len(part) + 1
    return lines


class Column(NamedTuple):
    """A table column: ``flex`` takes the width the others leave (at least ``min_width``,
    else it goes under its row); ``wrap`` lets a column narrow to ``min_width`` and wrap;
    ``max_width`` caps a wrapping column; ``breaks``: characters after which its text may
    break inside a word too ("+" of a composite rule id)."""

    header: str
    right: bool = False
    wrap: bool = False
    flex: bool = False
    min_width: int = 1
    max_width: int | None = None
    breaks: str = ""

    def lines(self, text: str, width: int) -> list[tuple[int, int]]:
        """A cell's text in lines of this column's ``width``."""
        return wrap_after(text, width, self.breaks) if self.breaks else wrap(text, width)

    def least(self, text: str) -> int:
        """Cells of the cell's widest unbreakable piece (the least width that breaks no
        word, or for ``breaks``, no piece)."""
        if not self.breaks:
            return max((cell_len(w) for w in _WORD.findall(text)), default=0)
        return max((cell_len(text[a:b]) for a, b in wrap_after(text, 1, self.breaks)),
                   default=0)


def _widths(columns: Sequence[Column], natural: list[int], room: int,
            words: Sequence[int] | None = None) -> list[int]:
    """Column widths within ``room`` cells: each its natural width (a wrapping one capped
    by its ``max_width``), the flex one what is left; wrapping ones give up cells, widest
    first, down to their ``min_width`` when the flex one would fall under its own. No
    column is made narrower than its widest word (``words``): an id is never broken."""
    words = words if words is not None else [0] * len(columns)
    floors = [max(c.min_width, w) for c, w in zip(columns, words, strict=True)]
    widths = [min(n, max(c.max_width, w)) if c.wrap and c.max_width else n
              for c, n, w in zip(columns, natural, words, strict=True)]
    flex = [i for i, c in enumerate(columns) if c.flex]
    if not flex:  # (a flex column under its row): wrapping ones give up cells to fit
        over = sum(widths) + GAP * (len(columns) - 1) - room
        while over > 0:
            shrinkable = [i for i, c in enumerate(columns) if c.wrap and widths[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i] - floors[i])
            widths[widest] -= 1
            over -= 1
        return widths
    f = flex[0]
    others = sum(w for i, w in enumerate(widths) if i != f) + GAP * (len(columns) - 1)
    least = min(floors[f], natural[f])  # a short text needs no more
    need = least - (room - others)
    while need > 0:
        shrinkable = [i for i, c in enumerate(columns)
                      if i != f and c.wrap and widths[i] > floors[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i] - floors[i])
        widths[widest] -= 1
        others -= 1
        need -= 1
    widths[f] = max(min(natural[f], room - others), least)
    return widths


def table(terminal: Terminal, columns: Sequence[Column], rows: Sequence[Sequence[Cell]],
          title: str | None = None, spaced: bool = False) -> list[str]:
    """The lines of a table: title, header, rule, rows (see the module's docstring);
    ``spaced``: a blank line between rows (rows of many lines)."""
    cells = [[Text.of(cell) for cell in row] for row in rows]
    headers = [Text(c.header, ()) for c in columns]
    natural = [max([headers[i].width(), *(row[i].width() for row in cells)])
               for i in range(len(columns))]
    words = [max([c.least(headers[i].plain), *(c.least(row[i].plain) for row in cells)])
             for i, c in enumerate(columns)]
    room = terminal.width
    widths = _widths(columns, natural, room, words)
    flex = next((i for i, c in enumerate(columns) if c.flex), None)
    stacked = None
    if flex is not None and sum(widths) + GAP * (len(columns) - 1) > room:
        stacked = flex  # the wide column under its row
        kept = [c for i, c in enumerate(columns) if i != flex]
        widths = _widths(kept, [n for i, n in enumerate(natural) if i != flex], room,
                         [w for i, w in enumerate(words) if i != flex])
        widths.insert(flex, 0)
    indent = min(widths[0] + GAP, room // 3) if stacked is not None else 0
    lines: list[str] = []
    if title:
        lines.extend(terminal.paint(title[a:b], "italic") for a, b in wrap(printable(title),
                                                                           room))

    def row_lines(row: Sequence[Text], style: str = "") -> list[str]:
        shown = [i for i in range(len(columns)) if i != stacked]
        wrapped = {i: columns[i].lines(row[i].plain, widths[i]) for i in shown}
        height = max(len(w) for w in wrapped.values())
        out: list[str] = []
        for n in range(height):
            parts: list[str] = []
            for i in shown:
                a, b = wrapped[i][n] if n < len(wrapped[i]) else (0, 0)
                text = row[i].render(a, b, terminal)
                pad = " " * (widths[i] - cell_len(row[i].plain[a:b]))
                parts.append(pad + text if columns[i].right else text + pad)
            out.append((" " * GAP).join(parts).rstrip())
        if stacked is not None:
            under = row[stacked]
            out.extend(" " * indent + under.render(a, b, terminal)
                       for a, b in wrap(under.plain, room - indent))
        return [terminal.paint(line, style) for line in out] if style else out

    header = row_lines(headers, "bold")
    lines.extend(header)
    shown = [w for i, w in enumerate(widths) if i != stacked]
    lines.append("─" * (room if stacked is not None else
                        min(room, sum(shown) + GAP * (len(shown) - 1))))
    for n, row in enumerate(cells):
        if spaced and n:
            lines.append("")
        lines.extend(row_lines(row))
    return lines


def paragraph(terminal: Terminal, spans: Sequence[Span], first: str = "",
              rest: str | None = None) -> list[str]:
    """Styled text wrapped to the terminal's width, the first line after ``first`` and the
    others after ``rest`` (as many spaces as ``first`` by default): a list item."""
    cell = Text.of(spans)
    rest = " " * cell_len(first) if rest is None else rest
    width = terminal.width - max(cell_len(first), cell_len(rest))
    return [(first if n == 0 else rest) + cell.render(a, b, terminal)
            for n, (a, b) in enumerate(wrap(cell.plain, width))]


_ITEM = re.compile(r"( *)[-*] (.*)")
_HEADING = re.compile(r"(#{1,6}) (.*)")
_INLINE = re.compile(r"\\(.)|\*\*|\*|<(https?://[^>\s]*)>|`([^`\n]*)`")


def inline(text: str, base: str = "") -> list[Span]:
    """Markdown's inline text as spans: ``**strong**`` bold, ``*emphasis*`` italic, a
    backslash escape the character itself, an autolink its url, ``code`` bold."""
    spans: list[Span] = []
    bold = italic = False
    style = base
    at = 0

    def add(piece: str, style: str) -> None:
        if spans and spans[-1][1] == style:
            spans[-1] = (spans[-1][0] + piece, style)
        else:
            spans.append((piece, style))

    for match in _INLINE.finditer(text):
        if match.start() > at:
            add(text[at:match.start()], style)
        token = match.group()
        if token in ("**", "*"):
            if token == "**":
                bold = not bold
            else:
                italic = not italic
            style = " ".join(w for w, on in ((base, True), ("bold", bold), ("italic", italic))
                             if on and w)
        elif match.group(3) is not None:
            add(match.group(3), f"{style} bold".strip())
        else:
            add(match.group(1) or match.group(2), style)
        at = match.end()
    if at < len(text):
        add(text[at:], style)
    return spans


def markdown(terminal: Terminal, text: str) -> list[str]:
    """The Markdown the reports write (``verifier.report.markdown``: headings, paragraphs,
    nested "- " lists, emphasis, escapes, autolinks) as wrapped terminal lines, as Rich
    shows it: a heading in bold, " • " bullets (three more spaces a level) with their lines
    hanging under the first, one blank line between blocks. Other Markdown (tables, quotes)
    is shown as the text of a paragraph."""
    blocks: list[tuple[str, int, str]] = []  # kind (heading, para, item), level, text
    for raw in text.split("\n"):
        if not raw.strip():
            blocks.append(("blank", 0, ""))
            continue
        item, heading = _ITEM.fullmatch(raw), _HEADING.fullmatch(raw)
        last = blocks[-1] if blocks else ("blank", 0, "")
        if item:
            blocks.append(("item", len(item.group(1)) // 2, item.group(2)))
        elif heading:
            blocks.append(("heading", 0, heading.group(2)))
        elif last[0] in ("para", "item"):  # a continuation line
            blocks[-1] = (last[0], last[1], f"{last[2]} {raw.strip()}")
        else:
            blocks.append(("para", 0, raw.strip()))
    lines: list[str] = []
    previous = "blank"
    for kind, level, body in blocks:
        if kind == "blank":
            previous = kind
            continue
        if lines and not (kind == "item" and previous == "item"):
            lines.append("")
        if kind == "item":
            lines += paragraph(terminal, inline(body), " " * (1 + 3 * level) + "• ")
        else:
            lines += paragraph(terminal, inline(body, "bold" if kind == "heading" else ""))
        previous = kind
    return lines
