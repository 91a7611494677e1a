"""A nurse gives a patient a link; the patient opens it on their own device with their birth date and answers."""
import re

from selenium.webdriver.common.by import By

from test_registration_flow import sign_in, wait_for_url
from test_treatment_plan import wait_for_text


def test_a_patient_answers_a_follow_up_from_the_link_a_nurse_made(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/worklists/follow-ups")
    links = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr td a[href*='/follow-ups/']")
    if not links:
        # The demo's calls depend on the day it was loaded; an empty list says so.
        assert "No follow-ups due." in browser.find_element(By.ID, "main").text
        return
    links[0].click()
    wait_for_url(browser, lambda url: "/follow-ups/" in url)
    follow_up = browser.current_url
    birth_date = re.search(r"DOB (\d\d/\d\d/\d{4})", browser.find_element(By.CSS_SELECTOR, ".patient-banner").text).group(1)
    browser.find_element(By.XPATH, "//button[normalize-space()='Make a link for the patient']").click()
    wait_for_text(browser, "It is shown only now")
    link = browser.find_element(By.ID, "address").get_attribute("value")
    assert "/links/" in link
    browser.save_screenshot("/tmp/relief-link-given.png")

    # The patient's phone: nobody signed in.
    browser.delete_all_cookies()
    browser.get(link)
    assert "type your date of birth" in browser.find_element(By.ID, "main").text
    browser.find_element(By.ID, "birthDate").send_keys("01/01/1900")
    browser.find_element(By.XPATH, "//button[normalize-space()='Open']").click()
    wait_for_text(browser, "That date of birth does not match ours.")
    browser.find_element(By.ID, "birthDate").send_keys(birth_date)
    browser.find_element(By.XPATH, "//button[normalize-space()='Open']").click()
    wait_for_url(browser, lambda url: url.endswith("/link"))
    assert "Since your procedure" in browser.find_element(By.ID, "main").text
    browser.find_element(By.ID, "reliefPercent").send_keys("60")
    browser.find_element(By.ID, "painNow").send_keys("3")
    browser.find_element(By.ID, "painAverage").send_keys("4")
    browser.save_screenshot("/tmp/relief-link-questions.png")
    browser.find_element(By.XPATH, "//button[normalize-space()='Send my answers']").click()
    wait_for_url(browser, lambda url: url.endswith("/link/done"))
    assert "Thank you" in browser.find_element(By.ID, "main").text

    # Opened once: the same link shows nothing again.
    browser.get(link)
    assert "This link does not open" in browser.find_element(By.ID, "main").text

    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(follow_up)
    text = browser.find_element(By.ID, "main").text
    assert "by the patient, from a link" in text and "60 %" in text, text
    browser.save_screenshot("/tmp/relief-link-answered.png")
