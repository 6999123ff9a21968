"""Text made safe for a terminal: control characters removed; urls that show as written.

Article text, titles, reviewers' notes and urls come from outside; printed raw, an escape
sequence in them (``ESC [2J`` clears the screen, ``ESC ] 0;...`` retitles the window,
``ESC ] 8;;url`` plants a hyperlink) acts on the reader's terminal. ``printable`` keeps
newline and tab and drops every other C0 and C1 control character (ESC, BEL, CSI...) and DEL,
so what remains of a sequence is shown as plain text. Every terminal path (Rich or
``typer.echo``) passes what it prints through this one function.

May import: nothing of verifier.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Characters that change how the text around them is shown, or hide text, while showing
#: nothing themselves (Trojan Source): the bidirectional embeddings, overrides, isolates
#: and marks, which reorder what follows ("Minister <U+202E>deined" reads "denied"); the
#: zero-width spaces, word joiner, invisible operators, deprecated format characters, byte
#: order mark, interlinear annotation marks, the Mongolian vowel separator, the tag
#: characters (text invisible to a reader, still read by a program) and the blank Hangul
#: fillers. Every place that shows text from articles or users shows each as its code
#: point, "<U+202E>", which reorders and hides nothing (``reveal``).
_HIDDEN = ("\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
           "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f")
#: The zero-width joiner and non-joiner are how Persian, Indic scripts and emoji are written
#: (between two letters or symbols of a script that is not Latin); next to ASCII, a space,
#: another such character, or at an end, they only hide a difference ("ad<U+200D>min").
_JOINERS = "\u200c\u200d"
_SHOWN = f"[^\\x00-\\x7f\\s{_HIDDEN}{_JOINERS}]"
_REVEAL = re.compile(f"[{_HIDDEN}]|(?<!{_SHOWN})[{_JOINERS}]|[{_JOINERS}](?!{_SHOWN})")
_REVEAL_CONTROLS = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_HIDDEN}]"
                              f"|(?<!{_SHOWN})[{_JOINERS}]|[{_JOINERS}](?!{_SHOWN})")


_BLANK_EXTRA = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # fillers, a blank braille cell


def blank(text: str | None) -> bool:
    """Whether ``text`` shows nothing: empty, or only white space, control, format
    (zero-width, bidirectional) and blank filler characters. A title, evidence, reason or
    name of "\u200b" passed every check that stripped white space, and read as nothing."""
    if not text:
        return True
    if text.isascii():
        return not text.strip()
    import unicodedata

    return all(c.isspace() or c in _BLANK_EXTRA or unicodedata.category(c) in ("Cc", "Cf")
               for c in text)


def _code(found: re.Match[str]) -> str:
    return f"<U+{ord(found.group()):04X}>"


def reveal(text: str, *, controls: bool = False) -> str:
    """``text`` with each character of ``_HIDDEN`` (and each joiner outside a word of
    another script) written as its code point, "<U+202E>"; with ``controls``, also the
    control characters other than tab, newline and carriage return (an HTML page, which
    shows them as nothing)."""
    if text.isascii() and not controls:
        return text
    return (_REVEAL_CONTROLS if controls else _REVEAL).sub(_code, text)


def field_value(text: str) -> str:
    """``text`` HTML-escaped for a form field's value (an ``<input value>`` or a
    ``<textarea>``), each character ``reveal`` would show as a code point written as a
    numeric character reference instead ("&#x202E;"): the page holds no such character as
    itself, and the field holds the stored text as it is, so saving an edit form unchanged
    stores what was there, not "<U+202E>"."""
    from markupsafe import escape

    escaped = str(escape(text))
    if escaped.isascii():
        return escaped
    return _REVEAL_CONTROLS.sub(lambda found: f"&#x{ord(found.group()):X};", escaped)


_JSON_INERT = re.compile(f"[\\x7f-\\x9f{_HIDDEN}{_JOINERS}]")


def inert_json(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with DEL, the C1 controls (U+009B is a terminal's
    CSI) and every character ``reveal`` shows written as ``\\u`` escapes: the same data,
    read the same by any JSON reader, and nothing that acts on a terminal or reorders
    what is shown when it is printed or pasted."""
    if text.isascii() and "\x7f" not in text:
        return text
    return _JSON_INERT.sub(_json_escape, text)


