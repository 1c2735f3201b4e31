"""Real browser tests: Playwright driving Debian's Chromium against Django's live server.

Playwright cannot download browsers here; it drives /usr/bin/chromium (CHROMIUM_PATH overrides).
When a test fails, a screenshot of the page is saved in tests/browser/screenshots/.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in the test thread; the ORM calls that fixtures
    # make in that same thread are still synchronous and safe. Set only while browsers run.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def plan_loaded(transactional_db):
    """Live-server tests run in a transactional database that is emptied after each test."""
    call_command("loaddata", "places_mx", "agencies", "plan", verbosity=0)


@pytest.fixture
def page(browser, request, live_server, plan_loaded):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def step_screenshots(request):
    """Call shot("name", page) after each step; the shots are written only if the test fails,
    with a last shot of every page the test registered in `shot.pages`."""
    shots = []

    def shot(name, page):
        shots.append((name, page.screenshot(full_page=True)))

    shot.pages = []
    yield shot
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        for index, page in enumerate(shot.pages):
            shots.append((f"at-failure-{index}", page.screenshot(full_page=True)))
        for index, (name, png) in enumerate(shots, 1):
            (SCREENSHOTS / f"{request.node.name}-{index:02d}-{name}.png").write_bytes(png)
