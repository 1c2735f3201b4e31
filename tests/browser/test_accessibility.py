"""Every page of the app, in Spanish and English, on a desktop (1280×800) and a phone (390×844),
checked in Chromium:

- axe-core (node_modules, installed by `npm ci` from package-lock.json): no serious or critical
  violation;
- the page itself never scrolls sideways (wide tables scroll inside their own container);
- a focused field, button or link has a focus indicator of at least 3:1 against the colour
  next to it;
- on a page with a bar stuck to the bottom of the window (the yearly form's save bar), no tab
  stop ends up under the bar.

The page list comes from the URL conf (as the crawl's does): one representative URL per pattern,
for the first role that may read it (public, then a focal point, the working group, the
administrator), plus the review of a submitted year. A new page is checked without listing it.
axe's counts (violations by impact, pages checked) are printed (`pytest -s`) for the closing
note. A11Y_SCREENSHOTS=1 saves a screenshot of every page at every size in
tests/browser/screenshots/a11y/ to look at.
"""

import os
import re
import time
from collections import Counter
from itertools import product
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver

from tests.browser.conftest import SCREENSHOTS
from tests.project.test_crawl import samples, walk
from tests.worlds import YEAR, build_world

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LANGUAGES = ["es", "en"]
ROLES = ["anonymous", "focal_SEDENA", "working_group", "administrator"]
# Not pages: the open data (JSON), and what only answers a POST or sends a file (those answer a
# GET with no HTML anyway).
NOT_PAGES = ("/api/plan", "/api/values", "/api/schema", "/i18n/")
# The Django admin has five pages per model, all alike: the administrator's way in, the users
# (list, one person, a new one) and an indicator (list, and its page with tabular inlines) stand
# for them.
ADMIN_PAGES = {
    "index",
    "auth_user_changelist",
    "auth_user_change",
    "auth_user_add",
    "indicators_indicator_changelist",
    "indicators_indicator_change",
}
# Pages worth a second look in another state: the working group reviewing a submitted year.
MORE = [("working_group", f"/reporting/{YEAR}/SEMAR/")]
BLOCKING = ("serious", "critical")
TAB_STOPS = 150
PARAMETER = r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>"

# The bars stuck to the bottom of the window, and the tab stops they hide.
HIDDEN_BY_STICKY_BAR = """async () => {
  // What the person sees: after the page has drawn the frame that follows the key.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const bars = [...document.querySelectorAll('body *')].filter(e => {
    const style = getComputedStyle(e);
    if (!['sticky', 'fixed'].includes(style.position) || style.bottom === 'auto') return false;
    const box = e.getBoundingClientRect();
    return box.height > 0 && box.top < innerHeight && box.bottom >= innerHeight - 1;
  });
  const focused = document.activeElement;
  if (!bars.length || !focused || focused === document.body) return null;
  const box = focused.getBoundingClientRect();
  const under = bars.filter(bar => !bar.contains(focused))
    .some(bar => box.bottom > bar.getBoundingClientRect().top + 1 && box.top < innerHeight);
  return {bars: bars.length, under, what: focused.outerHTML.slice(0, 120)};
}"""

