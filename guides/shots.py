"""Screens of the real application for the guide's steps: the screen set, and its caches.

A guide step names the app's screen it shows by its *screen id*, the name a walkthrough step
gives it (``wt.shot("checkin-ticket-zh")`` is the screen ``checkin-ticket`` in Chinese). A
*screen set* is a folder of such screens, one per screen id and language::

    screens.json          {"format": 1, "app_version", "ui_hash", "screens": {id: {lang: meta}}}
    checkin-ticket.zh.png, checkin-ticket.en.png, ...

where ``meta`` says what is on the picture — the screen's title and its visible buttons with
their boxes — so a page can describe the picture in its alt text and frame the button a step
presses. ``kiosk guide capture`` writes one (kiosk_app/ui/guide_capture.py); a walkthrough's
flat ``screens/`` folder (``NN-<id>-<lang>.png``, no metadata) is read as one too.

Two caches, two keys:

* the *capture* cache holds screen sets under ``{root}/{ui_hash}/``; ``ui_hash`` is a hash of
  the UI source, so when the screens change the folder name changes and the screens are retaken
  rather than silently going stale;
* the *prepared* cache holds screens scaled for a phone (JPEG), keyed by the raw image's
  content hash and the frame drawn on it, so a rebuild of 55 terminals re-encodes nothing.

A step with no screen in the page's language is drawn with its generated illustration instead.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, UnidentifiedImageError

SHOT_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
UI_SOURCE_SUFFIXES = frozenset(
    {".py", ".qss", ".qml", ".ts", ".qm", ".svg", ".png", ".json", ".toml"}
)
LANGUAGES = ("zh", "en")
SCREEN_SET_FORMAT = 1
MANIFEST = "screens.json"
PHONE_WIDTH = 640  # a 1280 px screen halved: sharp on a 390 css px phone at 2× and light
FULL_WIDTH = 1280  # the screen as the kiosk shows it: a tap on the picture opens it to zoom in
JPEG_QUALITY = 80
FRAME_COLOUR = (255, 111, 0)  # the orange of the illustrations' pointers: seen by every eye
_PREP_VERSION = f"v2-w{PHONE_WIDTH}-q{JPEG_QUALITY}"


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
    """Where the screen set for the UI source with this hash is (or will be) kept."""
    return cache_root / ui_hash


# A walkthrough's name for a screen: [NN-]<screen id>[-zh|-en|-elder] (or .zh/.en in a set).
_NAME = re.compile(
    r"^(?:\d+-)?(?P<id>[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*?)(?:[.-](?P<tag>zh|en|elder))?$"
)


def parse_shot_name(stem: str) -> tuple[str, str, bool] | None:
    """(screen id, language, elder mode) of a screenshot's file stem or walkthrough name.

    No language tag means the kiosk's default language, zh; ``-elder`` is 长辈模式 in zh.
    """
    match = _NAME.match(stem)
    if match is None:
        return None
    tag = match.group("tag") or "zh"
    return match.group("id"), "zh" if tag == "elder" else tag, tag == "elder"


@dataclass(frozen=True)
class Button:
    text: str
    box: tuple[int, int, int, int]  # x, y, width, height in the screenshot's pixels


@dataclass(frozen=True)
class ScreenShot:
    """One screen in one language, and what is on it (empty when nobody recorded it)."""

    path: Path
    title: str = ""
    buttons: tuple[Button, ...] = ()
    elder: bool = False

    def button_for(self, label: str) -> Button | None:
        """The button a step's label names: same words once case, spaces and marks are gone."""
        want = normal_words(label)
        if not want:
            return None
        exact = [b for b in self.buttons if normal_words(b.text) == want]
        if exact:
            return exact[0]
        inside = [b for b in self.buttons if want in normal_words(b.text)]
        return min(inside, key=lambda b: len(b.text)) if inside else None


