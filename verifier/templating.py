"""The one set of HTML templates: a Jinja2 environment with autoescaping, shared by the HTML
report and the web desk.

Every page is rendered from ``verifier/templates`` through ``environment()``. Autoescaping is
on for every template, undefined names are errors, and urls become links only through the
``href`` filter, which passes http(s) urls and nothing else (``javascript:``, ``data:``,
``vbscript:`` and relative or malformed urls give ``None`` and are shown as text).
``json_script`` writes JSON that is safe inside ``<script type="application/ld+json">``.
Every value a template prints passes through ``shown`` first (the environment's
``finalize``): a bidirectional override, zero-width or other invisible character, or a
control character, in a title, an outlet, a source's name or a reviewer's note, is shown as
its code point ("<U+202E>") and cannot reorder or hide the text around it (Trojan Source),
in text and attributes alike; one place, not one filter per field.

May import: vocab and errors. Jinja2 is imported here only, lazily by callers.
"""

from __future__ import annotations

import itertools
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Characters that would end or open markup inside a ``<script>`` block or an attribute.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                 0x2028: "\\u2028", 0x2029: "\\u2029"}


def http_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) url with a host, else ``None``."""
    if not isinstance(value, str):
        return None
    from verifier.textsafe import plain_url

    url = value.strip()
    if not plain_url(url):  # a control, space or format character (a bidi override)
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def json_for_script(value: Any, *, indent: int | None = None) -> str:
    """JSON text that cannot close a ``<script>`` block: ``<``, ``>``, ``&`` as ``\\u``
    escapes (and the invisible characters ``verifier.textsafe.inert_json`` escapes)."""
    from verifier.textsafe import inert_json

    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return inert_json(text.translate(_JSON_ESCAPES))


def shown_url_filter(value: Any) -> Any:
    """A link's text: its host in ASCII when it holds other letters
    (``verifier.textsafe.shown_url``)."""
    from verifier.textsafe import shown_url

    return shown_url(value) if isinstance(value, str) else value


def field_filter(value: Any) -> Any:
    """A form field's value (``|field``): the stored text as it is, its invisible
    characters as character references (``verifier.textsafe.field_value``), so an edit
    form saved unchanged keeps the text; not a value ``shown`` rewrites."""
    from markupsafe import Markup

    from verifier.textsafe import field_value

    return Markup(field_value(value)) if isinstance(value, str) else value


def shown(value: Any) -> Any:
    """A value as a template prints it: text from outside with its invisible and control
    characters as code points (``verifier.textsafe.reveal``); markup the templates made
    (a macro's output, already so shown) and other values as they are."""
    if type(value) is str:
        from verifier.textsafe import reveal

        return reveal(value, controls=True)
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja2 environment (built once)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    from verifier.analysis.feature_words import plain_reason
    from verifier.report.lines import by_sentence
    from verifier.review.names import article_label, plain_source_name

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=shown,
    )
    env.filters["href"] = http_url
    env.filters["shown_url"] = shown_url_filter
    env.filters["field"] = field_filter
    env.filters["plain_reason"] = plain_reason
    env.filters["plain_source"] = plain_source_name
    env.filters["article_label"] = article_label
    env.filters["by_sentence"] = by_sentence
    env.filters["json_script"] = lambda value: Markup(json_for_script(value))
    # pairs of two lists, the shorter one padded with "" (a refused form's rows of fields)
    env.filters["zip_longest"] = lambda first, second: list(
        itertools.zip_longest(first, second, fillvalue=""))
    from verifier.limits import LIMITS

    env.globals["limits"] = LIMITS  # the desk's maxlength, as the server checks it
    return env


def render(template: str, **context: Any) -> str:
    """Render one template of ``verifier/templates`` with ``context``."""
    return environment().get_template(template).render(**context)
