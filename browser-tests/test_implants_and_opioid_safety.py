"""A nurse records a pump refill from the refill worklist, and an opioid agreement on a patient's safety panel."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_registration_flow import sign_in, wait_for_url
from test_treatment_plan import wait_for_text


def test_a_nurse_records_a_pump_refill_from_the_worklist(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/worklists/pump-refills")
    links = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr td a")
    if not links:
        # The demo's refills depend on the day it was loaded; an empty list says so.
        assert "No refills due." in browser.find_element(By.ID, "main").text
        return
    links[0].click()
    wait_for_url(browser, lambda url: "/implants/" in url)
    today = datetime.date.today()
    alarm = today + datetime.timedelta(days=40)
    # An alarm before the next refill is refused on its field, the entries kept.
    browser.find_element(By.ID, "volume").send_keys("20")
    browser.find_element(By.ID, "nextRefillOn").send_keys((today + datetime.timedelta(days=50)).strftime("%m/%d/%Y"))
    browser.find_element(By.ID, "alarmOn").send_keys(alarm.strftime("%m/%d/%Y"))
    browser.find_element(By.XPATH, "//button[normalize-space()='Record the refill']").click()
    wait_for_text(browser, "book the refill earlier")
    next_refill = browser.find_element(By.ID, "nextRefillOn")
    next_refill.clear()
    next_refill.send_keys((today + datetime.timedelta(days=35)).strftime("%m/%d/%Y"))
    browser.find_element(By.XPATH, "//button[normalize-space()='Record the refill']").click()
    wait_for_text(browser, "Recorded the refill")
    assert "alarm " + alarm.strftime("%m/%d/%Y") in browser.find_element(By.ID, "refills").text
    browser.save_screenshot("/tmp/relief-pump-refill.png")


def test_a_nurse_records_an_opioid_agreement(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/patients?q=a")
    # The first patient whose chart names opioid safety.
    for href in [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr td a")][:25]:
        browser.get(href)
        if browser.find_elements(By.ID, "opioid-safety"):
            break
    else:
        return
    browser.find_element(By.LINK_TEXT, "Open the panel").click()
    wait_for_url(browser, lambda url: url.endswith("/opioid-safety"))
    Select(browser.find_element(By.ID, "kind")).select_by_value("pdmp-check")
    Select(browser.find_element(By.ID, "pdmpResult")).select_by_value("concerns")
    browser.find_element(By.XPATH, "//button[normalize-space()='Record']").click()
    wait_for_text(browser, "Say what the check showed.")
    browser.find_element(By.ID, "note").send_keys("Early refill from another prescriber")
    browser.find_element(By.XPATH, "//button[normalize-space()='Record']").click()
    wait_for_text(browser, "Recorded: Prescription monitoring (PDMP) checked")
    assert "Early refill from another prescriber" in browser.find_element(By.ID, "main").text
    browser.save_screenshot("/tmp/relief-opioid-safety.png")
