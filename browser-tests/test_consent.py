"""From the plan to a signed consent: the physician plans an injection, prepares its consent from the plan, the
patient reads it and signs on the screen with a finger, the physician co-signs, and the consent prints."""
from datetime import date, timedelta

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from test_registration_flow import fill, sign_in, wait_for_url, wait_until
from test_treatment_plan import register_radicular_patient, submit, wait_for_text


def test_the_plan_leads_to_a_signed_consent(browser, base_url):
    sign_in(browser, base_url, "physician@demo.relief", "demo-physician-pass")
    chart = register_radicular_patient(browser, base_url)
    planned = (date.today() + timedelta(days=10)).strftime("%m/%d/%Y")

    browser.get(chart + "/plans/new")
    fill(browser, {"component.1.intervention": "esi-transforaminal-lumbar", "component.1.region": "lumbar", "component.1.levels": "L4-L5",
                   "component.1.side": "left", "component.1.startOn": planned, "component.1.responsible": "Dr. Priya Raman"})
    submit(browser)
    wait_for_url(browser, lambda url: "/plans/" in url and not url.endswith("/plans"))
    browser.find_element(By.XPATH, "//button[normalize-space()='Activate']").click()
    wait_for_text(browser, "Active · version 1")

    browser.find_element(By.LINK_TEXT, "Prepare consent").click()
    wait_for_url(browser, lambda url: "/consents/new" in url)
    preview = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=preview-heading]").text
    assert "You take apixaban" in preview and "Doing nothing for now" in preview, preview
    assert browser.find_element(By.ID, "plannedOn").get_attribute("value") == planned
    submit(browser)
    wait_for_url(browser, lambda url: "/consents/" in url and "/new" not in url)
    consent = browser.current_url.split("?")[0]
    assert "Awaiting the patient's signature" in browser.find_element(By.CSS_SELECTOR, ".consent-status").text

    # The patient signs on the screen: the typed name must be theirs.
    fill(browser, {"name": "Lena Someone"})
    browser.find_element(By.ID, "attest-yes").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Sign the consent']").click()
    wait_until(browser, lambda driver: driver.find_elements(By.ID, "error-summary"))
    assert "name as registered" in browser.find_element(By.ID, "error-summary").text
    assert browser.find_element(By.ID, "attest-yes").is_selected()
    fill(browser, {"name": "Lena Planwright"})
    pad = browser.find_element(By.CSS_SELECTOR, "[data-signature-pad] canvas")
    assert pad.is_displayed()
    ActionChains(browser).move_to_element_with_offset(pad, -150, 10).click_and_hold() \
        .move_by_offset(60, -30).move_by_offset(60, 40).move_by_offset(60, -30).release().perform()
    browser.save_screenshot("/tmp/relief-consent-signing.png")
    browser.find_element(By.XPATH, "//button[normalize-space()='Sign the consent']").click()
    wait_for_text(browser, "Signed by the patient, awaiting the physician")
    image = browser.find_element(By.CSS_SELECTOR, "img.signature-image")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image) == 600

    browser.find_element(By.ID, "attest-yes").click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Co-sign']").click()
    wait_until(browser, lambda driver: "consent-active" in driver.find_element(By.CSS_SELECTOR, ".consent-status").get_attribute("class"))
    history = browser.find_element(By.CSS_SELECTOR, ".consent-signatures").text
    assert "Signed by the patient, Lena Planwright" in history and "Co-signed by" in history, history
    browser.save_screenshot("/tmp/relief-consent-signed.png")

    browser.get(consent + "/print")
    text = browser.find_element(By.ID, "main").text
    assert "Risks that apply to you" in text and "Co-signed by" in text
    browser.save_screenshot("/tmp/relief-consent-print.png")

    browser.get(chart + "/consents")
    assert "Signed" in browser.find_element(By.CSS_SELECTOR, "table.list").text
