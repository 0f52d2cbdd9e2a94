"""Pages a citizen's phone opens without a token: the queue follow page and the guide sites.

Guide files are read in place rather than through Starlette's StaticFiles, which hands file I/O
to worker threads; the embedded server must not leave threads behind (the files are small).
"""

from __future__ import annotations

import html
import mimetypes
import re
from datetime import UTC
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from central import queueing
from central.context import CentralDep
from contract.codes import TICKET_NUMBER

router = APIRouter(include_in_schema=False)


@router.get("/q/{number}")
async def follow_ticket(number: str, central: CentralDep) -> HTMLResponse:
    now = central.settings.clock().astimezone(UTC)
    pos = queueing.position(central.db, number, now) if re.match(TICKET_NUMBER, number) else None
    if pos is None:
        body = f"<p>今天没有 {html.escape(number)} 号 / no ticket {html.escape(number)} today</p>"
        status = 404
    elif pos["status"] == "called":
        window = html.escape(pos["window"])
        body = f"<h1>{number}</h1><p>请到 {window} 办理 / please go to {window}</p>"
        status = 200
    else:
        body = (
            f"<h1>{number}</h1><p>{html.escape(pos['service'])}</p>"
            f"<p>前面还有 <b>{pos['waiting']}</b> 人 / {pos['waiting']} ahead</p>"
        )
        status = 200
    page = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta http-equiv="refresh" content="30"><title>排队进度</title></head>'
        f'<body style="font-size:20px;font-family:sans-serif">{body}</body></html>'
    )
    return HTMLResponse(page, status_code=status)


def _guide_file(root: Path, rel: str) -> Path | None:
    base = root.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


@router.get("/guides/{rel:path}")
async def guide(rel: str, request: Request, central: CentralDep) -> Response:
    root = central.settings.guides_dir
    missing = HTMLResponse("<p>guide not found</p>", status_code=404)
    if root is None or "\x00" in rel:
        return missing
    path = _guide_file(root, rel)
    if path is None:
        return missing
    if path.name == "index.html" and rel and not rel.endswith(("/", "index.html")):
        # A directory asked without its slash: relative links inside need the slash.
        return RedirectResponse(str(request.url.path) + "/", status_code=308)
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media.startswith("text/") or media in ("application/javascript", "image/svg+xml"):
        media += "; charset=utf-8"
    return Response(path.read_bytes(), media_type=media, headers={"Cache-Control": "max-age=300"})
