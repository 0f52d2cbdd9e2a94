"""Built guide pages in a real headless Chromium at a 390×844 phone viewport, read as an elderly
citizen would.

One browser session for every check (start-up is the slow part): no sideways scrolling, every
image loads, every link resolves, no script and nothing fetched from outside; measured on the
rendered pages: body text ≥ 18 px and steps ≥ 20 px, headings in proportion, line height ≥ 1.5,
every link and button ≥ 48 px, the service cards filling most of the first screen; axe-core
(vendored in axe/) over every page type with no violation. Screenshots of the pages are kept
under test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import zxingcpp
from PIL import Image
from selenium import webdriver
from selenium.webdriver.support.ui import WebDriverWait

from guides.model import Catalog, TerminalManifest
from guides.qr import guide_url
from guides.shots import Button, ScreenShot, load_screen_set, write_manifest
from guides.site import BuildOptions, build_site
from guides.sources import Sources, load_catalog, load_sources
from guides.stickers import write_stickers
from tests.chromium import chromium

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = REPO / "test-artifacts" / "guides"
CATALOG = REPO / "config" / "catalog" / "catalog.json"  # the real one: paged categories
BASE_URL = "https://zwfw.example.gov.cn/guide"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
HOSTILE = "<script>window.pwned=1</script><img src=x onerror='window.pwned=2'>"
AXE = Path(__file__).parent / "axe" / "axe.min.js"
# The targets (GB/T 37668-2019, the MIIT 适老化 rules, WCAG 2.5.5 for targets)
BODY_PX, STEP_PX, LINE_HEIGHT, TARGET_PX, CARDS_SHARE = 18, 20, 1.5, 48, 0.55

# What the page looks like to a reader, measured on the rendered page.
_MEASURE_JS = (
    f"const BODY_PX = {BODY_PX}, LINE_HEIGHT = {LINE_HEIGHT};\n"
    + """
const px = v => parseFloat(v);
const out = {body: px(getComputedStyle(document.body).fontSize), small: [], tight: [],
             targets: [], steps: [], h1: 0, h2: 0, emptyP: 0, cardsShare: 0};
for (const el of document.body.querySelectorAll('*')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const cs = getComputedStyle(el);
  const size = px(cs.fontSize);
  const what = el.tagName + '.' + el.className + ' ' + el.textContent.trim().slice(0, 24);
  if (size < BODY_PX) out.small.push(size + 'px ' + what);
  const lh = cs.lineHeight === 'normal' ? 1.2 * size : px(cs.lineHeight);
  if (/^(P|LI|DD|DT|SPAN|SUMMARY)$/.test(el.tagName) && lh / size < LINE_HEIGHT - 1e-6)
    out.tight.push((lh / size).toFixed(2) + ' ' + what);
}
for (const el of document.querySelectorAll('a[href], summary, button')) {
  const r = el.getBoundingClientRect();
  out.targets.push([Math.round(r.height * 10) / 10, Math.round(r.width * 10) / 10,
                    el.tagName + ' ' + el.textContent.trim().slice(0, 24)]);
}
for (const el of document.querySelectorAll('.step-text'))
  out.steps.push(px(getComputedStyle(el).fontSize));
