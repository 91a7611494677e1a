"""What each role works from: the physician's inbox and the banner, the front desk's duplicate check and worklist,
the administrator's audit search and the roles page."""
from datetime import date, timedelta

from selenium.webdriver.common.by import By

from test_registration_flow import fill, sign_in, wait_for_url, wait_until

SEVERITY = {"urgent": 0, "warning": 1, "notice": 2}


def nav_count(browser):
    counts = browser.find_elements(By.CSS_SELECTOR, ".site-header .nav-count")
    return int(counts[0].text) if counts else 0


def test_the_physician_acknowledges_an_inbox_item_and_the_banner_lists_alerts_worst_first(browser, base_url):
    sign_in(browser, base_url, "physician@demo.relief", "demo-physician-pass")
    browser.get(base_url + "/inbox")
    before = nav_count(browser)
    items = browser.find_elements(By.CSS_SELECTOR, "li.inbox-item")
    assert before > 0 and items, "the demo practice has open alerts"
    browser.save_screenshot("/tmp/relief-inbox.png")
    waiting = [item for item in items if not item.find_elements(By.CLASS_NAME, "acknowledged")][0]
    key = waiting.get_attribute("id")
    waiting.find_element(By.CSS_SELECTOR, "input[name='note']").send_keys("Called the patient; seen tomorrow.")
    waiting.find_element(By.XPATH, ".//button[normalize-space()='Acknowledge']").click()
    wait_until(browser, lambda driver: "Called the patient; seen tomorrow." in driver.find_element(By.ID, key).text)
    acknowledged = browser.find_element(By.ID, key)
    assert "Called the patient; seen tomorrow." in acknowledged.find_element(By.CLASS_NAME, "acknowledged").text
    assert nav_count(browser) == before - 1

    acknowledged.find_element(By.CSS_SELECTOR, ".inbox-patient a").click()
    wait_for_url(browser, lambda url: "/patients/" in url)
    banner = browser.find_element(By.CSS_SELECTOR, ".patient-banner .alerts")
    assert "has-alerts" in banner.get_attribute("class")
    severities = [item.get_attribute("class").removeprefix("alert-") for item in banner.find_elements(By.CSS_SELECTOR, "li")]
    assert severities and [SEVERITY[s] for s in severities] == sorted(SEVERITY[s] for s in severities), severities
    count = banner.find_element(By.CLASS_NAME, "alert-count").text
    assert count.startswith(str(len(severities)))
    browser.save_screenshot("/tmp/relief-banner.png")


def test_the_front_desk_is_warned_of_a_likely_duplicate(browser, base_url):
    sign_in(browser, base_url, "coordinator@demo.relief", "demo-coordinator-pass")
    person = {"familyName": "Quintrell", "birthDate": "02/04/1968", "sexAtBirth": "F", "phone": "(217) 555-0199"}
    browser.get(base_url + "/patients/new")
    fill(browser, {**person, "givenName": "Kimberly"})
    browser.find_element(By.CSS_SELECTOR, "form.patient-form button[type=submit]").click()
    anyway = browser.find_elements(By.XPATH, "//button[normalize-space()='Register as a new patient anyway']")
    if anyway:  # a second run against the same server: Kimberly is there already
        anyway[0].click()
    wait_for_url(browser, lambda url: "/patients/" in url and not url.endswith("/new") and not url.endswith("/patients"))

    browser.get(base_url + "/patients/new")
    fill(browser, {**person, "givenName": "Kim", "birthDate": "04/02/1968"})
    browser.find_element(By.CSS_SELECTOR, "form.patient-form button[type=submit]").click()
    warning = browser.find_element(By.CSS_SELECTOR, ".notice.warning[role=alert]")
    assert "Possibly registered already" in warning.text and "Quintrell, Kimberly" in warning.text
    assert browser.find_element(By.ID, "givenName").get_attribute("value") == "Kim", "the form is kept"
    browser.save_screenshot("/tmp/relief-duplicate.png")
    warning.find_element(By.PARTIAL_LINK_TEXT, "Quintrell, Kimberly").click()
    wait_for_url(browser, lambda url: "/patients/" in url and not url.endswith("/patients"))
    assert "Quintrell, Kimberly" in browser.find_element(By.CLASS_NAME, "patient-banner").text


def test_the_worklist_books_a_date_in_place_and_marks_only_the_overdue(browser, base_url):
    sign_in(browser, base_url, "coordinator@demo.relief", "demo-coordinator-pass")
    browser.get(base_url + "/worklists")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.worklist tbody tr")
    assert rows
    overdue = [row for row in rows if "overdue" in row.text]
    assert len(overdue) < len(rows), "not every open order is overdue"
    row = rows[0]
    # The patient's chart and phone; the order page itself is clinical, so the front desk books the date here.
    assert row.find_element(By.CSS_SELECTOR, "td:first-child a").get_attribute("href").count("/patients/") == 1
    assert row.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text
    row_id = row.get_attribute("id")
    when = (date.today() + timedelta(days=9)).strftime("%m/%d/%Y")
    field = row.find_element(By.NAME, "scheduledFor")
    field.clear()
    field.send_keys(when)
    row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(browser, lambda driver: driver.find_element(By.CSS_SELECTOR, f"#{row_id} input[name=scheduledFor]").get_attribute("value") == when)
    browser.save_screenshot("/tmp/relief-worklist.png")


def test_the_administrator_searches_the_audit_by_patient_and_reads_the_roles(browser, base_url):
    sign_in(browser, base_url, "admin@demo.relief", "demo-admin-pass")
    browser.get(base_url + "/admin/audit")
    fill(browser, {"patient": "Zzyzx-nobody"})
    browser.find_element(By.XPATH, "//button[normalize-space()='Filter']").click()
    wait_for_url(browser, lambda url: "patient=" in url)
    assert "No patient matches" in browser.find_element(By.TAG_NAME, "main").text

    browser.get(base_url + "/admin/audit")
    patients = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.audit tbody tr td:nth-child(6)") if cell.text]
    assert patients, "the audit shows the patients' names"
    family = patients[0].split(",")[0]
    field = browser.find_element(By.ID, "patient")
    field.clear()
    field.send_keys(family)
    browser.find_element(By.XPATH, "//button[normalize-space()='Filter']").click()
    wait_for_url(browser, lambda url: "patient=" + family.split()[0] in url or "patient=" in url and "Zzyzx" not in url)
    shown = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "table.audit tbody tr td:nth-child(6)")]
    assert shown and all(family in name for name in shown)
    times = browser.find_elements(By.CSS_SELECTOR, "table.audit tbody tr td:first-child")
    assert times[0].text.count(":") == 2, "times to the second"
    browser.save_screenshot("/tmp/relief-audit.png")

    browser.get(base_url + "/roles")
    roles = browser.find_element(By.TAG_NAME, "main").text
    for role in ("Physician", "Nurse", "Coordinator", "Therapist", "Administrator"):
        assert role in roles
    browser.save_screenshot("/tmp/relief-roles.png")
