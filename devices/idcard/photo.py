"""The card's photo: 1,024 bytes of WLT, a format only the reader vendors' libraries decode.

No decoder ships with the terminal. A site that has one (the vendor's library wrapped in a small
package) registers it in the ``kiosk.wlt_decoders`` entry-point group::

    [project.entry-points."kiosk.wlt_decoders"]
    acme = "acme_wlt:decode"      # decode(wlt: bytes) -> bytes of an image file (BMP, PNG …)

Whatever the decoder returns is opened with Pillow and re-encoded as PNG; anything it cannot
open, an exception, or an image of an absurd size gives ``None``: the screen then shows no photo,
never a broken one. The WLT bytes themselves stay with the citizen's session, never on disk.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Callable
from importlib.metadata import entry_points

from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)

GROUP = "kiosk.wlt_decoders"
# The decoded photo is 102 x 126 on every reader; allow some slack, refuse nonsense.
MAX_SIDE = 1024

WltDecoder = Callable[[bytes], bytes]

_lock = threading.Lock()
_cache: dict[str, WltDecoder | None] = {}


def available_decoders() -> list[str]:
    return sorted({ep.name for ep in entry_points(group=GROUP)})


def load_decoder(name: str | None = None) -> WltDecoder | None:
    """The decoder called ``name`` (or the only/first one installed); None when there is none
    or it fails to load (logged once, without any card data)."""
    key = name or ""
    with _lock:
        if key in _cache:
            return _cache[key]
    eps = sorted(entry_points(group=GROUP), key=lambda ep: ep.name)
    if name:
        eps = [ep for ep in eps if ep.name == name]
    decoder: WltDecoder | None = None
    if eps:
        try:
            loaded = eps[0].load()
            if callable(loaded):
                decoder = loaded
            else:
                log.warning("WLT decoder is not callable", extra={"decoder": eps[0].name})
        except Exception as exc:  # a broken vendor package must not take the kiosk down
            log.warning(
                "WLT decoder failed to load",
                extra={"decoder": eps[0].name, "reason": type(exc).__name__},
            )
    with _lock:
        _cache[key] = decoder
    return decoder


def forget_decoders() -> None:
    """Look the entry points up again (tests, a package installed while running)."""
    with _lock:
        _cache.clear()


def decode_photo(wlt: bytes, decoder: WltDecoder | None = None) -> bytes | None:
    """PNG bytes of the card's photo, or None when no decoder is installed or it fails."""
    if not wlt:
        return None
    dec = decoder if decoder is not None else load_decoder()
    if dec is None:
        return None
    try:
        raw = dec(bytes(wlt))
        if not isinstance(raw, bytes | bytearray) or not raw:
            raise ValueError("decoder returned no image")
        with Image.open(io.BytesIO(raw)) as img:
            w, h = img.size
            if not (0 < w <= MAX_SIDE and 0 < h <= MAX_SIDE):
                raise ValueError("implausible photo size")
            img.load()
            out = io.BytesIO()
            img.convert("RGB").save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, ValueError, OSError, Image.DecompressionBombError) as exc:
        log.warning("card photo not decoded", extra={"reason": type(exc).__name__})
        return None
    except Exception as exc:  # a vendor decoder's own bug
        log.warning("WLT decoder failed", extra={"reason": type(exc).__name__})
        return None
