"""Built guide pages in a real headless Chromium at a 390×844 phone viewport.

One browser session for every check (start-up is the slow part): no sideways scrolling, every
image loads, every link resolves, no text under 16 px, no script and nothing fetched from outside.
A screenshot of one guide page is kept under test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import zxingcpp
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from guides.model import Catalog, TerminalManifest
from guides.qr import guide_url
from guides.site import BuildOptions, build_site
from guides.sources import Sources, load_catalog, load_sources
from guides.stickers import write_stickers

REPO = Path(__file__).resolve().parents[3]
ARTIFACTS = REPO / "test-artifacts" / "guides"
CATALOG = REPO / "tests" / "unit" / "guides" / "fixtures" / "catalog.json"
BASE_URL = "https://zwfw.example.gov.cn/guide"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
HOSTILE = "<script>window.pwned=1</script><img src=x onerror='window.pwned=2'>"

_SMALL_TEXT_JS = """
const bad = [];
for (const el of document.body.querySelectorAll('*')) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (size < 16) bad.push(el.tagName + ' ' + size + 'px: ' + el.textContent.trim().slice(0, 30));
}
return bad;
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sources: Sources = load_sources(REPO / "config" / "guides")
    catalog: Catalog = load_catalog(CATALOG)
    by_id = {t.id: t for t in sources.terminals}
    evil = TerminalManifest(id="EVIL-1", name=HOSTILE, location=HOSTILE, profile="kiosk-24h")
    root = tmp_path_factory.mktemp("guides")
    shots = root / "shots"
    (shots / "checkin").mkdir(parents=True)
    Image.new("RGB", (1080, 1920), (21, 101, 192)).save(shots / "checkin" / "start.png")
    out = root / "site"
    build_site(
        sources,
        [by_id["HALL-001"], by_id["HALL-033"], evil],
        catalog,
        BuildOptions(out=out, base_url=BASE_URL, shots_dir=shots, shot_cache=root / "cache"),
    )
    write_stickers([("HALL-001", by_id["HALL-001"].name)], BASE_URL, out / "stickers")
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(flag)
    driver = webdriver.Chrome(options=opts, service=Service("/usr/bin/chromedriver"))
    try:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        yield driver
    finally:
        driver.quit()


def _pages(site: Path) -> list[Path]:
    """The hall index and every page of a 24 h kiosk, a desk and the hostile terminal."""
    pages = [site / "index.html"]
    for tid in ("HALL-001", "HALL-033", "EVIL-1"):
        pages += sorted((site / tid).glob("*.html"))
    return pages


def _load_all_images(driver: webdriver.Chrome) -> list[str]:
    # Lazy images load when scrolled to, as on a phone; then every one must have decoded.
    driver.execute_script("for (const i of document.images) i.scrollIntoView();")
    WebDriverWait(driver, 10).until(
        lambda d: d.execute_script("return [...document.images].every(i => i.complete)")
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
        problems += [f"{name}: small text {t}" for t in browser.execute_script(_SMALL_TEXT_JS)]
        problems += [f"{name}: image not loaded {s}" for s in _load_all_images(browser)]
        links = browser.execute_script("return [...document.links].map(a => a.href)")
        for href in links:
            parts = urlsplit(href)
            if parts.scheme != "file" or not Path(unquote(parts.path)).is_file():
                problems.append(f"{name}: link does not resolve {href}")
        fetched = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        problems += [f"{name}: external resource {u}" for u in fetched if not u.startswith("file:")]
        if browser.execute_script("return document.scripts.length + (window.pwned || 0)"):
            problems.append(f"{name}: a script is present or ran")
    assert not problems, "\n".join(problems)


def test_hostile_terminal_name_shows_as_text(site: Path, browser: webdriver.Chrome) -> None:
    browser.get((site / "EVIL-1" / "index.html").as_uri())
    assert browser.execute_script("return document.querySelector('h1').textContent") == HOSTILE
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
