"""The report as JSON for programs: ``Report.to_dict()``, UTF-8, indented; C1 controls and
invisible reordering characters as ``\\u`` escapes (``verifier.textsafe.inert_json``)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from verifier.report.model import Report


def render_json(report: Report) -> str:
    return "".join(json_parts(report))


def json_parts(report: Report) -> Iterator[str]:
    """The same text as ``json.dumps(report.to_dict(), indent=2)`` plus a newline, a story or
    an article at a time (for streaming)."""
    yield "{\n"
    yield f'  "scope": {_dump(report.scope, 1)},\n'
    yield f'  "generated_at": {_dump(report.generated_at.isoformat(), 1)},\n'
    for name, items, last in (
        ("stories", (s.to_dict() for s in report.stories), False),
        ("articles", (a.to_dict() for a in report.articles), False),
        ("sources", (s.to_dict() for s in report.sources), False),
        ("past_verdicts", (m.to_dict() for m in report.past_verdicts), True),
    ):
        yield f'  "{name}": ['
        first = True
        for item in items:
            yield ("\n    " if first else ",\n    ") + _dump(item, 2)
            first = False
        yield ("]" if first else "\n  ]") + ("\n" if last else ",\n")
    yield "}\n"


def _dump(value: object, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it ``level`` levels deep."""
    from verifier.textsafe import inert_json

    return inert_json(json.dumps(value, ensure_ascii=False, indent=2)).replace(
        "\n", "\n" + "  " * level)
