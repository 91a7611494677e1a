"""What a physician reads of the practice's outcomes, and a nurse's follow-up calls."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_registration_flow import sign_in, wait_for_url
from test_treatment_plan import wait_for_text


def test_the_outcome_report_filters_and_offers_its_csv(browser, base_url):
    sign_in(browser, base_url, "physician@demo.relief", "demo-physician-pass")
    browser.find_element(By.LINK_TEXT, "Reports").click()
    wait_for_url(browser, lambda url: url.endswith("/reports"))
    main = browser.find_element(By.ID, "main")
    assert "Outcomes by intervention" in main.text and "How long relief lasted" in main.text, main.text
    assert len(browser.find_elements(By.CSS_SELECTOR, "figure.chart svg")) == 2
    rows = browser.find_elements(By.CSS_SELECTOR, "table.outcomes tbody tr")
    assert rows and all(row.find_elements(By.TAG_NAME, "td")[1].text.isdigit() for row in rows)

    Select(browser.find_element(By.ID, "region")).select_by_value("cervical")
    browser.find_element(By.XPATH, "//button[normalize-space()='Show']").click()
    wait_for_url(browser, lambda url: "region=cervical" in url)
    names = [row.find_element(By.TAG_NAME, "td").text for row in browser.find_elements(By.CSS_SELECTOR, "table.outcomes tbody tr")]
    assert all("ervical" in name or "tellate" in name or "stimulator" in name for name in names), names
    assert "region=cervical" in browser.find_element(By.LINK_TEXT, "Download as CSV").get_attribute("href")

    # A date range that ends before it starts is refused on its field, the filters kept.
    browser.get(base_url + "/reports?from=12/01/2026&to=11/01/2026")
    assert "The last day cannot come before the first." in browser.find_element(By.ID, "error-summary").text
    browser.save_screenshot("/tmp/relief-outcomes.png")


def test_a_nurse_records_a_follow_up_call_that_did_not_reach_the_patient(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/worklists")
    browser.find_element(By.LINK_TEXT, "Follow-up calls").click()
    wait_for_url(browser, lambda url: url.endswith("/worklists/follow-ups"))
    rows = browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
    if not rows:
        # The demo's calls depend on the day it was loaded; an empty list says so.
        assert "No follow-ups due." in browser.find_element(By.ID, "main").text
        return
    calls_before = rows[0].find_elements(By.TAG_NAME, "td")[3].text
    row = rows[0]
    Select(row.find_element(By.CSS_SELECTOR, "select[name=outcome]")).select_by_value("left-message")
    row.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys("Voicemail, will try tomorrow")
    row.find_element(By.XPATH, ".//button[normalize-space()='Record']").click()
    wait_for_text(browser, "Recorded: left a message.")
    text = browser.find_element(By.ID, "main").text
    assert "Voicemail, will try tomorrow" in text or "recorded as lost" in text, (calls_before, text)
    browser.save_screenshot("/tmp/relief-follow-up-calls.png")
