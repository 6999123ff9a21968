"""The report as JSON for programs: ``Report.to_dict()``, UTF-8, indented."""

from __future__ import annotations

import json

from verifier.report.model import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