const h1 = document.querySelector('h1'), h2 = document.querySelector('main h2, h2');
out.h1 = h1 ? px(getComputedStyle(h1).fontSize) : 0;
out.h2 = h2 ? px(getComputedStyle(h2).fontSize) : 0;
out.emptyP = [...document.querySelectorAll('p')].filter(p => !p.textContent.trim()).length;
let area = 0;
for (const a of document.querySelectorAll('ul.services a')) {
  const r = a.getBoundingClientRect();
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  area += w * h;
}
out.cardsShare = area / (innerWidth * innerHeight);
return out;
"""
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources: Sources = load_sources(REPO / "config" / "guides")
    catalog: Catalog = load_catalog(CATALOG)
    by_id = {t.id: t for t in sources.terminals}
    evil = TerminalManifest(id="EVIL-1", name=HOSTILE, location=HOSTILE, profile="kiosk-24h")
    root = tmp_path_factory.mktemp("guides")
    shots = root / "shots"
    shots.mkdir()
    made = {}
    for lang in ("zh", "en"):  # a kiosk-sized screen with a tile to frame
        path = shots / f"home.{lang}.png"
        Image.new("RGB", (1280, 800), (21, 101, 192)).save(path)
        made["home", lang] = ScreenShot(path, "首页", (Button("预约办", (20, 90, 160, 110)),))
    write_manifest(shots, made, "test", "test")
    out = root / "site"
    build_site(
        sources,
        [by_id["HALL-001"], by_id["HALL-033"], evil],
        catalog,
        BuildOptions(
            out=out,
            base_url=BASE_URL,
            screens=load_screen_set(shots),
            shot_cache=root / "cache",
        ),
    )
    write_stickers([("HALL-001", by_id["HALL-001"].name)], BASE_URL, out / "stickers")
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with chromium(profile, "--disable-quic", "--disable-sync", "--hide-scrollbars") as driver:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        yield driver


def _pages(site: Path) -> list[Path]:
    """The hall index and every page of a 24 h kiosk, a desk and the hostile terminal."""
    pages = [site / "index.html"]
    for tid in ("HALL-001", "HALL-033", "EVIL-1"):
        pages += sorted((site / tid).glob("*.html"))
    return pages


def _load_all_images(driver: webdriver.Chrome) -> list[str]:
    # Lazy images load when scrolled to, as on a phone: each in turn is brought into view and
    # given time to load (scrolling past them all at once leaves those far above the last one
    # never requested); then every one must have decoded.
    count = driver.execute_script("return document.images.length")
    for i in range(count):
        driver.execute_script("document.images[arguments[0]].scrollIntoView();", i)
        WebDriverWait(driver, 10).until(
            lambda d, i=i: d.execute_script("return document.images[arguments[0]].complete", i)
        )
    return driver.execute_script(
        "return [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src)"
    )


def test_pages_are_readable_on_a_phone(site: Path, browser: webdriver.Chrome) -> None:
    problems: list[str] = []
    pages = _pages(site)
    assert len(pages) > 20
    for page in pages:
        browser.get(page.as_uri())
        name = page.relative_to(site).as_posix()
        # On a mobile viewport, content that overflows widens the layout viewport itself.
        width = browser.execute_script(
            "return Math.max(document.documentElement.scrollWidth, window.innerWidth)"
        )
        if width > PHONE["width"]:
            problems.append(f"{name}: {width} px wide on a {PHONE['width']} px phone")
        problems += [f"{name}: image not loaded {s}" for s in _load_all_images(browser)]
        links = browser.execute_script("return [...document.links].map(a => a.href)")
        for href in links:
            parts = urlsplit(href)
            if parts.scheme == "tel":  # the help line on every page
                continue
            if parts.scheme != "file" or not Path(unquote(parts.path)).is_file():
                problems.append(f"{name}: link does not resolve {href}")
        fetched = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        problems += [f"{name}: external resource {u}" for u in fetched if not u.startswith("file:")]
        if browser.execute_script("return document.scripts.length + (window.pwned || 0)"):
            problems.append(f"{name}: a script is present or ran")
    assert not problems, "\n".join(problems)


def _page_types(site: Path) -> dict[str, Path]:
    """One page of each kind, in each language."""
    kinds = {
        "hall": site / "index.html",
        "terminal": site / "HALL-001" / "index.html",
        "capability": site / "HALL-001" / "checkin.html",
        "capability-desk": site / "HALL-033" / "capture.html",
        "items": site / "HALL-001" / "items.html",
        "category": site / "HALL-001" / "items-001.html",
        "category-paged": sorted((site / "HALL-001").glob("items-*-2.html"))[0],
    }
    pages = {}
    for kind, page in kinds.items():
        pages[f"{kind} zh"] = page
        pages[f"{kind} en"] = page.with_name(page.name.replace(".html", ".en.html"))
    return pages


def test_pages_meet_the_elderly_reader_targets(site: Path, browser: webdriver.Chrome) -> None:
    """Measured on the rendered pages: text size, line height, tap targets, headings, cards."""
    problems: list[str] = []
    smallest: tuple[float, str] = (1e9, "")
    for kind, page in _page_types(site).items():
        browser.get(page.as_uri())
        m = browser.execute_script(_MEASURE_JS)
        if m["body"] < BODY_PX:
            problems.append(f"{kind}: body text {m['body']} px")
        problems += [f"{kind}: text under {BODY_PX} px: {t}" for t in m["small"]]
        problems += [f"{kind}: line height under {LINE_HEIGHT}: {t}" for t in m["tight"]]
        problems += [f"{kind}: step text {s} px" for s in m["steps"] if s < STEP_PX]
        if kind.startswith("capability") and not m["steps"]:
            problems.append(f"{kind}: no steps measured")
        for height, width, what in m["targets"]:
            smallest = min(smallest, (min(height, width), f"{kind}: {what}"))
            if height < TARGET_PX or width < TARGET_PX:
                problems.append(f"{kind}: tap target {width}×{height} px: {what}")
        if not (m["h1"] >= 1.5 * m["body"] and 1.2 * m["body"] <= m["h2"] < m["h1"]):
            problems.append(f"{kind}: headings out of proportion h1 {m['h1']} h2 {m['h2']}")
        if m["emptyP"]:
            problems.append(f"{kind}: {m['emptyP']} empty <p>")
        if kind.startswith("terminal") and m["cardsShare"] < CARDS_SHARE:
            problems.append(f"{kind}: service cards take {m['cardsShare']:.0%} of the first screen")
        if kind == "terminal zh":
            print(
                f"service cards: {m['cardsShare']:.0%} of the first screen; smallest target "
                f"{smallest[0]} px ({smallest[1]})"
            )
    assert not problems, "\n".join(problems)


def test_axe_finds_no_violation_on_any_page_type(site: Path, browser: webdriver.Chrome) -> None:
    source = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    browser.set_script_timeout(60)
    for kind, page in _page_types(site).items():
        browser.get(page.as_uri())
        browser.execute_script(source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.length,"
            " v.nodes.slice(0, 2).map(n => n.target.join(' '))])))"
            ".catch(e => done([['axe-error', String(e), 0, []]]));"
        )
        found += [
            f"{kind}: {rule} ({impact}, {n} nodes) {where}" for rule, impact, n, where in result
        ]
    assert not found, "\n".join(found)


def test_markup_for_people_who_cannot_see_the_pictures(site: Path) -> None:
    """Alt texts describe the picture (not the step's words again), the QR's alt is no URL, every
    page has a description and an icon, and the two navigations of a page are told apart."""
    for page in [*_page_types(site).values(), site / "HALL-001" / "ticket.en.html"]:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<meta name="description" content="[^"]{10,}">', html), page
        assert 'rel="icon" href="../assets/favicon.svg"' in html or page.parent == site, page
        labels = re.findall(r'<nav [^>]*aria-label="([^"]+)"', html)
        assert len(labels) == len(set(labels)) == html.count("<nav"), page
        steps = re.findall(r'<p class="step-text">([^<]+)</p>', html)
        for alt in re.findall(r'<img [^>]*alt="([^"]*)"', html):
            assert alt and alt not in steps and "http" not in alt, (page, alt)
    assert (site / "assets" / "favicon.svg").read_text("utf-8").startswith("<svg")


def test_keep_screenshots_of_the_page_types(site: Path, browser: webdriver.Chrome) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for kind, page in _page_types(site).items():
        browser.get(page.as_uri())
        _load_all_images(browser)
        browser.execute_script("window.scrollTo(0, 0)")
        assert browser.save_screenshot(str(ARTIFACTS / f"{kind.replace(' ', '-')}-390x844.png"))


def test_hostile_terminal_name_shows_as_text(site: Path, browser: webdriver.Chrome) -> None:
    browser.get((site / "EVIL-1" / "index.html").as_uri())
    assert browser.execute_script("return document.querySelector('.sub').textContent") == HOSTILE
    assert browser.execute_script("return window.pwned === undefined")


def test_keep_a_screenshot_of_a_guide_page(site: Path, browser: webdriver.Chrome) -> None:
    browser.get((site / "HALL-001" / "ticket.html").as_uri())
    assert not _load_all_images(browser)
    browser.execute_script("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "HALL-001-ticket-390x844.png"
    assert browser.save_screenshot(str(shot))
    with Image.open(shot) as img:
        assert img.size == (390 * 2, 844 * 2)


def test_sticker_svg_renders_to_a_decodable_qr(site: Path, browser: webdriver.Chrome) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 794, "height": 1123, "deviceScaleFactor": 2, "mobile": False},
    )
    try:
        browser.get((site / "stickers" / "stickers-1.svg").as_uri())
        png = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    finally:
        browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    with Image.open(io.BytesIO(base64.b64decode(png))) as img:
        texts = [b.text for b in zxingcpp.read_barcodes(img)]
    assert texts == [guide_url(BASE_URL, "HALL-001")]
