"""The HTML report in headless Chromium: what a reader sees, and nothing executes.

Skipped where Chromium is not installed (``.ci/run`` installs Debian's chromium).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.report_helpers import reviewed_db
from verifier.cli import app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (apt-get install chromium; .ci/run does)"
)
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def _chromium(tmp: Path, *args: str) -> str:
    assert CHROMIUM is not None
    profile = tmp / "profile"
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_reader_sees_stories_highlights_and_records(tmp_path: Path) -> None:
    db, _ = reviewed_db(tmp_path)
    hostile = tmp_path / "hostile.md"
    hostile.write_text(
        "---\ntitle: Hostile\n---\nThe ministry said <img src=x onerror=\"document.title="
        "'pwned'\"> was a test on Monday.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(hostile), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["stories", "group", "--db", db]).exit_code == 0
    page = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--all-stories", "--min-claims", "1", "--format",
                                 "html", "-o", str(page), "--db", db])
    assert result.exit_code == 0, result.output

    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "<img" not in dom and "pwned</title>" not in dom
    text = unescape(re.sub(r"<[^>]+>", " ", dom))
    words = " ".join(text.split())
    assert "Credibility report" in words
    assert "Kim-Xi summit bodes well for inter-Korea talks" in words
    assert "confirmed" in words and "refuted" in words
    assert "Legend:" in words and "unnamed_official" in words
    assert "Source track records" in words and "90% interval" in words
    assert 'class="k-official"' in dom and 'class="k-declined"' in dom
    assert "<img src=x onerror" in words  # shown as text, not run

    shot = tmp_path / "shot.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000
