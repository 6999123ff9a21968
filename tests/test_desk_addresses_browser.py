"""A list page's bad address as a reviewer sees it in real headless Chromium: the page says
in one line what is wrong with the address (and, for a filter, shows the list's form with
it), with no Content-Security-Policy violation; the pages' own links and forms still work.

Skipped where Chromium or chromedriver is not installed, as tests/test_web_browser.py is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.test_web_browser import CHROMIUM, DRIVER, _chromium, _sign_in, server  # noqa: F401

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium/chromedriver not installed (apt-get install chromium chromium-driver)",
)


def test_a_typed_page_number_or_a_bad_sort_says_what_is_wrong(
    server: tuple[str, str], tmp_path: Path  # noqa: F811
) -> None:
    from selenium.webdriver.common.by import By

    base, _ = server
    driver: Any = _chromium(tmp_path / "profile")
    try:
        _sign_in(driver, base, "reviewer")
        driver.get_log("browser")
        for path, said, form in (
                ("/queue?page=-1", "unknown field 'page' in the address", False),
                ("/queue?offset=-1", "offset must not be negative", False),
                ("/stories?limit=500", "limit must be between 1 and 200", False),
                ("/stories?sort=bogus", "unknown sort 'bogus'", True)):
            driver.get(base + path)
            shown = driver.find_element(By.CSS_SELECTOR, "main .error").text
            assert said in shown, (path, shown)
            assert bool(driver.find_elements(By.CSS_SELECTOR, "form.filters")) == form, path
            logged = [e["message"] for e in driver.get_log("browser")
                      if "Content Security Policy" in e["message"]
                      or "Refused to" in e["message"]]
            assert logged == [], (path, logged)
        driver.get(base + "/queue")  # the filter form sends only the fields the queue reads
        driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
        assert driver.find_elements(By.CSS_SELECTOR, "main .error") == []
        assert "/queue?" in driver.current_url
    finally:
        driver.quit()
