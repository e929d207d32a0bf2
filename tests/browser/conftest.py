"""Browser tests: the demo server started by the tests, driven by Playwright in Debian's Chromium (headless)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.servers import demo_server

CHROMIUM = os.environ.get("DIGICOMP_CHROMIUM", "/usr/bin/chromium")
SYNTHETIC = 12  # learners of the demo course's synthetic cohort
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory):
    """Base URL of a fresh demo server (own database, the demo accounts, a synthetic cohort of 12)."""
    with demo_server(tmp_path_factory.mktemp("var"), ["digicomp_demo_data", "--learners", str(SYNTHETIC)]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is needed for the browser tests ({CHROMIUM} not found): apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a page in a new context: `open_page(url, locale="nl-BE", width=320)`."""
    contexts = []

    def open_(url, locale="en-GB", width=1280):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


def axe_violations(page, context=None):
    """axe-core's WCAG 2.x A/AA violations on the page (or inside a CSS selector)."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                                     "best-practice"]}}
    results = Axe().run(page, context=context, options=options)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]
