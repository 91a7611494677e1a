"""Questionnaires: the front desk hands a tablet over, the patient answers, a nurse enters a paper form."""
import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from test_registration_flow import sign_in, wait_for_url


def answer(browser, link_id, value):
    """Picks an answer by keyboard: focus the first radio of the item, then arrow to the value."""
    radio = browser.find_element(By.CSS_SELECTOR, f"input[name='{link_id}'][value='{value}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
    radio.send_keys(Keys.SPACE)
    assert radio.is_selected()


def test_the_front_desk_hands_over_a_tablet_and_the_patient_answers(browser, base_url):
    sign_in(browser, base_url, "coordinator@demo.relief", "demo-coordinator-pass")
    browser.find_element(By.CSS_SELECTOR, "table.list tbody tr a").click()
    wait_for_url(browser, lambda url: "/patients/" in url)
    browser.find_element(By.LINK_TEXT, "Questionnaires on a tablet").click()
    browser.find_element(By.ID, "questionnaires-peg").send_keys(Keys.SPACE)
    browser.find_element(By.XPATH, "//button[normalize-space()='Get a tablet code']").click()
    assert len(browser.find_element(By.CLASS_NAME, "kiosk-code").text) == 9
    browser.find_element(By.XPATH, "//button[normalize-space()='Sign out and hand over this device']").click()

    wait_for_url(browser, lambda url: url.endswith("/kiosk/confirm"))
    assert "Is this you?" in browser.find_element(By.TAG_NAME, "h1").text
    assert re.search(r", born in \d{4}$", browser.find_element(By.CLASS_NAME, "kiosk-identity").text)
    browser.find_element(By.XPATH, "//button[normalize-space()='Yes, this is me']").click()
    wait_for_url(browser, lambda url: url.endswith("/kiosk/questionnaire"))
    assert not browser.find_elements(By.CSS_SELECTOR, "nav, .patient-banner, .user-menu, .attribution")
    assert "Questionnaire 1 of 1" in browser.page_source

    # A tablet held upright: each 0–10 scale is one row of boxes of at least 44 × 44 px, and a tap anywhere on a
    # box (here its edge, away from the circle and the number) answers.
    browser.set_window_size(768, 1024)
    boxes = browser.find_elements(By.CSS_SELECTOR, "fieldset.question:first-of-type label.answer")
    assert len(boxes) == 11
    assert len({box.rect["y"] for box in boxes}) == 1, "the scale wraps"
    assert all(box.rect["width"] >= 44 and box.rect["height"] >= 44 for box in boxes)
    edge = boxes[6]
    ActionChains(browser).move_to_element_with_offset(edge, edge.rect["width"] // 2 - 2, edge.rect["height"] // 2 - 2).click().perform()
    assert browser.find_element(By.CSS_SELECTOR, "input[name='peg-1'][value='6']").is_selected()
    browser.save_screenshot("/tmp/relief-kiosk-tablet.png")
    # A phone: the scale becomes a vertical list with its anchors inline.
    browser.set_window_size(400, 900)
    boxes = browser.find_elements(By.CSS_SELECTOR, "fieldset.question:first-of-type label.answer")
    assert len({box.rect["x"] for box in boxes}) == 1 and "No pain" in boxes[0].text
    assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    browser.save_screenshot("/tmp/relief-kiosk-phone.png")
    browser.set_window_size(1280, 1000)
    answer(browser, "peg-2", 4)
    browser.find_element(By.XPATH, "//button[normalize-space()='Save answers']").click()
    assert "Answer this question." in browser.find_element(By.CLASS_NAME, "error-summary").text
    assert browser.find_element(By.CSS_SELECTOR, "input[name='peg-1'][value='6']").is_selected()
    answer(browser, "peg-3", 5)
    browser.find_element(By.XPATH, "//button[normalize-space()='Save answers']").click()
    wait_for_url(browser, lambda url: url.endswith("/kiosk/done"))
    assert "hand the tablet back" in browser.find_element(By.TAG_NAME, "main").text

    browser.get(base_url + "/patients")
    wait_for_url(browser, lambda url: "/login" in url)


def test_a_nurse_enters_a_paper_form_and_sees_the_score_on_the_chart(browser, base_url):
    sign_in(browser, base_url, "nurse@demo.relief", "demo-nurse-pass")
    browser.get(base_url + "/patients")  # clinical roles land on the inbox
    browser.find_element(By.CSS_SELECTOR, "table.list tbody tr a").click()
    wait_for_url(browser, lambda url: "/patients/" in url)
    browser.find_element(By.LINK_TEXT, "Questionnaires and scores").click()
    browser.find_element(By.LINK_TEXT, "GAD-7 (anxiety)").click()
    # The paper form typed as a grid: a digit per row, Tab to the next.
    browser.find_element(By.LINK_TEXT, "Type a paper form in as a grid").click()
    first = browser.find_element(By.ID, "gad-7-1")
    first.send_keys("2" + Keys.TAB + "2" + Keys.TAB + "1" + Keys.TAB + "1" + Keys.TAB + "0" + Keys.TAB + "1" + Keys.TAB + "0")
    assert browser.find_element(By.CSS_SELECTOR, ".answer-grid").rect["height"] < 700, "one compact row per item"
    browser.save_screenshot("/tmp/relief-questionnaire-grid.png")
    browser.find_element(By.XPATH, "//button[normalize-space()='Save answers']").click()
    assert "Saved GAD-7 (anxiety): 7." in browser.find_element(By.CLASS_NAME, "flash").text
    assert "7 (total 0–21) — Mild" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.CSS_SELECTOR, ".patient-banner .patient-name").click()
    assert "GAD-7 (anxiety)" in browser.find_element(By.ID, "scores-heading").find_element(By.XPATH, "..").text
