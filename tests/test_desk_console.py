"""Every desk page in real headless Chromium with its console read: no request the desk
fails (a 404 for an icon on every page) and no content the policy blocks (inline script or
style under the desk's CSP). Skipped where Chromium or chromedriver is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_web_browser import CHROMIUM, DRIVER, FLAGS, _sign_in, server  # noqa: F401

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)

PAGES = ("/queue", "/queue?status=any&sourcing=official", "/stories", "/stories/1",
         "/claims/1", "/articles", "/articles/1", "/articles/1/edit", "/sources",
         "/sources/new", "/reports", "/audit", "/orphaned", "/users", "/claims/999999")


def test_no_page_logs_an_error_in_the_console(server: tuple[str, str],  # noqa: F811
                                              tmp_path: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
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
