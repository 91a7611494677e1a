"""A nurse takes a patient's vital signs from the chart: a swapped blood pressure is sent back on its field with
the typing kept, the set then shows on the chart with its body mass index worked out."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_registration_flow import sign_in, wait_for_url
from test_treatment_plan import wait_for_text


def test_a_nurse_records_vital_signs_from_the_chart(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/patients?q=a")
    browser.find_element(By.CSS_SELECTOR, "main table tbody tr td a").click()
    wait_for_url(browser, lambda url: "/patients/" in url)
    chart = browser.current_url
    card = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='vital-signs-heading']")
    card.find_element(By.LINK_TEXT, "Add").click()
    wait_for_url(browser, lambda url: url.endswith("/vital-signs/new"))
    # The day is filled in; the time and measurements are typed.
    assert browser.find_element(By.ID, "takenOn").get_attribute("value")
    browser.find_element(By.ID, "takenAt").send_keys("7:55 AM")
    browser.find_element(By.ID, "systolic").send_keys("76")
    browser.find_element(By.ID, "diastolic").send_keys("141")
    browser.find_element(By.ID, "heartRate").send_keys("64")
    browser.find_element(By.ID, "height").send_keys("69")
    Select(browser.find_element(By.ID, "heightUnit")).select_by_value("in")
    browser.find_element(By.ID, "weight").send_keys("172")
    Select(browser.find_element(By.ID, "weightUnit")).select_by_value("lb")
    browser.find_element(By.XPATH, "//button[normalize-space()='Save']").click()
    wait_for_text(browser, "The diastolic pressure is the lower number")
    assert browser.find_element(By.ID, "weight").get_attribute("value") == "172"
    browser.save_screenshot("/tmp/relief-vitals-error.png")
    for field, value in (("systolic", "141"), ("diastolic", "76")):
        browser.find_element(By.ID, field).clear()
        browser.find_element(By.ID, field).send_keys(value)
    browser.find_element(By.XPATH, "//button[normalize-space()='Save']").click()
    wait_for_url(browser, lambda url: url.endswith("/vital-signs"))
    wait_for_text(browser, "141/76 mmHg")
    browser.save_screenshot("/tmp/relief-vitals-list.png")
    browser.get(chart)
    card = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='vital-signs-heading']")
    assert "141/76 mmHg" in card.text and "25.4 kg/m²" in card.text
    browser.save_screenshot("/tmp/relief-vitals-chart.png")
