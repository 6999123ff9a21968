"""Every desk page in real headless Chromium with its console read: no request the desk
fails (a 404 for an icon on every page) and no content the policy blocks (inline script or
style under the desk's CSP). Skipped where Chromium or chromedriver is not installed."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.test_web_browser import CHROMIUM, DRIVER, _chromium, _sign_in, server  # noqa: F401

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)

PAGES = ("/queue", "/queue?status=any&sourcing=official", "/stories", "/stories/1",
         "/claims/1", "/articles", "/articles/1", "/articles/1/edit", "/sources",
         "/sources/new", "/reports", "/audit", "/orphaned", "/users", "/claims/999999")


def test_no_page_logs_an_error_in_the_console(server: tuple[str, str],  # noqa: F811
                                              tmp_path: Path) -> None:
    d: Any = _chromium(tmp_path / "profile")
    try:
        base, _ = server
        _sign_in(d, base, "admin")
        found = []
        for path in PAGES:
            d.get(base + path)
            found += [(path, entry["message"]) for entry in d.get_log("browser")
                      if entry["level"] == "SEVERE"
                      and not (path == "/claims/999999" and "/claims/999999 " in
                               entry["message"])]  # the page's own 404
        assert not found, found
    finally:
        d.quit()


def test_a_link_that_is_not_http_is_refused_before_the_evidence_is_lost(
        server: tuple[str, str], tmp_path: Path) -> None:  # noqa: F811
    """The evidence link accepted any URL in the browser ('ftp://...', 'javascript:...'), so
    the desk refused it after sending: an error page, and the evidence typed lost (pages are
    not cached, Back shows the form empty). The field now says what it takes before the form
    leaves the page."""
    from selenium.webdriver.common.by import By

    from tests.test_web_browser import _chromium

    base, _ = server
    d = _chromium(tmp_path / "profile")
    try:
        _sign_in(d, base, "reviewer")
        d.get(f"{base}/claims/1")  # type: ignore[attr-defined]
        form = d.find_element(By.CSS_SELECTOR, "form.mark")  # type: ignore[attr-defined]
        form.find_element(By.CSS_SELECTOR, "input[value=confirmed]").click()
        form.find_element(By.NAME, "evidence").send_keys("The ministry's notice of 2 March.")
        link = form.find_element(By.NAME, "url")
        link.send_keys("ftp://example.org/notice")
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        time.sleep(0.5)  # a form that leaves has left by now
        assert d.current_url == f"{base}/claims/1"  # type: ignore[attr-defined]
        assert d.execute_script(  # type: ignore[attr-defined]
            "return arguments[0].validity.patternMismatch", link)
        assert form.find_element(By.NAME, "evidence").get_attribute("value").startswith(
            "The ministry's notice")
    finally:
        d.quit()  # type: ignore[attr-defined]
