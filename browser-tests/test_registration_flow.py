"""What a coordinator does at the front desk: sign in, register, find, open the chart, sign out."""
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait


def wait_for_url(browser, predicate):
    """Clicks and Enter start a navigation; wait for it to finish before reading the page."""
    WebDriverWait(browser, 15).until(lambda driver: predicate(driver.current_url)
                                     and driver.execute_script("return document.readyState") == "complete")


def wait_until(browser, condition):
    """A form that posts back to the address it is on changes no URL: wait for what the new page shows, ignoring the
    old page's elements going stale meanwhile."""
    def settled(driver):
        try:
            return condition(driver)
        except (NoSuchElementException, StaleElementReferenceException):
            raise
        except WebDriverException as error:
            # Chromium sometimes reports an element of the page being replaced this way rather than as stale.
            if "does not belong to the document" in str(error):
                return False
            raise
    WebDriverWait(browser, 15, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(settled)


def sign_in(browser, base_url, email="coordinator@demo.relief", password="demo-coordinator-pass"):
    browser.get(base_url + "/login")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password + Keys.ENTER)
    wait_for_url(browser, lambda url: "/login" not in url)


def fill(browser, values):
    for field, value in values.items():
        element = browser.find_element(By.ID, field)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def test_register_find_open_and_sign_out(browser, base_url):
    sign_in(browser, base_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Patients"

    browser.find_element(By.LINK_TEXT, "Register a patient").click()
    fill(browser, {
        "familyName": "Østergaard", "givenName": "Ingrid", "birthDate": "07/14/1958", "sexAtBirth": "F",
        "phone": "(217) 555-0188", "occupation": "Retired teacher", "referringName": "Dr. Susan Cho",
    })
    browser.find_element(By.CSS_SELECTOR, "form.patient-form button[type=submit]").click()
    wait_for_url(browser, lambda url: url.rstrip("/").split("/")[-1] not in ("new", "patients"))

    banner = browser.find_element(By.CLASS_NAME, "patient-banner").text
    assert "Østergaard, Ingrid" in banner
    assert "DOB 07/14/1958" in banner
    assert "Registered Østergaard, Ingrid" in browser.find_element(By.CLASS_NAME, "flash").text
    mrn = banner.split("MRN ")[1].split()[0]

    browser.find_element(By.LINK_TEXT, "Patients").click()
    search = browser.find_element(By.ID, "q")
    search.send_keys("ostergaard, ing" + Keys.ENTER)
    wait_for_url(browser, lambda url: "q=" in url)
    browser.find_element(By.LINK_TEXT, "Østergaard, Ingrid").click()
    wait_for_url(browser, lambda url: "q=" not in url)
    assert f"MRN {mrn}" in browser.find_element(By.CLASS_NAME, "patient-banner").text
    assert "Retired teacher" in browser.find_element(By.ID, "main").text

    browser.get(base_url + "/patients?q=" + mrn)  # get() returns once the page has loaded
    assert "Østergaard, Ingrid" in browser.find_element(By.CSS_SELECTOR, "table.list").text

    browser.find_element(By.CSS_SELECTOR, ".user-menu button").click()
    wait_for_url(browser, lambda url: "/login" in url)
    assert "You are signed out." in browser.find_element(By.CLASS_NAME, "flash").text
    browser.get(base_url + "/patients")
    assert "/login" in browser.current_url


def test_a_mistake_is_shown_next_to_its_field_and_the_input_is_kept(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/patients/new")
    fill(browser, {"familyName": "Keller", "givenName": "Tomás", "birthDate": "02/30/1970", "sexAtBirth": "M"})
    browser.find_element(By.CSS_SELECTOR, "form.patient-form button[type=submit]").click()

    summary = browser.find_element(By.CLASS_NAME, "error-summary")
    assert "Enter a real date as MM/DD/YYYY." in summary.text
    assert browser.find_element(By.ID, "birthDate").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "givenName").get_attribute("value") == "Tomás"

    summary.find_element(By.LINK_TEXT, "Enter a real date as MM/DD/YYYY.").click()
    assert browser.switch_to.active_element.get_attribute("id") == "birthDate"


def test_a_therapist_cannot_register_patients(browser, base_url):
    sign_in(browser, base_url, "therapist@demo.relief", "demo-therapist-pass")
    assert not browser.find_elements(By.LINK_TEXT, "Register a patient")
    browser.get(base_url + "/patients/new")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not allowed"