def _json_escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    if code > 0xFFFF:  # a surrogate pair, as JSON writes one
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` for a terminal: without control characters other than newline and tab, its
    invisible reordering and hiding characters shown as their code points (``reveal``)."""
    text = _CONTROL.sub("", text)
    return text if text.isascii() else _REVEAL.sub(_code, text)


def one_line(text: str) -> str:
    """``printable`` text kept on its one line: a line break in it (a file's name may hold
    one: ``odd/new<LF>line.txt``) shown as ``\\n``, as Python writes it, so an error or a
    warning naming the file is still one line, and a table row one row."""
    return printable(text.replace("\r", "\\r").replace("\n", "\\n"))


def plain_url(url: str) -> bool:
    """Whether every character of ``url`` is one a link shows as it is: no control
    character, no white space and no format character (Unicode's Cf: the bidirectional
    overrides and isolates, zero-width characters). An address holding one shows other
    than where it leads: "https://evil.example/\u202egro.sretuer.www//:sptth" reads as
    "https://evil.example/https://www.reuters.org" in a browser or a bidi terminal. A url
    needing such a character percent-encodes it. Nor a user name or password before its
    host ("https://www.reuters.com@evil.example/" leads to evil.example): ``has_user_info``."""
    import unicodedata

    return not any(ord(c) < 0x20 or c.isspace() or unicodedata.category(c) in ("Cc", "Cf")
                   for c in url) and not has_user_info(url)


def shown_url(url: str) -> str:
    """``url`` as a link shows it: a host holding letters beyond ASCII in its ASCII form
    (IDNA, "xn--..."), as a browser's address bar shows a lookalike: "https://www.rеuters.com/"
    with a Cyrillic "е" reads as Reuters and leads elsewhere. The same address; any other
    url as it is."""
    scheme, sep, rest = url.partition("://")
    if not sep or rest.isascii():
        return url
    cut = re.search(r"[/?#\\]", rest)
    authority, tail = (rest[:cut.start()], rest[cut.start():]) if cut else (rest, "")
    if authority.isascii():
        return url
    host, colon, port = authority.rpartition(":") if not authority.endswith("]") and \
        authority.rpartition(":")[2].isdigit() else (authority, "", "")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:  # not a name IDNA can write: each letter beyond ASCII by its code
        ascii_host = "".join(c if c.isascii() else f"<U+{ord(c):04X}>" for c in host)
    return f"{scheme}://{ascii_host}{colon}{port}{tail}"


def not_http_url(what: str, url: str) -> str:
    """The words that refuse ``url`` (named by ``what``: "--url", "evidence link") as an
    http(s) address, with why when it looks like one."""
    return f"{what} {url[:80]!r} is not an http(s) url{why_not_http(url)}"


def why_not_http(url: object) -> str:
    """Why a url that looks like an http(s) address is refused, as words to append to "is
    not an http(s) url" (" (...)"), or "" when it is simply some other kind of address."""
    if not isinstance(url, str) or not url.strip().lower().startswith(("http://", "https://")):
        return ""
    if has_user_info(url.strip()):
        return (" (it names a user before its host with '@': it reads as the site before "
                "the '@' and leads to the one after it)")
    if not plain_url(url.strip()):
        return " (it holds a space, a control or an invisible character)"
    return ""


def has_user_info(url: str) -> bool:
    """Whether ``url`` names a user (or a password) before its host: the link reads as the
    site before the "@" and leads to the one after it."""
    _, sep, rest = url.partition("://")
    if not sep:
        return False
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0]
    return "@" in authority


#: Letters and pairs an account name's reader mistakes for others (Unicode's confusables,
#: as far as they reach within the letters, digits and marks a name may hold), each with
#: what it reads as; compared after case folding.
_LOOKALIKES = (("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l"))
#: What a user name may hold: Latin letters, digits, '.', '_', '@', '-'; a letter or digit
#: first (ASCII only, so that no name can pass for another written in another alphabet).
_ACCOUNT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")
ACCOUNT_NAME_RULE = "Latin letters, digits, '.', '_', '@' and '-', starting with a letter or digit"


def account_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an account's name, in words, or None if it can: a letter of
    another alphabet among Latin ones ("аdmin" with a Cyrillic "а" reads as "admin"), a
    space, control or invisible character, or punctuation other than '.', '_', '@', '-'."""
    import unicodedata

    if _ACCOUNT_NAME.fullmatch(name):
        return None
    if not name:
        return "a user name cannot be empty"
    for char in name:
        if _ACCOUNT_NAME.fullmatch("a" + char):
            continue
        shown = f"U+{ord(char):04X} {unicodedata.name(char, 'a control character')}"
        if char.isalpha() or char.isdigit():
            mixes = any(c.isascii() and c.isalnum() for c in name)
            return (f"{'it mixes alphabets: ' if mixes else ''}{shown} is not a Latin "
                    f"{'letter' if char.isalpha() else 'digit'} (a name holds only "
                    f"{ACCOUNT_NAME_RULE}, so that none can pass for another)")
        return f"{shown} cannot be in a user name ({ACCOUNT_NAME_RULE})"
    return f"a user name holds {ACCOUNT_NAME_RULE}"


def name_skeleton(name: str) -> str:
    """What ``name`` reads as: case folded and its lookalikes (``_LOOKALIKES``) made one,
    so "Admin", "adrnin" and "adm1n" all read as "admln"."""
    text = name.casefold()
    for seen, read in _LOOKALIKES:
        text = text.replace(seen, read)
    return text


def lookalike_reason(name: str, other: str) -> str | None:
    """How ``name`` can be taken for ``other`` (an existing account's name), or None."""
    if name == other or name_skeleton(name) != name_skeleton(other):
        return None
    if name.casefold() == other.casefold():
        return "it differs from it only by case"
    mine, theirs = name.casefold(), other.casefold()
    confused: dict[str, list[str]] = {}
    for seen, read in _LOOKALIKES:
        for text in (seen, read):
            if mine.count(text) != theirs.count(text) and text not in confused.get(read, []):
                confused.setdefault(read, []).append(text)
    said = "; ".join(" and ".join(f"'{t}'" for t in texts) + " look alike"
                     for texts in confused.values() if len(texts) > 1)
    return f"it reads as it ({said})" if said else "it reads as it"
