"""What a physician does at a first visit: open a patient, evaluate, mark the body map, sign, read it back."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_registration_flow import fill, sign_in, wait_for_url


def test_a_physician_completes_and_signs_a_first_visit(browser, base_url):
    sign_in(browser, base_url, "physician@demo.relief", "demo-physician-pass")
    browser.get(base_url + "/patients")  # clinical roles land on the inbox
    browser.find_element(By.CSS_SELECTOR, "table.list tbody tr a").click()
    wait_for_url(browser, lambda url: "/patients/" in url)
    browser.find_element(By.XPATH, "//button[normalize-space()='Start note']").click()
    wait_for_url(browser, lambda url: url.endswith("/edit"))

    fill(browser, {"chiefComplaint": "Low back pain into the left leg", "onsetDate": "01/10/2026",
                   "onsetMechanism": "work", "painNow": "6", "painWorst": "9", "painLeast": "2"})
    # The body map by keyboard, through its region table (the no-script control): focus, type the intensity.
    region = browser.find_element(By.ID, "map.lower-back:left")
    region.send_keys("7")
    browser.find_element(By.ID, "map.calf:left").send_keys("5")
    # And on the figure itself (script): a click marks at the chosen intensity, a digit on a focused region sets it.
    neck = browser.find_element(By.CSS_SELECTOR, "rect[data-field='map.neck:right']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", neck)  # not under the section bar
    neck.click()
    assert browser.find_element(By.ID, "map.neck:right").get_attribute("value") == "5"
    buttock = browser.find_element(By.CSS_SELECTOR, "rect[data-field='map.buttock:left']")
    browser.execute_script("arguments[0].focus()", buttock)
    buttock.send_keys("8")
    assert browser.find_element(By.ID, "map.buttock:left").get_attribute("value") == "8"
    assert "marked i8" in buttock.get_attribute("class")
    # The caption counts what is marked as it is marked, and the number stands on the region.
    summary = browser.find_element(By.CSS_SELECTOR, ".body-map .map-summary").text
    assert summary.startswith("4 regions marked:") and "Left buttock 8/10" in summary
    assert browser.execute_script("return arguments[0].nextElementSibling.textContent", buttock) == "8"
    assert browser.find_element(By.CSS_SELECTOR, "svg.body-figure").rect["width"] >= 200
    browser.find_element(By.ID, "character-burning").send_keys(Keys.SPACE)
    browser.find_element(By.ID, "redFlag-saddle-anaesthesia").send_keys(Keys.SPACE)
    # The section navigation stays in view; saving comes back to the section being edited.
    nav = browser.find_element(By.CSS_SELECTOR, "nav.section-nav")
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    assert nav.location_once_scrolled_into_view and nav.rect["y"] >= 0
    browser.find_element(By.CSS_SELECTOR, "nav.section-nav a[href='#section-red-flags']").click()
    browser.find_element(By.ID, "redFlagNotes").send_keys("Saddle numbness reported; examine today.")
    browser.save_screenshot("/tmp/relief-evaluation-form.png")
    browser.find_element(By.XPATH, "//button[normalize-space()='Save draft']").click()
    wait_for_url(browser, lambda url: url.endswith("/edit#section-red-flags"))
    assert "Saved the draft." in browser.find_element(By.CLASS_NAME, "flash").text
    caption = browser.find_element(By.CSS_SELECTOR, ".body-map figcaption").text
    assert "Left lower back 7/10" in caption and "Right front of neck 5/10" in caption and "Left buttock 8/10" in caption
    assert "Saddle anaesthesia" in browser.find_element(By.CLASS_NAME, "patient-banner").text

    browser.find_element(By.XPATH, "//button[normalize-space()='Sign note']").click()
    assert "Tick the attestation to sign the note." in browser.find_element(By.CLASS_NAME, "error-summary").text
    browser.find_element(By.ID, "attest-yes").send_keys(Keys.SPACE)
    browser.find_element(By.XPATH, "//button[normalize-space()='Sign note']").click()
    wait_for_url(browser, lambda url: not url.endswith("/edit"))
    document = browser.find_element(By.CSS_SELECTOR, "article.document").text
    assert "Signed by" in document
    assert "Low back pain into the left leg" in document
    assert "Burning" in document
    assert "Left calf 5/10" in document
    assert not browser.find_elements(By.LINK_TEXT, "Continue editing")

    browser.find_element(By.ID, "text").send_keys("Reviewed outside MRI: L4-5 left paracentral protrusion.")
    browser.find_element(By.XPATH, "//button[normalize-space()='Add addendum']").click()
    wait_for_url(browser, lambda url: "#addendum-" in url)
    assert "L4-5 left paracentral protrusion" in browser.find_element(By.CLASS_NAME, "addenda").text
    browser.save_screenshot("/tmp/relief-evaluation-addendum.png")

    browser.find_element(By.CSS_SELECTOR, ".patient-banner .patient-name").click()
    wait_for_url(browser, lambda url: "/evaluations/" not in url)
    alerts = browser.find_element(By.CLASS_NAME, "alert-card")
    alerts.find_element(By.NAME, "reason").send_keys("Examined: perineal sensation intact; no retention." + Keys.ENTER)
    wait_for_url(browser, lambda url: True)
    assert "Resolved the alert." in browser.find_element(By.CLASS_NAME, "flash").text
    assert not browser.find_elements(By.CLASS_NAME, "alert-card")
