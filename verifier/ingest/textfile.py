"""Reading an article's text from a file, with one-line errors that name the file.

``read_article_text`` is the one place that decides what a readable article file is: it exists,
is a regular file of at most ``MAX_BYTES``, is not binary, is valid UTF-8 and holds some text.
``verifier analyze``, ``verifier eval`` and ingest all read files through it.
"""

from __future__ import annotations

from pathlib import Path

from verifier.errors import InputError

#: The largest article file accepted (50 MB).
MAX_BYTES = 50 * 1024 * 1024
_SNIFF = 8192


def read_article_text(path: Path | str) -> str:
    """The text of ``path`` exactly as stored (a UTF-8 byte-order mark dropped).

    Raises ``InputError`` naming the file when it is missing, a directory, too large,
    binary, not UTF-8, or empty (white space only).
    """
    path = Path(path)
    try:
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a text file")
        if not path.is_file():
            raise InputError(f"{path}: not a regular file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{path}: file is too large ({size / 1048576:.1f} MB; the limit is "
                f"{MAX_BYTES // 1048576} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise InputError(f"{path}: file is empty")
    return text
