"""What a learner does in the framework browser: keyboard only, search, both languages, narrow screens, axe."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations

SCENARIO = "/scenario/digicomp-framework/"


def tab_to(page, locator, limit=40):
    """Press Tab until `locator` has the focus (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_search_and_open_clusters_with_the_keyboard_only(demo_url, open_page):
    page = open_page(demo_url + SCENARIO)
    search = page.get_by_label("Search the statements")
    tab_to(page, search)
    page.keyboard.type("privacy")
    status = page.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^\d+ statements match your search\.$"))
    visible = page.locator(".digicomp-statement:visible")
    count = int(status.inner_text().split()[0])
    expect(visible).to_have_count(count)
    for text in visible.all_inner_texts():
        assert "privacy" in text.lower()
    cluster2 = page.locator(".digicomp-cluster[data-cluster='2']")
    expect(cluster2).to_have_attribute("open", "")
    expect(page.locator(".digicomp-cluster[data-cluster='8']")).to_be_hidden()
    expect(page.get_by_role("heading", name="Help shaping the digital options in the organisation")).to_be_hidden()

    page.keyboard.press("Control+A")
    page.keyboard.type("5.2.3")
    expect(status).to_have_text("1 statement matches your search.")
    expect(visible).to_have_text([re.compile(r"^\s*5\.2\.3\s+Ability to use copyright and source citation correctly\s*$")])

    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    expect(page.locator(".digicomp-cluster[open]")).to_have_count(0)
    tab_to(page, page.get_by_role("button", name="Open all clusters"))
    page.keyboard.press("Enter")
    expect(page.locator(".digicomp-cluster[open]")).to_have_count(9)
    summary = page.locator(".digicomp-cluster[data-cluster='1'] > summary")
    tab_to(page, summary)
    page.keyboard.press("Enter")
    expect(page.locator(".digicomp-cluster[open]")).to_have_count(8)


def test_dutch_browser_gets_dutch_and_no_result_is_announced(demo_url, open_page):
    page = open_page(demo_url + SCENARIO, locale="nl-BE")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    page.get_by_label("Zoek in de competenties").fill("beeldbellen")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"competenties passen bij je zoekopdracht\.$"))
    page.get_by_label("Zoek in de competenties").fill("zzzzz")
    expect(page.get_by_role("status")).to_have_text("Geen enkele competentie past bij je zoekopdracht.")


@pytest.mark.parametrize("locale", ["en-GB", "nl-BE"])
def test_axe_finds_no_violations_closed_and_open(demo_url, open_page, locale):
    page = open_page(demo_url + SCENARIO, locale=locale)
    assert axe_violations(page) == []
    page.locator("[data-action=expand]").click()
    page.locator(".digicomp-about > summary").first.click()
    assert axe_violations(page) == []


def test_fits_a_320px_screen(demo_url, open_page):
    page = open_page(demo_url + SCENARIO, width=320)
    page.locator("[data-action=expand]").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
