"""Guide build for the 55-terminal sample hall with the full catalog and the app's real screens.

Prints one JSON object per figure and line. The app's screens are taken first, as `kiosk guide
build` does when it finds none (`kiosk guide capture`: the walkthrough offscreen on the
simulators, each screen a guide names in Chinese and English); that takes once per UI version
and is its own figure. The build is then timed twice in the same run: cold (the prepared-screen
cache empty, every screen framed, scaled and encoded) is the baseline for the warm build (the
screens prepared), which is the figure with the ≤ 10 s target; both include the screens. The
heaviest page is measured with the images it shows (target ≤ 300 KB).

Simulated: nothing in the build; the screens are the real app's on simulated devices. Should the
capture fail (no Qt platform), screens drawn here stand in and the output says so. The catalog
is the repo's config/catalog/catalog.json when present, else a generated one of 1,900 items.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guides.model import Catalog  # noqa: E402
from guides.shots import load_screen_set  # noqa: E402
from guides.site import BuildOptions, build_site  # noqa: E402
from guides.sources import load_catalog, load_sources  # noqa: E402
from guides.stickers import find_font, write_stickers  # noqa: E402

BASE_URL = "https://zwfw.example.gov.cn/guide"


def emit(name: str, value: float, unit: str, baseline: float | None = None) -> None:
    ratio = round(value / baseline, 3) if baseline else None
    print(
        json.dumps(
            {
                "name": name,
                "value": round(value, 3),
                "unit": unit,
                "baseline": baseline,
                "ratio": ratio,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def catalog() -> tuple[Catalog, str]:
    path = REPO / "config" / "catalog" / "catalog.json"
    if path.is_file():
        return load_catalog(path), "repo"
    rng = random.Random(7)
    cats = [
        "户籍办理",
        "社会保险",
        "医疗保障",
        "不动产登记",
        "市场主体登记",
        "社会救助",
        "税费办理",
    ]
    items = [
        {
            "id": f"G{i:04d}",
            "name": f"生成事项 {i} 登记申请",
            "department": "县政务服务中心",
            "category": rng.choice(cats),
            "materials": ["申请表", "身份证", "相关证明材料"][: rng.randint(1, 3)],
            "fee": "免费",
            "time_limit_days": rng.randint(1, 20),
            "window": f"A区 {rng.randint(1, 30)}号窗口",
            "online": rng.random() < 0.7,
        }
        for i in range(1900)
    ]
    return Catalog.model_validate({"version": "generated", "items": items}), "generated"


def capture(folder: Path, data: Path) -> float | None:
    """`kiosk guide capture --out folder` as its own process; seconds taken, None if it failed."""
    t0 = time.perf_counter()
    env = {**os.environ, "KIOSK_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run(
        [sys.executable, "-m", "kiosk_app", "guide", "capture", "--out", str(folder)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if child.returncode != 0:
        print(f"# capture failed: {child.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return time.perf_counter() - t0


def drawn_screens(folder: Path, sources) -> int:  # type: ignore[no-untyped-def]
    """Stand-ins when the app cannot be driven here: a kiosk-like 1280 × 800 screen per id."""
    font_path = find_font()
    big = ImageFont.truetype(str(font_path), 40)
    folder.mkdir(parents=True, exist_ok=True)
    ids = sorted({s.screen for c in sources.capabilities.values() for s in c.steps if s.screen})
    for screen_id in ids:
        for lang in ("zh", "en"):
            img = Image.new("RGB", (1280, 800), (244, 247, 251))
            draw = ImageDraw.Draw(img)
            draw.rectangle((0, 0, 1280, 90), fill=(13, 71, 161))
            draw.text((40, 20), f"{screen_id} ({lang})", font=big, fill="white")
            for row in range(3):
                y = 150 + row * 200
                draw.rounded_rectangle((60, y, 1220, y + 160), 20, fill=(21, 101, 192))
            img.save(folder / f"{screen_id}.{lang}.png", optimize=False)
    return 2 * len(ids)


def main() -> None:
    sources = load_sources(REPO / "config" / "guides")
    terminals = sources.terminals
    cat, origin = catalog()
    with tempfile.TemporaryDirectory(prefix="guides-bench-") as tmp:
        root = Path(tmp)
        shots = root / "screens"
        took = capture(shots, root / "data")
        if took is not None:
            emit("guides_capture_screens_s", took, "s (once per UI version)")
            screens_from = "real app screens"
        else:
            drawn_screens(shots, sources)
            screens_from = "drawn stand-ins (capture failed)"
        screens = load_screen_set(shots)
        cache = root / "cache"

        def run(out: Path):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            report = build_site(
                sources,
                terminals,
                cat,
                BuildOptions(out=out, base_url=BASE_URL, screens=screens, shot_cache=cache),
            )
            return time.perf_counter() - t0, report

        cold, _ = run(root / "cold")
        warm, report = run(root / "warm")
        assert not report.missing_screens, sorted(report.missing_screens)
        emit("guides_build_55_terminals_cached_s", warm, "s", round(cold, 3))
        emit("guides_build_55_terminals_cold_s", cold, "s")
        emit("guides_heaviest_page_with_images_kb", report.heaviest_bytes / 1024, "KB")
        emit("guides_pages_built", report.pages, "pages")
        emit("guides_step_images_screens", report.screenshots, f"images ({screens_from})")
        emit("guides_step_images_drawn", report.illustrations, "images (no screen exists)")
        emit("guides_catalog_items", len(cat.items), f"items ({origin} catalog)")
        site_bytes = sum(p.stat().st_size for p in (root / "warm").rglob("*") if p.is_file())
        emit("guides_site_size_mb", site_bytes / 2**20, "MB")
        t0 = time.perf_counter()
        write_stickers([(t.id, t.name) for t in terminals], BASE_URL, root / "stickers")
        emit("guides_sticker_sheet_55_s", time.perf_counter() - t0, "s")
        print(f"# heaviest page: {report.heaviest_page}; screens: {screens_from}", file=sys.stderr)
        shutil.rmtree(root / "cold", ignore_errors=True)


if __name__ == "__main__":
    main()
