"""The HTML report in real headless Chromium: it loads without console errors, the document's
own ``<script>`` stays text, and hovering or clicking a highlight shows the finding's message.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (.ci/run installs them) and
Selenium (the ``test`` extra); skipped cleanly when any is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import chromium, needs_chromium
from reportcase import build_report, source_of

from qa.report import html

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = needs_chromium


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path, "1200,900") as driver:
        yield driver


@pytest.fixture
def page(tmp_path):
    report = build_report()
    damaged = source_of(report, "damaged.txt")
    damaged.extras["readability"] = {"flesch_reading_ease": 61.234, "grade": 9.5, "sentences": 4}
    damaged.extras["mt"] = {"score": 0.82, "verdict": "likely machine-translated", "signals": ["VRC", "residue"]}
    path = tmp_path / "report.html"
    path.write_text(html.render(report), encoding="utf-8")
    return path


def _errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "ERROR")]


def test_report_loads_clean_and_shows_messages(browser, page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(page.as_uri())
    WebDriverWait(browser, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert _errors(browser) == []
    with pytest.raises(NoAlertPresentException):  # the document's <script> did not run
        browser.switch_to.alert.text
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert '<script>alert("x")</script>' in browser.find_element(By.CSS_SELECTOR, "#doc-1 pre.text").text

    popup = browser.find_element(By.ID, "qa-popup")
    assert not popup.is_displayed()

    # Click: the error highlight pins its message and suggestion.
    error_mark = browser.find_element(By.CSS_SELECTOR, "mark.sev-error")
    error_mark.click()
    WebDriverWait(browser, 10).until(EC.visibility_of(popup))
    assert "Subscription prompt left in the text" in popup.text
    assert "(delete)" in popup.text
    assert "active" in error_mark.get_attribute("class")

    # Escape closes it; hovering a warning shows that finding instead.
    browser.find_element(By.TAG_NAME, "body").send_keys("\ue00c")
    WebDriverWait(browser, 10).until(EC.invisibility_of_element(popup))
    warning = browser.find_element(By.CSS_SELECTOR, "mark.sev-warning")
    ActionChains(browser).move_to_element(warning).perform()
    WebDriverWait(browser, 10).until(EC.visibility_of(popup))
    assert "'VRC' is a foreign abbreviation; write 'PRC'." in popup.text

    # The list links back: clicking an entry shows the highlight's message.
    browser.find_element(By.TAG_NAME, "h1").click()
    link = browser.find_element(By.CSS_SELECTOR, "li.sev-info a[data-mark]")
    link.click()
    WebDriverWait(browser, 10).until(EC.visibility_of(popup))
    assert "a call to action, not news" in popup.text

    # Extras: readability figures and the document score are on the page.
    doc = browser.find_element(By.ID, "doc-1").text
    assert "mt score 0.82" in doc and "flesch reading ease" in doc and "61.23" in doc

    assert _errors(browser) == []
