"""The newsroom walk's desk steps in real headless Chromium (as tests/test_web_browser.py
runs it): a report asked for by id with "Of" left at its default, and a claim a correction
turned against the verdict it took with its story. Skipped without Chromium."""

from __future__ import annotations

from pathlib import Path

from tests.test_web_browser import (  # noqa: F401  (fixtures)
    _sign_in,
    _until,
    browser,
    pytestmark,
    server,
)


def test_a_report_by_id_with_of_left_at_reviewed_stories_says_what_to_choose(
    server: tuple[str, str], browser: object, tmp_path: Path,  # noqa: F811
) -> None:
    """The Reports form: Id typed, Of left at "reviewed stories", Download. Chromium saved
    the reviewed stories' report (verifier-all-1.html) and the page did not change."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, _ = server
    d = browser
    _sign_in(d, base, "viewer")
    d.get(f"{base}/reports")  # type: ignore[attr-defined]
    find = d.find_element  # type: ignore[attr-defined]
    find(By.NAME, "id").send_keys("1")
    find(By.CSS_SELECTOR, "form[action='/reports/download'] button").click()
    _until(lambda: "/reports/download" in d.current_url, "the refusal")  # type: ignore[attr-defined]
    alert = find(By.CSS_SELECTOR, "p.error").text
    assert alert == ("an id ('1') is given, but the report is of the reviewed stories: choose "
                     "a story, an article or a source under Of, or clear the id")
    # chosen as it says, the same form gives story 1's report (a download: the page stays)
    d.get(f"{base}/reports")  # type: ignore[attr-defined]
    Select(find(By.NAME, "scope")).select_by_visible_text("a story")
    find(By.NAME, "id").send_keys("1")
    find(By.CSS_SELECTOR, "form[action='/reports/download'] button").click()
    assert d.current_url.endswith("/reports")  # type: ignore[attr-defined]
