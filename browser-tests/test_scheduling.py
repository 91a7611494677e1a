"""The physician books a planned procedure from its plan row (a taken slot is refused on the form), sees it on the
day's grid with what must stop before it; the coordinator checks the patient in without seeing the medicines."""
from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_registration_flow import fill, sign_in, wait_for_url
from test_treatment_plan import register_radicular_patient, submit, wait_for_text


def weekday_after(start, count):
    """The count-th weekday after start (0 is the first), as the demo's schedule counts them."""
    day = start
    while True:
        day += timedelta(days=1)
        if day.weekday() < 5:
            if count == 0:
                return day
            count -= 1


def test_a_planned_procedure_is_booked_seen_on_the_day_and_checked_in(browser, base_url):
    sign_in(browser, base_url, "physician@demo.relief", "demo-physician-pass")
    chart = register_radicular_patient(browser, base_url)
    browser.get(chart + "/plans/new")
    fill(browser, {"component.1.intervention": "esi-transforaminal-lumbar", "component.1.region": "lumbar", "component.1.levels": "L4-L5",
                   "component.1.side": "left", "component.1.responsible": "Dr. Priya Raman"})
    submit(browser)
    wait_for_url(browser, lambda url: "/plans/" in url and not url.endswith("/plans"))
    browser.find_element(By.XPATH, "//button[normalize-space()='Activate']").click()
    wait_for_text(browser, "Active · version 1")

    browser.find_element(By.LINK_TEXT, "Book").click()
    wait_for_url(browser, lambda url: "/appointments/new" in url)
    assert Select(browser.find_element(By.ID, "kind")).first_selected_option.get_attribute("value") == "procedure"
    assert Select(browser.find_element(By.ID, "intervention")).first_selected_option.get_attribute("value") == "esi-transforaminal-lumbar"
    Select(browser.find_element(By.ID, "provider")).select_by_visible_text("Dr. Priya Raman (physician)")
    # The demo books the physician every hour of the coming weeks.
    fill(browser, {"room": "suite-a", "date": weekday_after(date.today(), 0).strftime("%m/%d/%Y"), "start": "9:00 AM"})
    submit(browser)
    assert "Dr. Priya Raman is already booked 9:00 AM" in browser.find_element(By.ID, "error-summary").text
    # After the booked weeks and the physician's week away.
    day = weekday_after(date.today(), 46)
    fill(browser, {"date": day.strftime("%m/%d/%Y"), "start": "8:00 AM"})
    submit(browser)
    wait_for_url(browser, lambda url: "/appointments/" in url and not url.endswith("/new"))
    appointment = browser.current_url.split("?")[0]
    text = browser.find_element(By.ID, "main").text
    assert "Before the procedure" in text and "Apixaban: stop 3 days before" in text, text
    browser.save_screenshot("/tmp/relief-appointment.png")

    browser.get(base_url + "/schedule?date=" + day.isoformat())
    grid = browser.find_element(By.CSS_SELECTOR, "table.schedule").text
    assert "Planwright, Lena" in grid and "Procedure suite A" in grid, grid
    browser.save_screenshot("/tmp/relief-schedule.png")

    browser.find_element(By.CSS_SELECTOR, ".user-menu button").click()
    sign_in(browser, base_url, "coordinator@demo.relief", "demo-coordinator-pass")
    browser.get(appointment)
    assert "Apixaban" not in browser.find_element(By.ID, "main").text
    browser.find_element(By.XPATH, "//button[normalize-space()='Check in']").click()
    wait_for_text(browser, "Checked in")
    assert not browser.find_elements(By.LINK_TEXT, "Move")
