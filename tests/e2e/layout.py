"""Checks the browser journeys make beyond axe: page width, target size, visible focus, tab order."""

import re
from urllib.parse import urlparse

WIDTHS = (1280, 375)
# Links a crawl does not follow: files, feeds, signing out, the admin, raw email HTML.
NOT_PAGES = re.compile(
    r"logout|export|\.csv$|\.ics$|\.pdf$|/pdf/$|download|/cv/|/admin/|/feed/|/static/|\.html$|/html/$|/mark/"
)
# One page of each shape: /reviews/applications/12/ stands for every application.
SHAPE = re.compile(r"/\d+(?=/)")

WIDER_THAN_WINDOW = """() => {
  const offenders = [];
  if (document.documentElement.scrollWidth > window.innerWidth) {
    for (const el of document.querySelectorAll("body *")) {
      const box = el.getBoundingClientRect();
      if (box.right <= window.innerWidth + 1 || !box.width) continue;
      const classes = typeof el.className === "string" ? el.className.trim().split(/\\s+/).join(".") : "";
      offenders.push(`${el.tagName.toLowerCase()}.${classes} ${Math.round(box.right)}`);
    }
  }
  return [document.documentElement.scrollWidth, window.innerWidth, offenders.slice(-3)];
}"""

SMALL_TARGETS = """() => {
  const selector = "button, .btn, input:not([type=hidden]), select, textarea, .nav-link, .page-link, "
    + ".form-check-input, [role=button], summary, .navbar-toggler";
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (el.closest(".visually-hidden, [hidden]") || (box.width >= 24 && box.height >= 24)) continue;
    const name = (el.textContent || el.name || "").trim().slice(0, 30);
    small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const all = Array.from(document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]"));
  return {
    name: el.tagName.toLowerCase() + " " + (el.textContent || el.name || "").trim().slice(0, 40),
    index: all.indexOf(el),
    visible: outline || shadow,
    onScreen: box.bottom > 0 && box.top < window.innerHeight && box.width > 0,
    tabindex: el.tabIndex,
  };
}"""

ON_SCREEN = """() => {
  const box = document.activeElement.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}"""


def page_shape(path):
    return SHAPE.sub("/N", path)


def links_on(page):
    paths = []
    for href in page.eval_on_selector_all(
        "main a[href], header a[href]", "els => els.map(e => e.getAttribute('href'))"
    ):
        parsed = urlparse(href)
        if parsed.netloc or not parsed.path.startswith("/") or NOT_PAGES.search(parsed.path):
            continue
        paths.append(parsed.path)
    return paths


def layout_problems_of_pages(page, starts, limit):
    """The start pages and the pages they link to, one of each shape in order found (at most
    `limit`), each visited once at each width: every page wider than the window (with the elements
    that stick out), and on the start pages every target smaller than 24 x 24 px. The visit to a
    start page at the first width is also the one that finds its links. Returns (paths, problems);
    leaves the window at the last width."""
    first, *others = WIDTHS
    page.set_viewport_size({"width": first, "height": 900})
    found, shapes, problems = [], set(), []
    for path in starts:
        response = page.goto(path)
        assert response.ok, f"{path}: {response.status}"
        for candidate in [path, *links_on(page)]:
            if page_shape(candidate) not in shapes and len(found) < limit:
                shapes.add(page_shape(candidate))
                found.append(candidate)
        if path in found:
            problems += _problems_here(page, response, path, first, targets=True)
    for path in found:
        if path not in starts:
            problems += _problems_here(page, page.goto(path), path, first, targets=False)
    for width in others:
        page.set_viewport_size({"width": width, "height": 900})
        for path in found:
            problems += _problems_here(page, page.goto(path), path, width, targets=path in starts)
    return found, problems


def _problems_here(page, response, path, width, targets):
    if not response.ok or "text/html" not in response.headers.get("content-type", ""):
        return []
    problems = []
    scroll_width, inner, offenders = page.evaluate(WIDER_THAN_WINDOW)
    if scroll_width > inner:
        problems.append(f"{path} at {width}px is {scroll_width}px wide: {offenders}")
    if targets:
        problems += [f"{path} at {width}px: {target}" for target in page.evaluate(SMALL_TARGETS)]
    return problems


def tab_through(page, presses=120):
    """Press Tab until focus leaves the page's last element; return each focus stop. Fails on a
    stop with no visible focus indicator, off screen, out of document order, or a trap."""
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            return stops
        assert focused["visible"], f"{page.url}: no visible focus on {focused['name']}"
        if not focused["onScreen"]:  # the page may still be scrolling to it (smooth scrolling)
            page.wait_for_function(ON_SCREEN, timeout=3000)
            focused = page.evaluate(FOCUSED)
        assert focused["onScreen"], f"{page.url}: focus on {focused['name']} is off screen"
        assert focused["tabindex"] <= 0, f"{page.url}: positive tabindex on {focused['name']}"
        if stops and focused["index"] <= stops[-1]["index"]:
            raise AssertionError(f"{page.url}: focus went back from {stops[-1]['name']} to {focused['name']}")
        stops.append(focused)
    raise AssertionError(f"{page.url}: focus never left the page after {presses} Tabs (a trap?): {stops[-3:]}")