# The innermost elements that reach past the window's right edge: what makes the page scroll.
WIDER_THAN_THE_WINDOW = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
  .filter(e => !e.parentElement.closest('.table-responsive')
    || e.parentElement.closest('.table-responsive').getBoundingClientRect().right > innerWidth + 1)
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > innerWidth + 1))
  .slice(0, 3).map(e => e.outerHTML.slice(0, 100))"""

# The contrast of an element's focus indicator (outline, or a box-shadow ring) against the
# colours next to it: the background around it, and the element's own when the ring touches it.
FOCUS_CONTRAST = """(element) => {
  const rgba = text => {
    const m = text.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]))
    .concat([1]);
  const background = start => {
    const layers = [];
    for (let e = start; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] === 1) break; }
    }
    return layers.reverse().reduce((acc, layer) => over(layer, acc), [255, 255, 255, 1]);
  };
  const luminance = c => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  element.focus();
  // Bootstrap eases its rings in: read the ring as it ends, not as it starts.
  element.getAnimations().forEach(animation => animation.finish());
  const style = getComputedStyle(element);
  const around = background(element.parentElement);
  let ring = null, offset = 0;
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    ring = rgba(style.outlineColor);
    offset = parseFloat(style.outlineOffset);
  } else {
    const shadow = style.boxShadow.match(/rgba?\\([^)]+\\)\\s+0px\\s+0px\\s+0px\\s+([\\d.]+)px/);
    if (shadow && parseFloat(shadow[1]) >= 2) ring = rgba(shadow[0]);
  }
  if (!ring) return {ratio: 0, what: element.outerHTML.slice(0, 120)};
  const colour = over(ring, around);
  const neighbours = [around];
  if (offset <= 0) neighbours.push(background(element));
  const ratio = Math.min(...neighbours.map(n => contrast(colour, n)));
  return {ratio, what: element.outerHTML.slice(0, 120)};
}"""

FOCUSABLE = {
    "field": "main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), main select, "
    "main textarea",
    "checkbox": "main input[type=checkbox], main input[type=radio]",
    "button": "main button, main .btn",
    "link": "main a[href]:not(.btn)",
}


def objects_by_route(world):
    """The objects behind each `<pk>` route, by route name: those of SEDENA and the open year."""
    return {
        "activity-edit": [world.activities["SEDENA"]],
        "activity-delete": [world.activities["SEDENA"]],
        "import-confirm": [world.batch],
        "job": [world.job],
        "withdraw": world.versions[-1:],
        "draft": [world.revision],
        "change-new": [world.revision],
    }


def representative_urls(world):
    """One URL per URL pattern: its parameters filled with the crawl's samples, SEDENA and the
    open year first; every way of filling it, in that order, to try until one is a page."""
    for route, pattern, namespace in walk(get_resolver().url_patterns):
        choices = samples(world, pattern, namespace)
        choices["agency"] = ["SEDENA"]
        choices["pk"] = objects_by_route(world).get(pattern.name, choices["pk"])
        names = [p[1] or p[2] for p in re.findall(PARAMETER, route)]
        urls = []
        for combination in product(*[choices[n] for n in names]):
            url = "/" + route
            for value in combination:
                url = re.sub(r"<(?:\w+:)?\w+>|\(\?P<\w+>[^)]*\)", str(value), url, count=1)
            urls.append(url.replace("^", "").replace("$", "").replace("\\", ""))
        yield route, pattern.name, urls


def pages_to_check(world):
    """(role, URL) for every page: each pattern's first URL that is HTML for a role, for the
    first role that gets it (the open year's pages are a focal point's, not the public's)."""
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role in world.people:
            clients[role].force_login(world.people[role])
    pages, done = [], set()
    for route, name, urls in representative_urls(world):
        for url, role in product(urls[:12], ROLES):
            # By route, not by name: names repeat across apps ("edit", "index").
            if route in done or url.startswith(NOT_PAGES):
                break
            if url.startswith("/admin/") and name not in ADMIN_PAGES:
                break
            response = clients[role].get(url)
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages.append((role, url))
                done.add(route)
    return pages + MORE, clients


def check_page(page, base_url, url, role, how, totals, problems):
    language, size = how
    page.goto(base_url + url)
    page.wait_for_load_state("load")
    if page.locator("#swagger-ui").count():  # the API page draws itself from the schema
        page.locator("#swagger-ui .info").wait_for()
    where = f"{url} ({role}, {language}, {size})"
    if os.environ.get("A11Y_SCREENSHOTS"):
        folder = SCREENSHOTS / "a11y"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{role}-{language}-{size}-{url.strip('/').replace('/', '_') or 'home'}.png"
        page.screenshot(path=str(folder / name), full_page=True)
    # Swagger UI draws the API page's operations (its markup, not ours): the page around it is
    # checked, its inside is left to Swagger UI.
    result = page.evaluate(
        "() => axe.run({exclude: [['#swagger-ui']]}, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " target: v.nodes[0].target.join(' '), help: v.help})))"
    )
    totals["pages"] += 1
    for violation in result:
        totals[violation["impact"]] += 1
        totals[f"{violation['impact']} nodes"] += violation["nodes"]
        totals[f"rule {violation['id']} ({violation['impact']})"] += 1
        totals[f"where {violation['id']}: {url}"] += 1
        if violation["impact"] in BLOCKING:
            problems.append(
                f"{where}: axe {violation['impact']} {violation['id']} ({violation['help']}) "
                f"×{violation['nodes']}, e.g. {violation['target']}"
            )
    wide = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    if wide[0] > wide[1]:
        totals["pages scrolling sideways"] += 1
        culprits = page.evaluate(WIDER_THAN_THE_WINDOW)
        problems.append(
            f"{where}: the page scrolls sideways ({wide[0]} px in {wide[1]} px), e.g. {culprits}"
        )
    # A table wider than its box says so above it, and its box takes the focus to scroll by keys.
    unmarked = page.evaluate(
        "() => [...document.querySelectorAll('.table-responsive')]"
        ".filter(box => box.scrollWidth > box.clientWidth + 1)"
        ".filter(box => !box.previousElementSibling?.matches('.scroll-hint.is-shown')"
        " || box.tabIndex !== 0).length"
    )
    totals["wide tables without a hint"] += unmarked
    if unmarked:
        problems.append(f"{where}: {unmarked} wide tables without a hint or keyboard access")
    check_focus_rings(page, where, totals, problems)
    if page.evaluate("() => !!document.querySelector('.sticky-bottom, .fixed-bottom')"):
        check_tab_stops(page, where, totals, problems)


