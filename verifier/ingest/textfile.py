"""Reading an article's text from a file, with one-line errors that name the file.

``read_article_text`` is the one place that decides what a readable article file is: it exists,
is a regular file of at most ``MAX_BYTES``, is not binary, is UTF-8 (or UTF-16/UTF-32 with a
byte-order mark; an HTML page that is not UTF-8 is in the encoding its ``<meta>`` declares,
else Windows-1252, as a browser reads it, the latter with a warning) and holds some text.
``verifier analyze``, ``verifier eval`` and ingest all read files through it;
``open_regular`` is how every reader opens a file: a FIFO, a device (``/dev/zero``), a socket
or a directory is refused before a byte is read, so nothing can hang or read without end.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import warnings
from pathlib import Path
from typing import BinaryIO

from verifier.errors import InputError, InputWarning

#: The largest article file accepted (50 MB).
MAX_BYTES = 50 * 1024 * 1024
SNIFF = 8192


def open_regular(path: Path | str) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file (after symlinks).

    Opened without blocking first, so a FIFO cannot stall the open itself, then checked on
    the open descriptor (no race between check and read). ``InputError`` names the file.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a directory, not a text file")
        if not stat.S_ISREG(mode):
            kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode)
                    or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "special")
            raise InputError(f"{path}: not a regular file ({kind}); only regular files are read")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    # the file owns the descriptor from here: an interruption after ``fdopen`` closed it
    # again (EBADF), which hid the interruption (an ingest ended 1, not 130)
    return os.fdopen(fd, "rb")


#: An HTML page's declared encoding, ``<meta charset=...>`` or ``<meta http-equiv=
#: "Content-Type" content="text/html; charset=...">``, looked for in the first 1,024 bytes
#: (where the HTML standard's prescan looks).
_DECLARED = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""",
                       re.IGNORECASE)
#: The labels the WHATWG Encoding standard reads as Windows-1252 (what a browser does with
#: a page declared Latin-1 or ASCII: Windows-1252's curly quotes are Latin-1's C1 codes).
_WINDOWS_1252 = frozenset({
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
    "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
    "us-ascii", "windows-1252", "x-cp1252"})


_C1 = "verifier-windows-1252-c1"


def _c1_code(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return chr(error.object[error.start]), error.start + 1


codecs.register_error(_C1, _c1_code)


def declared_encoding(head: bytes) -> str | None:
    """The Python codec of the encoding an HTML page declares in its first 1,024 bytes,
    None when it declares none (or UTF-8, or one that is no text encoding Python has)."""
    found = _DECLARED.search(head[:1024])
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    # "utf-16" in a <meta> is read as UTF-8 (the standard); "rot13", "base64": no charsets
    if info.name.startswith(("utf-8", "utf-16", "utf-32")) or not getattr(
            info, "_is_text_encoding", True):
        return None
    return info.name


def decode_text(data: bytes, where: str, *, html: bool = False) -> str:
    """Bytes as text: UTF-32 or UTF-16 when a byte-order mark says so, else UTF-8 (a UTF-8
    mark dropped); ``html``: a page that is not UTF-8 in the encoding its ``<meta>``
    declares, else in Windows-1252 with an ``InputWarning``; ``InputError`` for binary
    data or invalid encoding."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        if b"\x00" in data[:SNIFF]:
            if utf16_without_mark(data[:SNIFF]):
                raise InputError(f"{where}: looks like UTF-16 text without a byte-order mark: "
                                 "save it as UTF-8 (or as UTF-16 with a mark)")
            raise InputError(f"{where}: looks like a binary file, not text")
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        declared = declared_encoding(data) if html and encoding == "utf-8-sig" else None
        if declared is not None:
            return _declared_text(data, where, declared)
        if html and encoding == "utf-8-sig":
            # what a browser does with a page that declares nothing and is not UTF-8
            warnings.warn(InputWarning(
                f"{where}: not UTF-8 (byte {exc.start}) and no charset declared: read as "
                "Windows-1252, as a browser would (check its curly quotes and accents)"),
                stacklevel=2)
            return _declared_text(data, where, "cp1252")
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        hint = ("; text in another encoding (Latin-1, Windows-1252) is read once converted, "
                "e.g. `iconv -f WINDOWS-1252 -t UTF-8`" if name == "UTF-8" else "")
        raise InputError(f"{where}: not valid {name} (byte {exc.start}){hint}") from None
    # a NUL anywhere, not only in the first 8 KB (a text with binary data after it was
    # stored; PostgreSQL refuses NUL in text): binary, as one with NUL at the start
    if "\x00" in text:
        raise InputError(f"{where}: looks like a binary file, not text (a NUL character at "
                         f"character {text.index(chr(0))})")
    return text


def _declared_text(data: bytes, where: str, encoding: str) -> str:
    """An HTML page's bytes in the encoding it declares (not UTF-8)."""
    try:
        # Windows-1252's five unassigned bytes are the C1 codes they name, as the WHATWG
        # Encoding standard reads them (Python's cp1252 refused the page for one)
        text = data.decode(encoding, errors=_C1 if encoding == "cp1252" else "strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: neither UTF-8 nor the {encoding} its <meta> declares "
                         f"(byte {exc.start})") from None
    if "\x00" in text:
        raise InputError(f"{where}: looks like a binary file, not text (a NUL character at "
                         f"character {text.index(chr(0))})")
    return text


def utf16_without_mark(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-16 text saved without its byte-order mark: nearly
    every other byte NUL (ASCII letters in UTF-16), the rest not."""
    pairs = len(head) // 2
    if pairs < 8:
        return False
    even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
    return max(even, odd) >= 0.9 * pairs and min(even, odd) <= 0.05 * pairs


def read_article_text(path: Path | str, limit: int | None = None) -> str:
    """The text of ``path`` exactly as stored (a byte-order mark dropped).

    Raises ``InputError`` naming the file when it is missing, not a regular file, larger than
    ``limit`` bytes (default ``MAX_BYTES``), binary, not valid UTF-8 (or UTF-16/32 with a
    mark), or empty (white space only).
    """
    path = Path(path)
    limit = MAX_BYTES if limit is None else limit
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise InputError(_too_large(path, size, limit))
            data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:  # grew while being read
        raise InputError(_too_large(path, len(data), limit))
    text = decode_text(data, str(path), html=path.suffix.lower() in (".html", ".htm"))
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text


def _too_large(path: Path, size: int, limit: int) -> str:
    return (f"{path}: file is too large ({size / 1048576:.1f} MB; the limit is "
            f"{limit // 1048576} MB)")
