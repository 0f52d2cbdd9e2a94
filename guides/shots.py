"""Screenshots of the real application for the guide's steps, and their caches.

Two caches, two keys:

* the *capture* cache holds raw screenshots taken from the kiosk (driven offscreen on the
  simulators) under ``{root}/{ui_hash}/{capability}/{step_id}.png``; ``ui_hash`` is a hash of the
  UI source, so when the screens change the folder name changes and the shots are retaken
  rather than silently going stale;
* the *prepared* cache holds screenshots scaled for a phone (JPEG, 480 px wide), keyed by the
  raw image's content hash, so a rebuild of 55 terminals does not re-encode anything.

A step with no usable screenshot is drawn with its generated illustration instead.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

SHOT_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
UI_SOURCE_SUFFIXES = frozenset(
    {".py", ".qss", ".qml", ".ts", ".qm", ".svg", ".png", ".json", ".toml"}
)
PHONE_WIDTH = 480
JPEG_QUALITY = 78
_PREP_VERSION = f"v1-w{PHONE_WIDTH}-q{JPEG_QUALITY}"


def ui_source_hash(ui_dir: Path) -> str:
    """A short hash of every UI source file (path and bytes): the capture cache's folder name."""
    digest = hashlib.sha256()
    for path in sorted(p for p in ui_dir.rglob("*") if p.is_file()):
        if path.suffix not in UI_SOURCE_SUFFIXES or "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(ui_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def capture_dir(cache_root: Path, ui_hash: str) -> Path:
    """Where the screenshots for the UI source with this hash are (or will be) kept."""
    return cache_root / ui_hash


# A walkthrough screenshot meant for the guide is named "<capability>.<step_id>", optionally
# after a sequence number: screens/07-checkin.scan.png (see `kiosk demo --headless`).
_FLAT_NAME = re.compile(r"^(?:\d+-)?([a-z][a-z0-9_]*)\.([a-z0-9][a-z0-9_-]*)$")


def shot_index(
    shots_dir: Path, aliases: dict[str, tuple[str, str]] | None = None
) -> dict[tuple[str, str], Path]:
    """(capability, step_id) -> screenshot, from DIR/<cap>/<step>.png or DIR/[NN-]<cap>.<step>.png,
    or DIR/[NN-]<alias>.png where a guide step names the walkthrough shot it shows (``aliases``:
    shot name -> (capability, step_id)).

    Nested files win over flat ones; among flat ones the latest sequence number wins (the last
    time the walkthrough showed that screen).
    """
    index: dict[tuple[str, str], Path] = {}
    for path in sorted(shots_dir.glob("*")):
        if path.is_file() and path.suffix.lower() in SHOT_SUFFIXES:
            match = _FLAT_NAME.match(path.stem)
            if match:
                index[match.group(1), match.group(2)] = path
            elif aliases:
                bare = re.sub(r"^\d+-", "", path.stem)
                if bare in aliases:
                    index[aliases[bare]] = path
    for path in sorted(shots_dir.glob("*/*")):
        if path.is_file() and path.suffix.lower() in SHOT_SUFFIXES:
            index[path.parent.name, path.stem] = path
    return index


def find_shot(shots_dir: Path, capability: str, step_id: str) -> Path | None:
    return shot_index(shots_dir).get((capability, step_id))


def import_shots(
    screens_dir: Path, dest: Path, aliases: dict[str, tuple[str, str]] | None = None
) -> list[Path]:
    """Copy the guide's screenshots out of a walkthrough's screens/ into DIR/<cap>/<step>.png."""
    written: list[Path] = []
    for (cap, step), src in sorted(shot_index(screens_dir, aliases).items()):
        target = dest / cap / f"{step}{src.suffix.lower()}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        written.append(target)
    return written


@dataclass(frozen=True)
class Prepared:
    data: bytes
    width: int
    height: int


class ShotPreparer:
    """Scales screenshots for phones, remembering results on disk by the source's content hash."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache_dir = cache_dir

    def prepare(self, source: Path) -> Prepared:
        """The phone-sized JPEG of a screenshot; ValueError naming the file if it is no image."""
        raw = source.read_bytes()
        key = hashlib.sha256(raw + _PREP_VERSION.encode()).hexdigest()[:24]
        cached = self._cache_dir / f"{key}.jpg" if self._cache_dir else None
        if cached is not None and cached.is_file():
            data = cached.read_bytes()
            with Image.open(io.BytesIO(data)) as img:
                return Prepared(data, img.width, img.height)
        try:
            with Image.open(io.BytesIO(raw)) as img:
                img.load()
                rgb = img.convert("RGB")
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise ValueError(f"{source}: not a readable image ({exc})") from None
        if rgb.width > PHONE_WIDTH:
            height = max(1, round(rgb.height * PHONE_WIDTH / rgb.width))
            rgb = rgb.resize((PHONE_WIDTH, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        data = out.getvalue()
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(cached)
        return Prepared(data, rgb.width, rgb.height)
