"""Typed work survives the session: the draft saves itself, the page warns before the session ends, and what is
sent after the end comes back, filled in, after signing in again. Runs against a Relief whose sessions last one
minute (RELIEF_SHORT_SESSION_URL)."""
import os
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_registration_flow import fill, sign_in, wait_for_url

SHORT = os.environ.get("RELIEF_SHORT_SESSION_URL")


def wait_for_text(browser, selector, text, seconds):
    WebDriverWait(browser, seconds, poll_frequency=0.5).until(
        lambda driver: any(text in element.text for element in driver.find_elements(By.CSS_SELECTOR, selector)))


@pytest.mark.skipif(not SHORT, reason="needs a Relief with one-minute sessions (scripts/test starts one)")
def test_typing_outlives_an_expired_session(browser):
    sign_in(browser, SHORT, "physician@demo.relief", "demo-physician-pass")
    browser.get(SHORT + "/patients")
    browser.find_element(By.CSS_SELECTOR, "table.list tbody tr a").click()
    wait_for_url(browser, lambda url: "/patients/" in url)
    browser.find_element(By.XPATH, "//button[normalize-space()='Start note']").click()
    wait_for_url(browser, lambda url: url.endswith("/edit"))
    edit_url = browser.current_url

    # The draft saves itself while the user types.
    fill(browser, {"chiefComplaint": "Neck pain since a fall", "onsetDate": "2025"})
    wait_for_text(browser, ".autosave-status", "Draft saved automatically", 40)

    # Left alone, the page warns before the session ends; staying renews it.
    wait_for_text(browser, ".session-warning", "unless you stay", 40)
    browser.save_screenshot("/tmp/relief-session-warning.png")
    browser.find_element(By.XPATH, "//div[@class='session-warning']/button[normalize-space()='Stay signed in']").click()
    WebDriverWait(browser, 10).until(lambda driver: not driver.find_elements(By.CSS_SELECTOR, ".session-warning"))

    # Then it ends; what is typed afterwards and sent is kept, and comes back after signing in.
    wait_for_text(browser, ".session-warning", "Your session has ended", 70)
    time.sleep(8)  # the server's own clock: a minute from its last renewal
    fill(browser, {"assessment": "Cervical facet pain, typed after the session ended"})
    save = browser.find_element(By.XPATH, "//button[normalize-space()='Save draft']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", save)  # above the session notice
    save.click()
    wait_for_url(browser, lambda url: "/login" in url)
    assert "comes back when you sign in again" in browser.find_element(By.TAG_NAME, "main").text
    fill(browser, {"email": "physician@demo.relief", "password": "demo-physician-pass"})
    browser.find_element(By.XPATH, "//button[normalize-space()='Sign in']").click()
    wait_for_url(browser, lambda url: url.endswith("/unsaved"))
    page = browser.find_element(By.TAG_NAME, "main").text
    assert "Cervical facet pain, typed after the session ended" in page and "Neck pain since a fall" in page
    browser.save_screenshot("/tmp/relief-typing-back.png")
    browser.find_element(By.XPATH, "//button[normalize-space()='Send it as typed']").click()
    # Back to the form, at the section the typing was in.
    wait_for_url(browser, lambda url: url == edit_url + "#section-assessment-and-plan")
    assert "Saved the draft." in browser.find_element(By.CLASS_NAME, "flash").text
    assert browser.find_element(By.ID, "assessment").get_attribute("value") == "Cervical facet pain, typed after the session ended"
    assert browser.find_element(By.ID, "onsetDate").get_attribute("value") == "2025"
