"""The fleet console's software page: who runs what, the releases, their staged roll-outs.

The same operations as the operators' API (central/routes/rollouts.py) and ``python -m
central.admin release …`` — start a staged roll-out, halt it, offer the next stage now — as
forms for a signed-in operator (issue 22: "the console picks a few terminals first, then the
rest when their health holds; a halt button"). A viewer sees the page without the forms.
Announcing a release stays with the API and the command: it is a file of hundreds of megabytes
signed offline, not something typed into a page.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from central import updates
from central.routes.console import Operator, Viewer, _central, _form, _page, _same_origin

router = APIRouter(prefix="/console", include_in_schema=False)


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _rollout_block(r: dict[str, Any], may_act: bool) -> str:
    v = r["version"]
    stages = r["stages"]
    where = f"stage {r['stage'] + 1} of {len(stages) + 1}" if r["state"] == "running" else ""
    rows = "".join(
        f'<tr data-terminal="{_e(t["terminal_id"])}"><td>{_e(t["terminal_id"])}</td>'
        f"<td class=num>{t['stage'] + 1}</td><td>{'yes 是' if t['offered'] else 'no 否'}</td>"
        f"<td>{_e(t['app_version'])}</td>"
        f'<td class="{"ok" if t["healthy"] else ""}">'
        f"{'healthy 正常' if t['healthy'] else '—'}</td>"
        f"<td>{_e((t.get('update') or {}).get('outcome'))}</td></tr>"
        for t in r.get("terminals", [])
    )
    halted = (
        f'<p class="err">Halted 已暂停 {_e(r["halted_at"])}: {_e(r["halt_reason"])}</p>'
        if r["state"] == "halted"
        else ""
    )
    forms = ""
    if may_act and r["state"] == "running":
        action = f"/console/releases/{quote(v)}"
        forms = (
            f'<form method="post" action="{action}/halt" class="filters">'
            '<input name="reason" required placeholder="why 原因" size="40">'
            f'<button id="halt-{_e(v)}">Halt 暂停</button></form>'
            f'<form method="post" action="{action}/advance">'
            f'<button id="advance-{_e(v)}">Offer the next stage now 立即下一阶段</button></form>'
        )
    return (
        f'<section class="rollout" data-version="{_e(v)}" data-state="{_e(r["state"])}">'
        f"<h3>{_e(v)} — {_e(r['state'])} {where}</h3>{halted}"
        f"<p>Soak 观察期 {r['soak_s'] / 3600:.1f} h; started {_e(r['created_at'])}</p>"
        "<table><tr><th>Terminal</th><th>Stage</th><th>Offered</th><th>Runs</th>"
        f"<th>Health</th><th>Last update</th></tr>{rows}</table>{forms}</section>"
    )


@router.get("/releases")
async def releases_page(request: Request, user: Viewer, msg: str = "") -> Response:
    central = _central(request)
    releases = updates.releases(central.db)
    rollouts = updates.rollouts(central.db, central.now())
    may_act = user.may("operator")
    fleet = updates.fleet(central.db)
    running: dict[str, int] = {}
    for s in fleet:
        running[s.app_version or "?"] = running.get(s.app_version or "?", 0) + 1
    who = "".join(
        f"<tr><td>{_e(v)}</td><td class=num>{n}</td></tr>" for v, n in sorted(running.items())
    )
    rel = "".join(
        f'<tr data-version="{_e(r["version"])}"><td>{_e(r["version"])}</td>'
        f"<td>{_e(r['announced_at'])}</td><td>{_e(r['key_id'])}</td>"
        f"<td class=num>{int(r['size']) / 1e6:.1f} MB</td><td>{_e(r['notes'])}</td></tr>"
        for r in releases
    )
    start = ""
    if may_act and releases:
        options = "".join(f"<option>{_e(r['version'])}</option>" for r in releases)
        start = (
            '<h2>Start a staged roll-out 分批推送</h2><form method="post"'
            ' action="/console/releases" id="start">'
            f'<p><label>Release 版本 <select name="version">{options}</select></label></p>'
            "<p><label>First stages, one line per stage, terminal ids separated by commas"
            " (the rest of the fleet follows when these hold) 先行终端，每行一批："
            '<br><textarea name="stages" required style="height:5em"></textarea></label></p>'
            '<p><label>Soak 观察期 (hours) <input name="soak_h" value="1" size="4"></label></p>'
            '<button id="start-rollout">Start 开始</button></form>'
        )
    note = f'<p class="ok" id="msg">{_e(msg)}</p>' if msg else ""
    body = (
        f"<h1>Software 软件版本</h1>{note}"
        '<h2>Who runs what 运行版本</h2><table id="versions"><tr><th>Version</th>'
        f"<th>Terminals</th></tr>{who}</table>"
        '<h2>Releases 已发布</h2><table id="releases"><tr><th>Version</th><th>Announced</th>'
        f"<th>Key</th><th>Size</th><th>Notes</th></tr>{rel}</table>"
        f"<h2>Roll-outs 推送</h2>{''.join(_rollout_block(r, may_act) for r in rollouts)}"
        f"{start}"
    )
    return _page("Software", body, user)


def _back(msg: str) -> Response:
    return RedirectResponse(f"/console/releases?{urlencode({'msg': msg})}", status_code=303)


def _refused(user: Any, text: str, status: int) -> Response:
    return _page("Refused", f'<p class="err" id="error">{_e(text)}</p>', user, status)


@router.post("/releases")
async def start_rollout(request: Request, user: Operator) -> Response:
    form = await _form(request)
    if not _same_origin(request):
        return _refused(user, "Not from this console.", 403)
    stages = [
        [t.strip() for t in line.split(",") if t.strip()]
        for line in form.get("stages", "").splitlines()
        if line.strip()
    ]
    try:
        soak_s = float(form.get("soak_h", "1")) * 3600
    except ValueError:
        return _refused(user, "The soak must be a number of hours.", 422)
    if not stages or not 0 <= soak_s <= 30 * 86400:
        return _refused(user, "Name at least one terminal; a soak of 0 to 720 hours.", 422)
    version = form.get("version", "")
    central = _central(request)
    try:
        updates.start_rollout(central.db, version, stages, soak_s, central.now())
    except updates.UpdateError as exc:
        return _refused(user, str(exc), 409 if "already" in str(exc) else 422)
    return _back(f"{version}: roll-out started by {user.username}, stages {json.dumps(stages)}")


@router.post("/releases/{version}/halt")
async def halt_rollout(request: Request, version: str, user: Operator) -> Response:
    form = await _form(request)
    if not _same_origin(request):
        return _refused(user, "Not from this console.", 403)
    reason = form.get("reason", "").strip() or "halted from the console"
    central = _central(request)
    try:
        updates.halt(central.db, version, f"{reason} ({user.username})", central.now())
    except updates.UpdateError as exc:
        return _refused(user, str(exc), 404)
    return _back(f"{version}: halted by {user.username}")


@router.post("/releases/{version}/advance")
async def advance_rollout(request: Request, version: str, user: Operator) -> Response:
    if not _same_origin(request):
        return _refused(user, "Not from this console.", 403)
    central = _central(request)
    try:
        updates.advance(central.db, version)
    except updates.UpdateError as exc:
        return _refused(user, str(exc), 404)
    return _back(f"{version}: next stage offered by {user.username}")
