"""Paper from the chart: a signed note, the patient's instructions and a letter, printed by Chromium to PDF; every
page carries the patient's name, birth date, MRN and its page number."""
import base64
import io
import re

from pypdf import PdfReader
from selenium.webdriver.common.by import By
from selenium.webdriver.common.print_page_options import PrintOptions

from test_registration_flow import sign_in, wait_for_url


def printed_pages(browser):
    options = PrintOptions()
    options.background = False
    reader = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(options))))
    return [page.extract_text() for page in reader.pages]


def assert_every_page_identified(pages, mrn):
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert f"MRN {mrn}" in flat, f"page {number} lacks the MRN: {flat[:200]}"
        assert "DOB " in flat
        assert f"Page {number} of {len(pages)}" in flat, f"page {number} lacks its number: {flat[-200:]}"


def open_signed_note(browser, base_url):
    """The first demo patient whose chart has a signed visit note; returns the patient's MRN."""
    browser.get(base_url + "/patients")
    charts = [link.get_attribute("href") for link in browser.find_elements(By.CSS_SELECTOR, "table.list tbody tr a")]
    for chart in charts:
        browser.get(chart)
        notes = browser.find_elements(By.XPATH, "//tr[td[normalize-space()='Signed']]//a[contains(@href, '/evaluations/')]")
        if notes:
            mrn = re.search(r"MRN\s*(\w+)", browser.find_element(By.CLASS_NAME, "patient-banner").text).group(1)
            notes[0].click()
            wait_for_url(browser, lambda url: "/evaluations/" in url)
            return mrn
    raise AssertionError("no demo patient has a signed note")


def test_a_physician_prints_the_note_the_instructions_and_a_letter(browser, base_url):
    sign_in(browser, base_url, "physician@demo.relief", "demo-physician-pass")
    mrn = open_signed_note(browser, base_url)
    note = browser.current_url

    browser.find_element(By.LINK_TEXT, "Print note").click()
    wait_for_url(browser, lambda url: url.endswith("/print"))
    assert browser.find_element(By.CSS_SELECTOR, "button[data-print]").is_displayed()
    assert not browser.find_elements(By.CLASS_NAME, "site-header")
    browser.save_screenshot("/tmp/relief-print-note.png")
    pages = printed_pages(browser)
    assert len(pages) >= 2, "a first-visit note runs over more than one page"
    assert_every_page_identified(pages, mrn)
    assert "Print" not in pages[0].split("\n")[0], "the toolbar is not printed"

    browser.get(note)
    browser.find_element(By.LINK_TEXT, "Print instructions").click()
    wait_for_url(browser, lambda url: url.endswith("/instructions"))
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "What to do next" in text and "Your medicines" in text and "Your allergies" in text
    assert "MME" not in text and "Source" not in text
    browser.save_screenshot("/tmp/relief-print-instructions.png")
    assert_every_page_identified(printed_pages(browser), mrn)

    browser.get(note)
    browser.find_element(By.LINK_TEXT, "Letter to referring physician").click()
    wait_for_url(browser, lambda url: url.endswith("/letters/new"))
    # A patient registered by another test may have no referring physician to address.
    recipient = browser.find_element(By.ID, "recipient")
    if not recipient.get_attribute("value"):
        recipient.send_keys("Dr. Sam Referrer")
    letter = browser.find_element(By.ID, "text")
    assert letter.get_attribute("value").startswith("Dear ")
    letter.send_keys("\n\nP.S. I enclose the MRI report.")
    browser.save_screenshot("/tmp/relief-letter-form.png")
    browser.find_element(By.XPATH, "//button[normalize-space()='Save and print']").click()
    wait_for_url(browser, lambda url: "/letters/" in url and not url.endswith("/new"))
    assert "P.S. I enclose the MRI report." in browser.find_element(By.CLASS_NAME, "letter").text
    browser.save_screenshot("/tmp/relief-letter.png")
    assert_every_page_identified(printed_pages(browser), mrn)

    browser.get(note)
    assert browser.find_elements(By.XPATH, "//section[h2='Letters']//a[contains(@href, '/letters/')]")
