"""Plain text from HTML that the main extractor cannot parse: pages nested deeper than
libxml2 builds (it stops at 255 levels, so trafilatura sees no text).

``deep_text`` walks the page with the standard library's HTMLParser, which keeps no tree and
so has no depth limit, and returns the text of the body (scripts, styles, templates and the
head left out; block elements end lines) with the page title and the deepest nesting seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

#: Nesting from which libxml2 (and so trafilatura) no longer builds the page.
LIBXML_DEPTH = 255
_SKIP = frozenset({"script", "style", "template", "noscript", "head", "svg", "math"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "section", "article", "header", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "main", "aside", "figure",
    "figcaption", "dd", "dt", "hr",
})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                   "source", "track", "wbr", "param"})


@dataclass(frozen=True, slots=True)
class DeepText:
    text: str
    title: str | None
    depth: int


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.deepest = 0
        self.skipping: list[str] = []
        self.parts: list[str] = []
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP and tag not in _VOID:
            self.skipping.append(tag)
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.depth = max(0, self.depth - 1)
        if tag == "title":
            self.in_title = False
        elif self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def deep_text(html: str) -> DeepText:
    walker = _Walker()
    walker.feed(html)
    walker.close()
    lines = (" ".join(line.split()) for line in "".join(walker.parts).splitlines())
    text = "\n".join(line for line in lines if line)
    title = " ".join("".join(walker.title).split()) or None
    return DeepText(text, title, walker.deepest)
