"""Guide build for the 55-terminal sample hall with the full catalog and a screenshot per step.

Prints one JSON object per figure and line. The build is timed twice in the same run: cold (the
screenshot cache empty, every screenshot scaled and encoded) is the baseline for the warm build
(screenshots cached), which is the figure with the ≤ 10 s target. The heaviest page is measured
with the images it shows (target ≤ 300 KB).

Simulated: the screenshots are drawn here (a kiosk-like screen with a header, labelled buttons and
a footer, 1080 × 1920) until the app's screens can be captured; the catalog is the repo's
config/catalog/catalog.json when present, else a generated one of 1,900 items.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from guides.model import Catalog  # noqa: E402
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


def fake_screenshots(folder: Path, sources) -> int:  # type: ignore[no-untyped-def]
    font_path = find_font()
    big = ImageFont.truetype(str(font_path), 64)
    small = ImageFont.truetype(str(font_path), 40)
    count = 0
    for cap in sources.capabilities.values():
        (folder / cap.id).mkdir(parents=True, exist_ok=True)
        for step in cap.steps:
            img = Image.new("RGB", (1080, 1920), (244, 247, 251))
            draw = ImageDraw.Draw(img)
            draw.rectangle((0, 0, 1080, 200), fill=(13, 71, 161))
            draw.text((60, 60), cap.title.zh + "  " + cap.title.en, font=big, fill="white")
            for row in range(5):
                y = 300 + row * 260
                label = step.label.zh if step.label and row == 1 else f"选项 {row + 1}"
                colour = (21, 101, 192) if row == 1 else (255, 255, 255)
                draw.rounded_rectangle((80, y, 1000, y + 200), 24, fill=colour, outline=(180,) * 3)
                ink = "white" if row == 1 else (30, 30, 30)
                draw.text((130, y + 60), label, font=big, fill=ink)
            draw.text((60, 1700), step.zh[:24], font=small, fill=(40, 40, 40))
            draw.text((60, 1780), step.en[:40], font=small, fill=(80, 80, 80))
            img.save(folder / cap.id / f"{step.id}.png", optimize=False)
            count += 1
    return count


def main() -> None:
    sources = load_sources(REPO / "config" / "guides")
    terminals = sources.terminals
    cat, origin = catalog()
    with tempfile.TemporaryDirectory(prefix="guides-bench-") as tmp:
        root = Path(tmp)
        shots = root / "shots"
        n_shots = fake_screenshots(shots, sources)
        cache = root / "cache"

        def run(out: Path):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            report = build_site(
                sources,
                terminals,
                cat,
                BuildOptions(out=out, base_url=BASE_URL, shots_dir=shots, shot_cache=cache),
            )
            return time.perf_counter() - t0, report

        cold, _ = run(root / "cold")
        warm, report = run(root / "warm")
        assert report.screenshots == n_shots, (report.screenshots, n_shots)
        emit("guides_build_55_terminals_cached_s", warm, "s", round(cold, 3))
        emit("guides_build_55_terminals_cold_s", cold, "s")
        emit("guides_heaviest_page_with_images_kb", report.heaviest_bytes / 1024, "KB")
        emit("guides_pages_built", report.pages, "pages")
        emit("guides_catalog_items", len(cat.items), f"items ({origin} catalog)")
        site_bytes = sum(p.stat().st_size for p in (root / "warm").rglob("*") if p.is_file())
        emit("guides_site_size_mb", site_bytes / 2**20, "MB")
        t0 = time.perf_counter()
        write_stickers([(t.id, t.name) for t in terminals], BASE_URL, root / "stickers")
        emit("guides_sticker_sheet_55_s", time.perf_counter() - t0, "s")
        print(
            f"# heaviest page: {report.heaviest_page}; {n_shots} simulated screenshots",
            file=sys.stderr,
        )
        shutil.rmtree(root / "cold", ignore_errors=True)


if __name__ == "__main__":
    main()
