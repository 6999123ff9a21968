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


#: A page that loads a report in a frame, clicks every link in it (an http(s) link's
#: navigation is cancelled: it is allowed to be a link), and writes what it saw: links that
#: are not http(s), event-handler attributes, scripts, and the report's title before and
#: after the clicks. Chromium runs it with file pages sharing an origin.
HARNESS = """<!DOCTYPE html><title>harness</title><body><pre id="out">pending</pre>
<iframe id="frame" src="{page}"></iframe>
<script>
window.onload = () => {{
  const frame = document.getElementById("frame");
  const doc = frame.contentDocument;
  const out = ["links " + doc.querySelectorAll("a").length, "title-before " + doc.title];
  for (const el of doc.querySelectorAll("*"))
    for (const attr of el.attributes)
      if (attr.name.startsWith("on")) out.push("HANDLER " + attr.name);
  out.push("scripts " + doc.querySelectorAll("script").length);
  for (const a of doc.querySelectorAll("a")) {{
    const web = a.protocol === "http:" || a.protocol === "https:";
    if (!web) out.push("NOT-HTTP " + a.getAttribute("href"));
    a.addEventListener("click", e => {{ if (web) e.preventDefault(); }});
    a.click();
  }}
  setTimeout(() => {{
    let title;
    try {{ title = frame.contentDocument.title; }} catch (e) {{ title = "LEFT-THE-PAGE"; }}
    out.push("title-after " + title);
    document.getElementById("out").textContent = out.join("\\n");
  }}, 500);
}};
</script>"""


def _click_every_link(tmp: Path, page: Path) -> dict[str, list[str]]:
    harness = page.parent / f"harness-{page.stem}.html"
    harness.write_text(HARNESS.format(page=page.name), encoding="utf-8")
    dom = _chromium(tmp, "--allow-file-access-from-files", "--virtual-time-budget=5000",
                    "--dump-dom", harness.as_uri())
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, flags=re.DOTALL)
    assert found is not None, dom[:2000]
    seen: dict[str, list[str]] = {}
    for line in unescape(found.group(1)).splitlines():
        key, _, value = line.partition(" ")
        seen.setdefault(key, []).append(value)
    return seen


def test_the_harness_catches_a_link_that_runs_script(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><title>report</title><a href=\"javascript:"
                    "document.title='pwned'\">x</a>", encoding="utf-8")
    seen = _click_every_link(tmp_path, page)
    assert seen["NOT-HTTP"] and seen["title-after"] != seen["title-before"]


def test_clicking_every_link_of_a_hostile_report_changes_nothing(tmp_path: Path) -> None:
    from tests.test_report_security import hostile_db

    db = hostile_db(tmp_path)
    runner = CliRunner()
    for scope in (["--all", "--min-claims", "1"], ["--story", "1"], ["--article", "1"]):
        page = tmp_path / f"report{len(scope)}.html"
        result = runner.invoke(app, ["report", *scope, "--format", "html", "-o", str(page),
                                     "--db", db])
        assert result.exit_code == 0, result.output
        seen = _click_every_link(tmp_path, page)
        assert "NOT-HTTP" not in seen and "HANDLER" not in seen, seen
        assert seen["scripts"] == ["0"]
        assert seen["title-after"] == seen["title-before"], seen
        assert "pwned" not in seen["title-after"][0]
        if scope[0] == "--all":
            assert int(seen["links"][0]) >= 2  # the http(s) links are links