def check_focus_rings(page, where, totals, problems):
    page.keyboard.press("Shift")  # the last input was the keyboard: :focus-visible applies
    for kind, selector in FOCUSABLE.items():
        element = page.locator(selector).locator("visible=true").first
        if not element.count():
            continue
        ring = element.evaluate(FOCUS_CONTRAST)
        totals["focus rings checked"] += 1
        if ring["ratio"] < 3:
            totals["focus rings under 3:1"] += 1
            problems.append(
                f"{where}: the focused {kind} has a ring of {ring['ratio']:.1f}:1, {ring['what']}"
            )


def check_tab_stops(page, where, totals, problems):
    """Open every fold, then tab from the top: no stop may sit under the bar."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    # Instant: Bootstrap makes scrolling smooth, and a scroll still running would fight the
    # page's own scrolling of the first tab stops.
    page.evaluate(
        "() => { window.scrollTo({top: 0, behavior: 'instant'}); document.activeElement.blur(); }"
    )
    hidden = 0
    for _stop in range(TAB_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(HIDDEN_BY_STICKY_BAR)
        if state is None:
            continue
        totals["tab stops by a sticky bar"] += 1
        if state["under"]:
            hidden += 1
            first = state["what"]
    if hidden:
        totals["tab stops hidden by a sticky bar"] += hidden
        problems.append(f"{where}: {hidden} of {TAB_STOPS} tab stops under the bar, e.g. {first}")


def session_cookies(client, base_url):
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return [{"name": cookie.key, "value": cookie.value, "url": base_url}] if cookie else []


def print_summary(size, totals, seconds, capsys):
    impacts = {i: totals[i] for i in ("critical", "serious", "moderate", "minor")}
    nodes = {i: totals[f"{i} nodes"] for i in impacts}
    rules = sorted((k for k in totals if k.startswith("rule ")), key=lambda k: -totals[k])
    with capsys.disabled():
        print(
            f"\naxe, {size}: {totals['pages']} page views checked in {seconds:.0f} s; violations "
            f"by impact (page × rule): {impacts}; elements: {nodes}"
        )
        print(
            f"sideways scroll: {totals['pages scrolling sideways']} page views; focus rings "
            f"under 3:1: {totals['focus rings under 3:1']} of {totals['focus rings checked']}; "
            f"tab stops under a sticky bar: {totals['tab stops hidden by a sticky bar']} of "
            f"{totals['tab stops by a sticky bar']}; wide tables without a hint: "
            f"{totals['wide tables without a hint']}"
        )
        for rule in rules:
            rule_id = rule.split()[1]
            where = sorted(k.split(": ", 1)[1] for k in totals if k.startswith(f"where {rule_id}:"))
            print(f"  {rule}: {totals[rule]} page views: {', '.join(where)}")


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_page_is_accessible_in_both_languages(
    size, browser, live_server, plan_loaded, capsys
):
    assert AXE.exists(), f"{AXE} is missing: run `npm ci --ignore-scripts` at the repository root"
    started = time.monotonic()
    world = build_world()
    pages, clients = pages_to_check(world)
    with capsys.disabled():
        print(f"\n{len(pages)} pages: {' '.join(f'{url} ({role})' for role, url in pages)}")
    # The pages that must be there: a change of the URL conf cannot silently empty the list.
    urls = {url for _role, url in pages}
    for expected in (
        "/",
        "/accounts/login/",
        "/accounts/password_change/",
        "/plan/",
        "/dashboards/",
        f"/reporting/{YEAR}/SEDENA/edit/",
        f"/reporting/{YEAR}/SEDENA/activities/",
        f"/reporting/{YEAR}/SEDENA/import/",
        f"/reporting/{YEAR}/SEDENA/history/",
        f"/reporting/{YEAR}/SEDENA/activities/{world.activities['SEDENA']}/",
        f"/reports/jobs/{world.job}/",
        f"/plan/revisions/{world.revision}/",
        "/reports/",
        f"/reports/preview/{YEAR}/",
        "/plan-imports/",
        "/notifications/",
        "/admin/auth/user/",
    ):
        assert expected in urls, f"{expected} is not among the pages checked: {sorted(urls)}"
    if os.environ.get("A11Y_ONLY"):  # while fixing a page: A11Y_ONLY=<regular expression>
        pages = [(role, url) for role, url in pages if re.search(os.environ["A11Y_ONLY"], url)]
    totals, problems = Counter(), []
    for language, role in product(LANGUAGES, ROLES):
        context = browser.new_context(viewport=VIEWPORTS[size], locale="en-US")
        context.set_default_timeout(20_000)
        context.add_init_script(path=str(AXE))  # before the page's scripts, whatever its CSP
        context.add_cookies(
            session_cookies(clients[role], live_server.url)
            + [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        for page_role, url in pages:
            if page_role == role:
                check_page(page, live_server.url, url, role, (language, size), totals, problems)
        context.close()
    print_summary(size, totals, time.monotonic() - started, capsys)
    assert totals["pages"] == len(pages) * len(LANGUAGES)
    assert totals["focus rings checked"] > totals["pages"]
    if any(url.endswith("/edit/") for _role, url in pages):  # the yearly form's save bar found
        assert totals["tab stops by a sticky bar"] > 0
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(problems))
