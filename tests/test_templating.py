"""The shared Jinja2 environment: escaping, links only for http(s), JSON safe in a script."""

from __future__ import annotations

import json

import pytest

from verifier.templating import environment, http_url, json_for_script


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
        "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "//evil.example/x", "/relative", "http://", "", None, 42,
        "http://[::1", "https://exa mple.org/",
    ],
)
def test_only_http_urls_become_links(url: object) -> None:
    assert http_url(url) is None


@pytest.mark.parametrize("url", ["http://example.org", "HTTPS://example.org/a?b=1&c=2"])
def test_http_urls_pass(url: str) -> None:
    assert http_url(url) == url


def test_json_cannot_close_a_script_block() -> None:
    text = json_for_script({"name": "</script><script>alert(1)</script>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


def test_templates_autoescape_and_refuse_unsafe_links() -> None:
    template = environment().from_string(
        "{{ text }}{% if url | href %}<a href=\"{{ url | href }}\">x</a>{% endif %}"
    )
    out = template.render(text="<img src=x onerror=alert(1)>", url="javascript:alert(1)")
    assert out == "&lt;img src=x onerror=alert(1)&gt;"
