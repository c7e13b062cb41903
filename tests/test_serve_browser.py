"""The `qa serve` page in real headless Chromium: paste a damaged story, see the highlights on the
right words, step through them with the keyboard, apply a suggestion and see the text re-checked.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (.ci/run installs them) and
Selenium (the ``test`` extra); skipped cleanly when any is missing. The screenshot is kept under
the test's temporary directory (its path is printed with ``pytest -s``).
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from chromium import chromium, needs_chromium
from test_serve import DAMAGED, _start

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = needs_chromium


@pytest.fixture
def url(tmp_path):
    proc, address = _start([], tmp_path)
    yield address
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)


@pytest.fixture
def browser(tmp_path):
    with chromium(tmp_path, "1300,1000") as driver:
        yield driver


def _wait(driver, condition, timeout=90):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def marks(driver) -> list[tuple[str, str]]:
    return [(m.text, m.get_attribute("class")) for m in driver.find_elements("css selector", "#doc mark")]


def test_paste_check_navigate_apply_and_recheck(url, browser, tmp_path):
    browser.get(url + "/")
    story = browser.find_element("id", "story")
    browser.execute_script("arguments[0].value = arguments[1];", story, DAMAGED)
    browser.find_element("id", "check").click()
    _wait(browser, lambda d: d.find_elements("css selector", "#doc mark"))

    shown = marks(browser)
    texts = [t for t, _ in shown]
    assert "VRC" in texts and "the manage" in texts and "rallies" in texts
    assert any(t.startswith("(TagsToTranslate)") and "error" in c for t, c in shown)
    assert browser.find_element("id", "doc").text == DAMAGED.rstrip("\n")  # text intact around marks
    assert "likely" in browser.find_element("id", "verdicts").text or "possible" in browser.find_element("id", "verdicts").text

    # Keyboard: 'n' steps to the first finding and opens its card with rule, message, suggestion.
    browser.find_element("tag name", "body").send_keys("n")
    card = browser.find_element("id", "card")
    _wait(browser, lambda d: card.is_displayed())
    first_rule = browser.find_element("id", "card-rule").text
    assert first_rule and browser.find_element("id", "card-msg").text
    browser.find_element("tag name", "body").send_keys("n")
    assert browser.find_element("id", "position").text.startswith("2 of ")

    # Open the VRC finding by focusing its highlight and apply its suggestion: the page re-checks.
    vrc = next(m for m in browser.find_elements("css selector", "#doc mark") if m.text == "VRC")
    vrc.click()
    assert "PRC" in browser.find_element("id", "card-fix").text
    browser.find_element("id", "apply").click()
    _wait(browser, lambda d: "VRC" not in d.find_element("id", "doc").text and d.find_elements("css selector", "#doc mark"))
    assert "the manage PRC" in browser.find_element("id", "doc").text
    assert "VRC" not in [t for t, _ in marks(browser)]
    assert "the manage PRC" in browser.find_element("id", "story").get_attribute("value")

    # Ignore hides one finding; the severity filter hides a class of them.
    before = len(marks(browser))
    browser.find_element("tag name", "body").send_keys("n")
    browser.find_element("id", "ignore").click()
    assert len(marks(browser)) < before
    browser.find_element("id", "sev-error").click()
    assert not any("error" in c for _, c in marks(browser))
    browser.find_element("id", "sev-error").click()

    shot = tmp_path / "qa-serve-page.png"
    browser.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not severe, severe


def test_bad_file_gets_a_one_line_message(url, browser, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 au lait for the minister.".encode("latin-1"))
    browser.get(url + "/")
    browser.find_element("id", "file").send_keys(str(bad))
    message = browser.find_element("id", "message")
    _wait(browser, lambda d: message.is_displayed() and message.text)
    assert "latin1.txt" in message.text and "not valid UTF-8" in message.text
    assert "Traceback" not in message.text