def normal_words(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@dataclass
class ScreenSet:
    """Screens by (screen id, language); ``app_version``/``ui_hash`` say which app took them."""

    screens: dict[tuple[str, str], ScreenShot] = field(default_factory=dict)
    app_version: str = ""
    ui_hash: str = ""

    def get(self, screen_id: str, lang: str) -> ScreenShot | None:
        return self.screens.get((screen_id, lang))

    def __len__(self) -> int:
        return len(self.screens)


def _meta_shot(folder: Path, meta: object) -> ScreenShot | None:
    if not isinstance(meta, dict) or not isinstance(meta.get("file"), str):
        return None
    path = folder / Path(meta["file"]).name  # never outside the folder
    buttons = []
    for b in meta.get("buttons", []):
        try:
            x, y, w, h = (int(v) for v in b["box"])
            buttons.append(Button(str(b["text"]), (x, y, w, h)))
        except (KeyError, TypeError, ValueError):
            continue
    return ScreenShot(path, str(meta.get("title", "")), tuple(buttons), bool(meta.get("elder")))


def load_screen_set(folder: Path) -> ScreenSet:
    """The screens in ``folder``: a capture's screens.json, else the file names alone.

    Among files with the same id and language, a normal-mode screen wins over an elder-mode one
    and, between walkthrough files, the later one (the last time the walkthrough showed it).
    """
    result = ScreenSet()
    manifest = folder / MANIFEST
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if isinstance(data, dict) and data.get("format") == SCREEN_SET_FORMAT:
            result.app_version = str(data.get("app_version", ""))
            result.ui_hash = str(data.get("ui_hash", ""))
            screens = data.get("screens")
            for screen_id, langs in (screens if isinstance(screens, dict) else {}).items():
                for lang, meta in (langs if isinstance(langs, dict) else {}).items():
                    shot = _meta_shot(folder, meta)
                    if lang in LANGUAGES and shot is not None and shot.path.is_file():
                        result.screens[str(screen_id), lang] = shot
            return result
    for path in sorted(folder.glob("*")):
        if not path.is_file() or path.suffix.lower() not in SHOT_SUFFIXES:
            continue
        parsed = parse_shot_name(path.stem)
        if parsed is None:
            continue
        screen_id, lang, elder = parsed
        held = result.screens.get((screen_id, lang))
        if held is None or held.elder or not elder:
            result.screens[screen_id, lang] = ScreenShot(path, elder=elder)
    return result


def write_manifest(
    folder: Path, shots: dict[tuple[str, str], ScreenShot], app_version: str, ui_hash: str
) -> Path:
    """screens.json for a screen set whose image files are already in ``folder``."""
    screens: dict[str, dict[str, object]] = {}
    for (screen_id, lang), shot in sorted(shots.items()):
        screens.setdefault(screen_id, {})[lang] = {
            "file": shot.path.name,
            "title": shot.title,
            "elder": shot.elder,
            "buttons": [{"text": b.text, "box": list(b.box)} for b in shot.buttons],
        }
    doc = {
        "format": SCREEN_SET_FORMAT,
        "app_version": app_version,
        "ui_hash": ui_hash,
        "screens": screens,
    }
    path = folder / MANIFEST
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return path


@dataclass(frozen=True)
class Prepared:
    data: bytes
    width: int
    height: int


class ShotPreparer:
    """Scales screenshots for phones and frames the button a step presses, remembering results
    on disk by the source's content hash and the frame."""

    def __init__(self, cache_dir: Path | None) -> None:
        self._cache_dir = cache_dir

    def prepare(
        self,
        source: Path,
        frame: tuple[int, int, int, int] | None = None,
        width: int = PHONE_WIDTH,
    ) -> Prepared:
        """The JPEG of a screenshot at most ``width`` wide (the phone's, by default), the button
        framed; ValueError naming the file if it is no image."""
        raw = source.read_bytes()
        key_src = raw + _PREP_VERSION.encode() + repr((frame, width)).encode()
        key = hashlib.sha256(key_src).hexdigest()[:24]
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
        if frame is not None:
            _draw_frame(rgb, frame)
        if rgb.width > width:
            height = max(1, round(rgb.height * width / rgb.width))
            rgb = rgb.resize((width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        data = out.getvalue()
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(cached)
        return Prepared(data, rgb.width, rgb.height)


def _draw_frame(img: Image.Image, box: tuple[int, int, int, int]) -> None:
    """A thick rounded orange frame just outside the button, clipped to the picture."""
    x, y, w, h = box
    width = max(6, img.width // 160)  # ~4 px once a 1280 px screen is scaled for the phone
    pad = width
    left, top = max(0, x - pad - width), max(0, y - pad - width)
    right, bottom = (
        min(img.width - 1, x + w + pad + width),
        min(img.height - 1, y + h + pad + width),
    )
    if right - left < 2 * width or bottom - top < 2 * width:
        return
    ImageDraw.Draw(img).rounded_rectangle(
        (left, top, right, bottom), radius=3 * width, outline=FRAME_COLOUR, width=width
    )
