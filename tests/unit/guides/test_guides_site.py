"""Building the static site: layout, escaping, links, screenshots vs illustrations, safe output."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from guides.model import TerminalManifest
from guides.shots import Button, ScreenShot, load_screen_set, write_manifest
from guides.site import MARKER, BuildOptions, build_site
from guides.sources import SourceError

BASE_URL = "https://zwfw.example.gov.cn/guide"
HOSTILE = "\"><script>alert('name')</script><img src=x onerror=alert(1)>"


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append(value)


def _refs(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _terminals(sources, *ids: str) -> list[TerminalManifest]:
    by_id = {t.id: t for t in sources.terminals}
    return [by_id[i] for i in ids]


def _build(sources, catalog, out: Path, terminals, shots: Path | None = None, cache=None):
    screens = load_screen_set(shots) if shots else None
    return build_site(
        sources,
        terminals,
        catalog,
        BuildOptions(out=out, base_url=BASE_URL, screens=screens, shot_cache=cache),
    )


def test_site_has_a_folder_per_terminal_with_its_capabilities(sources, catalog, tmp_path) -> None:
    out = tmp_path / "site"
    report = _build(sources, catalog, out, _terminals(sources, "HALL-001", "HALL-033", "HALL-050"))
    assert report.terminals == ["HALL-001", "HALL-033", "HALL-050"]
    assert (out / "index.html").is_file()
    kiosk = (out / "HALL-001" / "index.html").read_text(encoding="utf-8")
    for cap in ("checkin", "ticket", "catalog", "certfree", "hotline", "rating", "guide"):
        assert (out / "HALL-001" / f"{cap}.html").is_file()
        assert f'href="{cap}.html"' in kiosk
    assert not (out / "HALL-001" / "capture.html").exists()  # not offered by a 24h kiosk
    assert (out / "HALL-033" / "desk.html").is_file()
    assert "触摸屏" in kiosk  # its device list
    assert f"{BASE_URL}/HALL-001/" in kiosk
    # services first, the terminal's details below them
    assert kiosk.index("预约办") < kiosk.index("终端编号") < kiosk.index("HALL-001</dd>")
    # each page in Chinese, its English twin behind the "English" link at the top
    checkin = (out / "HALL-001" / "checkin.html").read_text(encoding="utf-8")
    english = (out / "HALL-001" / "checkin.en.html").read_text(encoding="utf-8")
    assert "在首页点击" in checkin and "On the home screen" not in checkin
    assert "On the home screen" in english and "在首页点击" not in english
    assert '<html lang="zh-CN">' in checkin and '<html lang="en">' in english
    assert '<a class="lang" href="checkin.en.html" hreflang="en" lang="en">English</a>' in checkin
    assert 'href="checkin.html" hreflang="zh-CN" lang="zh-CN">中文</a>' in english
    assert "Touch screen" in (out / "HALL-001" / "index.en.html").read_text("utf-8")
    # a rating pad offers no services list; a kiosk lists the catalog's items by category
    assert not (out / "HALL-050" / "items.html").exists()
    items = (out / "HALL-001" / "items.html").read_text(encoding="utf-8")
    assert "户籍办理" in items and "不动产登记" in items


def test_every_link_and_image_resolves_and_nothing_is_external(sources, catalog, tmp_path) -> None:
    out = tmp_path / "site"
    _build(sources, catalog, out, _terminals(sources, "HALL-001", "HALL-021", "HALL-033"))
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        parsed = _refs(page)
        assert "script" not in parsed.tags, page
        assert "<style>" in page.read_text("utf-8")  # CSS inline: one request per page
        for ref in parsed.refs:
            parts = urlsplit(ref)
            if parts.scheme == "tel":  # the help line: a tap calls the hall
                assert re.fullmatch(r"tel:\+?\d{6,}", ref), f"{page}: {ref}"
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: external {ref}"
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page}: broken link {ref}"
            assert out.resolve() in target.parents


def test_hostile_names_are_escaped_everywhere(sources, catalog, tmp_path) -> None:
    evil = TerminalManifest(
        id="EVIL-1", name=HOSTILE, location=HOSTILE, model=HOSTILE, profile="kiosk-24h"
    )
    out = tmp_path / "site"
    _build(sources, catalog, out, [evil])
    for page in out.rglob("*.html"):
        parsed = _refs(page)  # what a browser would see as markup
        assert "script" not in parsed.tags, page
        assert "x" not in parsed.refs, page
        assert not parsed.handlers, page
    pages = list(out.rglob("items-*.html"))
    listed = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "&lt;script&gt;alert(&#39;item&#39;)&lt;/script&gt;" in listed
    assert "&lt;b&gt;bold&lt;/b&gt;" in listed
    assert "&#34;&gt;&lt;script&gt;" in (out / "EVIL-1" / "index.html").read_text("utf-8")


def test_steps_show_the_app_screen_in_the_page_language_else_a_drawing(
    sources, catalog, tmp_path
) -> None:
    shots = tmp_path / "shots"
    shots.mkdir()
    for lang, colour in (("zh", (30, 90, 200)), ("en", (200, 90, 30))):
        Image.new("RGB", (1280, 800), colour).save(shots / f"home.{lang}.png")
    (shots / "checkin-enter.zh.png").write_bytes(b"not a png at all")
    tile = Button("预约办 扫预约码签到", (20, 90, 160, 110))
    write_manifest(
        shots,
        {
            ("home", "zh"): ScreenShot(shots / "home.zh.png", "请选择您要办理的业务", (tile,)),
            ("home", "en"): ScreenShot(shots / "home.en.png", "What would you like to do?"),
            ("checkin-enter", "zh"): ScreenShot(shots / "checkin-enter.zh.png", "预约办"),
        },
        "0.1.0",
        "test",
    )
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    report = _build(sources, catalog, out, _terminals(sources, "HALL-013"), shots, cache)
    assert any("checkin-enter.zh.png" in w and "illustration used" in w for w in report.warnings)
    assert "checkin-enter.en" in report.missing_screens
    zh = (out / "HALL-013" / "checkin.html").read_text(encoding="utf-8")
    en = (out / "HALL-013" / "checkin.en.html").read_text(encoding="utf-8")
    zh_srcs = re.findall(r'src="\.\./assets/([^"]+)"', zh)
    en_srcs = re.findall(r'src="\.\./assets/([^"]+)"', en)
    assert zh_srcs[0].endswith(".jpg") and all(s.endswith(".svg") for s in zh_srcs[1:])
    assert en_srcs[0].endswith(".jpg") and en_srcs[0] != zh_srcs[0]  # its own language
    with Image.open(out / "assets" / zh_srcs[0]) as img:
        assert img.size == (640, 400)  # scaled for a phone, aspect kept
        assert img.convert("RGB").getpixel((4, 70))[0] > 200  # the tile is framed in orange
    assert 'width="640" height="400"' in zh  # sized, so the page does not jump
    # alt texts describe the picture; they do not repeat the step's words
    alts = re.findall(r'<img class="(?:screen|drawing)"[^>]* alt="([^"]+)"', zh)
    assert (
        alts[0] == "终端屏幕截图：“请选择您要办理的业务”页面，橙色框标出“预约办 扫预约码签到”按钮。"
    )
    assert alts[1].startswith("示意图：") and "在首页点击" not in "".join(alts)
    # the drawing is in the page's language, its button labelled
    svg = (out / "assets" / zh_srcs[1]).read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "扫码窗口" in svg and "Scanner" not in svg
    # the prepared screenshot is cached by content: a rebuild reuses it untouched
    cached = sorted(cache.glob("*.jpg"))
    assert len(cached) >= 2  # one per screen and frame
    stamps = [p.stat().st_mtime_ns for p in cached]
    _build(sources, catalog, out, _terminals(sources, "HALL-013"), shots, cache)
    assert [p.stat().st_mtime_ns for p in sorted(cache.glob("*.jpg"))] == stamps


def test_refuses_to_replace_a_folder_it_did_not_build(sources, catalog, tmp_path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.txt").write_text("do not lose me", encoding="utf-8")
    with pytest.raises(SourceError, match="not made by the guide build"):
        _build(sources, catalog, out, _terminals(sources, "HALL-001"))
    assert (out / "thesis.txt").read_text(encoding="utf-8") == "do not lose me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious"]  # no staging left over


def test_rebuild_replaces_the_previous_build_whole(sources, catalog, tmp_path) -> None:
    out = tmp_path / "site"
    _build(sources, catalog, out, _terminals(sources, "HALL-001", "HALL-002"))
    assert (out / MARKER).is_file()
    _build(sources, catalog, out, _terminals(sources, "HALL-002"))
    assert not (out / "HALL-001").exists()
    assert (out / "HALL-002" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_unknown_items_and_categories_warn_and_build_goes_on(sources, catalog, tmp_path) -> None:
    term = TerminalManifest(
        id="T-1",
        name="t",
        profile="ticket-machine",
        items=["T003", "NOPE"],
        item_categories=["户籍办理", "星际旅行"],
    )
    report = _build(sources, catalog, tmp_path / "site", [term])
    assert any("'NOPE'" in w for w in report.warnings)
    assert any("'星际旅行'" in w for w in report.warnings)
    items = (tmp_path / "site" / "T-1" / "items.html").read_text(encoding="utf-8")
    assert "共 3 项" in items


def test_manifest_with_unknown_capability_is_refused_before_writing(
    sources, catalog, tmp_path
) -> None:
    term = TerminalManifest(id="T-2", name="t", capabilities=["teleport"])
    with pytest.raises(SourceError, match="unknown capability 'teleport'"):
        _build(sources, catalog, tmp_path / "site", [term])
    assert not (tmp_path / "site").exists()


def test_builds_without_a_catalog(sources, tmp_path) -> None:
    report = _build(sources, None, tmp_path / "site", _terminals(sources, "HALL-001"))
    assert report.pages == 26  # (index + 11 capabilities + hall index) in Chinese and English
    assert not (tmp_path / "site" / "HALL-001" / "items.html").exists()
