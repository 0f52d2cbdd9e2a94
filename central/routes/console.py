"""The fleet console's pages: server-rendered HTML with a little JS, no build step.

``/console/`` signs an operator in (a session cookie: HttpOnly, SameSite=Strict, so another
site cannot post a form with it) and shows the fleet, one terminal, the alerts and the day's
figures as CSV. Roles (central/console.py): a viewer reads; an operator also pushes configs and
re-checks alerts; an admin also adds console users. Data is read on the event loop like every
other route (no worker threads); alert webhooks are sent by asyncio tasks.

Every value shown is escaped (``html.escape``); nothing personal is on these pages: heartbeats
carry none (kiosk_app/sync/heartbeat.py masks them) and figures are counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import parse_qs, quote, urlencode

import httpx
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from central import console
from central.console import SESSION_COOKIE, AlertRules, FleetRow, Role, User
from central.context import Central
from contract.zone import CHINA_TIME

log = logging.getLogger("central.console")
router = APIRouter(prefix="/console", include_in_schema=False)

STYLE = """
body{font:14px/1.35 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;color:#1d2733}
header{background:#17324d;color:#fff;padding:6px 12px;display:flex;gap:16px;align-items:center}
header a{color:#fff}header .who{margin-left:auto}main{padding:8px 12px}
table{border-collapse:collapse;width:100%}th,td{padding:3px 5px;border-bottom:1px solid #dde;
text-align:left;white-space:nowrap}th a{color:inherit}td.num{text-align:right}
tr.online td.state{color:#176c2e}tr.late td.state{color:#a86400}tr.missing td.state{color:#b3141b}
.bad{color:#b3141b}.filters{display:flex;gap:8px;margin:4px 0 8px;flex-wrap:wrap}
.err{color:#b3141b}.ok{color:#176c2e}pre{background:#f4f6f8;padding:6px;overflow:auto;max-height:20em}
textarea{width:100%;height:14em;font:12px monospace}
"""


# ---- sign-in -----------------------------------------------------------------------------------
def _central(request: Request) -> Central:
    c: Central = request.app.state.central
    return c


class SignInRequired(Exception):
    pass


def _user(request: Request) -> User | None:
    central = _central(request)
    return console.session_user(
        central.db, request.cookies.get(SESSION_COOKIE), central.now().timestamp()
    )


def _page(title: str, body: str, user: User | None, status: int = 200) -> HTMLResponse:
    nav = ""
    if user is not None:
        nav = (
            '<a href="/console/fleet">Fleet 终端</a><a href="/console/alerts">Alerts 告警</a>'
            '<a href="/console/figures">Figures 统计</a>'
            '<a href="/console/releases">Software 软件</a>'
            + ('<a href="/console/users">Users 用户</a>' if user.may("admin") else "")
            + f'<span class="who" id="who">{html.escape(user.display_name)}'
            f" ({html.escape(user.role)})</span>"
            '<form method="post" action="/console/signout" style="margin:0">'
            '<button id="signout">Sign out 退出</button></form>'
        )
    doc = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        f"<title>{html.escape(title)} · 终端运维</title><style>{STYLE}</style></head>"
        f"<body><header><b>终端运维 Fleet console</b>{nav}</header><main>{body}</main>"
        "</body></html>"
    )
    return HTMLResponse(
        doc,
        status_code=status,
        headers={
            "Cache-Control": "no-store",
            "Content-Security-Policy": "default-src 'self'; style-src 'unsafe-inline';"
            " script-src 'unsafe-inline'; frame-ancestors 'none'",
        },
    )


def _same_origin(request: Request) -> bool:
    """A form POST must come from the console's own pages (besides SameSite cookies)."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin.rstrip("/") == str(request.base_url).rstrip("/")


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}


def require(role: Role) -> Any:
    """A dependency: the signed-in user with at least ``role`` (else sign-in / 403)."""

    async def dep(request: Request) -> User:
        user = _user(request)
        if user is None:
            raise SignInRequired()
        if not user.may(role):
            raise _Forbidden(user, role)
        return user

    return Depends(dep)


class _Forbidden(Exception):
    def __init__(self, user: User, role: Role) -> None:
        self.user = user
        self.role = role


def install(app: Any) -> None:
    """Routes plus the handlers that turn a missing sign-in into the sign-in page."""
    from central.routes import console_releases  # its pages use this module's sign-in

    app.include_router(router)
    app.include_router(console_releases.router)

    async def _signin(request: Request, exc: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/console/signin?next={quote(target)}", status_code=303)

    async def _forbidden(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, _Forbidden)
        body = (
            f'<p class="err" id="forbidden">This needs the role {html.escape(exc.role)}; you are'
            f" {html.escape(exc.user.role)}. 权限不足。</p>"
        )
        return _page("Forbidden", body, exc.user, status=403)

    app.add_exception_handler(SignInRequired, _signin)
    app.add_exception_handler(_Forbidden, _forbidden)


Viewer = Annotated[User, require("viewer")]
Operator = Annotated[User, require("operator")]
Admin = Annotated[User, require("admin")]


@router.get("")
@router.get("/")
async def root() -> Response:
    return RedirectResponse("/console/fleet", status_code=307)


def _signin_page(next_: str, error: str = "", status: int = 200) -> HTMLResponse:
    msg = f'<p class="err" id="error">{html.escape(error)}</p>' if error else ""
    body = (
        f"<h1>Sign in 登录</h1>{msg}"
        '<form method="post" action="/console/signin">'
        f'<input type="hidden" name="next" value="{html.escape(next_)}">'
        '<p><label>User 用户名 <input name="username" id="username" autofocus required></label></p>'
        '<p><label>Password 密码 <input name="password" id="password" type="password" required>'
        '</label></p><p><button id="submit">Sign in 登录</button></p></form>'
    )
    return _page("Sign in", body, None, status)


def _safe_next(target: str) -> str:
    return target if target.startswith("/console/") and "//" not in target else "/console/fleet"


@router.get("/signin")
async def signin_form(next: str = "/console/fleet") -> Response:
    return _signin_page(_safe_next(next))


@router.post("/signin")
async def signin(request: Request) -> Response:
    form = await _form(request)
    target = _safe_next(form.get("next", ""))
    if not _same_origin(request):
        return _signin_page(target, "Sign-in must come from this console.", 403)
    central = _central(request)
    token = console.sign_in(
        central.db,
        form.get("username", "").strip(),
        form.get("password", ""),
        central.now().timestamp(),
        central.settings.console_session_s,
    )
    if token is None:
        return _signin_page(target, "Wrong user name or password. 用户名或密码不对。", 401)
    resp = RedirectResponse(target, status_code=303)
    resp.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="strict", path="/console",
        max_age=int(central.settings.console_session_s),
    )  # fmt: skip
    return resp


@router.post("/signout")
async def signout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token and _same_origin(request):
        console.sign_out(_central(request).db, token)
    resp = RedirectResponse("/console/signin", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/console")
    return resp


# ---- the fleet ---------------------------------------------------------------------------------
def _age(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    s = int(seconds)
    if s < 120:
        return f"{s} s"
    if s < 7200:
        return f"{s // 60} min"
    if s < 2 * 86400:
        return f"{s // 3600} h"
    return f"{s // 86400} d"


SORTS: dict[str, Any] = {
    "id": lambda r: r.id,
    "site": lambda r: (r.site, r.id),
    "state": lambda r: (("missing", "late", "online").index(r.state), r.id),
    "seen": lambda r: (r.age_s is None, r.age_s or 0),
    "version": lambda r: (r.app_version, r.id),
    "outbox": lambda r: (r.outbox or 0, r.oldest_s or 0),
    "oldest": lambda r: (r.oldest_s or 0,),
    "dead": lambda r: (r.dead or 0,),
    "uptime": lambda r: (r.uptime_s or 0,),
}


def _rows(request: Request) -> list[FleetRow]:
    central = _central(request)
    rows = console.fleet(central.db, central.now(), central.settings.heartbeat_interval_s)
    _evaluate(request.app, rows)
    return rows


@router.get("/fleet")
async def fleet_page(
    request: Request,
    user: Viewer,
    state: str = "",
    site: str = "",
    q: str = "",
    problems: str = "",
    sort: str = "state",
    desc: str = "",
) -> Response:
    rows = _rows(request)
    counts = {s: sum(1 for r in rows if r.state == s) for s in ("online", "late", "missing")}
    sites = sorted({r.site for r in rows})
    shown = [
        r
        for r in rows
        if (not state or r.state == state)
        and (not site or r.site == site)
        and (not q or q.lower() in f"{r.id} {r.name}".lower())
        and (not problems or r.problems or r.state != "online")
    ]
    shown.sort(key=SORTS.get(sort, SORTS["state"]), reverse=bool(desc))
    params = {"state": state, "site": site, "q": q, "problems": problems}

    def head(key: str, label: str) -> str:
        flip = "" if sort != key or desc else "1"
        link = urlencode({**params, "sort": key, "desc": flip})
        mark = (" ▼" if desc else " ▲") if sort == key else ""
        return f'<th><a href="?{html.escape(link)}" id="sort-{key}">{label}{mark}</a></th>'

    def opt(value: str, current: str, label: str) -> str:
        sel = " selected" if value == current else ""
        return f'<option value="{html.escape(value)}"{sel}>{html.escape(label)}</option>'

    filters = (
        '<form class="filters" method="get" id="filters">'
        '<select name="state" id="f-state" onchange="this.form.submit()">'
        + opt("", state, "all states 全部")
        + "".join(opt(s, state, f"{s} ({counts[s]})") for s in counts)
        + '</select><select name="site" id="f-site" onchange="this.form.submit()">'
        + opt("", site, "all sites 全部站点")
        + "".join(opt(s, site, s) for s in sites)
        + f'</select><input name="q" id="f-q" placeholder="terminal 终端" value="{html.escape(q)}">'
        f'<label><input type="checkbox" name="problems" value="1" id="f-problems"'
        f'{" checked" if problems else ""} onchange="this.form.submit()">'
        " problems only 仅异常</label>"
        f'<input type="hidden" name="sort" value="{html.escape(sort)}">'
        "<button>Filter 筛选</button></form>"
    )
    body_rows = []
    for r in shown:
        devices = " ".join(
            f'<span class="{"bad" if s in console.BAD_DEVICE_STATES else ""}">'
            f"{html.escape(n)}:{html.escape(s)}</span>"
            for n, s in sorted(r.devices.items())
        )
        cfg = f"v{r.config_version}"
        if r.config_fetched is not None and r.config_fetched != r.config_version:
            cfg += f' <span class="bad">(has v{r.config_fetched})</span>'
        body_rows.append(
            f'<tr class="{r.state}" data-terminal="{html.escape(r.id)}">'
            f'<td><a href="/console/terminals/{quote(r.id)}">{html.escape(r.id)}</a></td>'
            f"<td>{html.escape(r.site)}</td><td>{html.escape(r.profile)}</td>"
            f'<td class="state">{r.state}</td><td>{_age(r.age_s)}</td>'
            f"<td>{html.escape(r.app_version or '—')}</td><td>{cfg}</td>"
            f'<td class="num">{_age(r.uptime_s)}</td>'
            f'<td class="num outbox">{"—" if r.outbox is None else r.outbox}</td>'
            f'<td class="num">{_age(r.oldest_s)}</td>'
            f'<td class="num dead{" bad" if r.dead else ""}">'
            f"{r.dead if r.dead is not None else '—'}</td><td>{devices}</td>"
            f"<td>{html.escape(r.last_error[:60])}</td></tr>"
        )
    table = (
        f'<p id="summary">{len(shown)} of {len(rows)} terminals · online {counts["online"]} ·'
        f" late {counts['late']} · missing {counts['missing']}</p>"
        '<table id="fleet"><thead><tr>'
        + head("id", "Terminal 终端")
        + head("site", "Site 站点")
        + "<th>Profile</th>"
        + head("state", "State 状态")
        + head("seen", "Seen 心跳")
        + head("version", "Software")
        + "<th>Config</th>"
        + head("uptime", "Uptime")
        + head("outbox", "Outbox 待传")
        + head("oldest", "Oldest")
        + head("dead", "Dead")
        + "<th>Devices 设备</th><th>Last error</th></tr></thead><tbody>"
        + "".join(body_rows)
        + "</tbody></table>"
        # a little JS: the list refreshes itself every minute unless the user is typing
        + "<script>setTimeout(function(){if(document.activeElement.tagName!=='INPUT')"
        "location.reload()},60000)</script>"
    )
    return _page("Fleet", "<h1>Fleet 终端</h1>" + filters + table, user)


# ---- one terminal ------------------------------------------------------------------------------
def _chart(beats: list[tuple[datetime, dict[str, Any]]], now: datetime, interval_s: float) -> str:
    """Outbox backlog over the last 7 days as a polyline; below it a band coloured by state
    (green: heartbeats arriving, red: a gap longer than the missing threshold)."""
    w, h, pad = 900, 160, 30
    start = now - timedelta(days=7)
    span = (now - start).total_seconds()

    def x(t: datetime) -> float:
        return pad + (w - 2 * pad) * max(0.0, (t - start).total_seconds()) / span

    depths = [float(b.get("outbox_depth") or 0) for _, b in beats]
    top = max([1.0, *depths])

    def y(v: float) -> float:
        return h - 30 - (h - 50) * v / top

    points = " ".join(f"{x(t):.1f},{y(d):.1f}" for (t, _), d in zip(beats, depths, strict=True))
    band = []
    prev: datetime | None = None
    for t, _ in [*beats, (now, {})]:
        if prev is not None:
            gap = (t - prev).total_seconds() > 10 * interval_s
            colour = "#d9534f" if gap else "#5cb85c"
            band.append(
                f'<rect x="{x(prev):.1f}" y="{h - 22}" width="{max(1.0, x(t) - x(prev)):.1f}"'
                f' height="8" fill="{colour}" class="{"gap" if gap else "up"}"/>'
            )
        prev = t
    ticks = "".join(
        f'<text x="{x(start + timedelta(days=d)):.0f}" y="{h - 2}" font-size="10">'
        f"{(start + timedelta(days=d)).astimezone(CHINA_TIME):%m-%d}</text>"
        for d in range(8)
    )
    return (
        f'<svg id="history" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"'
        ' aria-label="outbox backlog and state, last 7 days">'
        f'<text x="{pad}" y="12" font-size="11">outbox backlog (max {top:.0f})</text>'
        f'<line x1="{pad}" y1="{h - 30}" x2="{w - pad}" y2="{h - 30}" stroke="#99a"/>'
        f'<polyline fill="none" stroke="#17324d" stroke-width="1.5" points="{points}"/>'
        + "".join(band)
        + ticks
        + "</svg>"
    )


@router.get("/terminals/{terminal_id}")
async def terminal_page(
    request: Request, terminal_id: str, user: Viewer, msg: str = ""
) -> Response:
    central = _central(request)
    now = central.now()
    found = console.fleet(central.db, now, central.settings.heartbeat_interval_s, terminal_id)
    if not found:
        return _page(
            "Unknown terminal", '<p class="err">No such terminal. 无此终端。</p>', user, 404
        )
    r = found[0]
    row = central.db.one(
        "SELECT config_json, config_version, config_fetched_at FROM terminals WHERE id=?",
        (terminal_id,),
    )
    assert row is not None
    beats = console.history(central.db, terminal_id, now)
    events = console.device_events(beats)
    alerts = central.db.all(
        "SELECT kind, detail, raised_at, cleared_at FROM console_alerts WHERE terminal_id=?"
        " ORDER BY raised_at DESC LIMIT 20",
        (terminal_id,),
    )
    taken = (
        f'<span class="ok" id="taken">v{r.config_fetched} fetched by the terminal'
        f" {html.escape(str(row['config_fetched_at'] or ''))}</span>"
        if r.config_fetched == r.config_version
        else f'<span class="bad" id="taken">waiting: the terminal has'
        f" {'v' + str(r.config_fetched) if r.config_fetched is not None else 'not fetched it'}"
        "</span>"
    )
    config_text = json.dumps(json.loads(row["config_json"]), ensure_ascii=False, indent=2)
    push = ""
    if user.may("operator"):
        push = (
            f'<form method="post" action="/console/terminals/{quote(terminal_id)}/config">'
            "<p>Push a config 下发配置 (signed by the central's key; the terminal installs it at"
            " its next idle moment):</p>"
            f'<textarea name="config" id="config-text">{html.escape(config_text)}</textarea>'
            '<button id="push">Push 下发</button></form>'
        )
    note = f'<p class="ok" id="msg">{html.escape(msg)}</p>' if msg else ""
    body = (
        f"<h1>{html.escape(r.id)} · {html.escape(r.name)}</h1>{note}"
        f"<p>Site {html.escape(r.site)} · profile {html.escape(r.profile)} · state"
        f' <b id="state">{r.state}</b> (last heartbeat {_age(r.age_s)} ago) · software'
        f" {html.escape(r.app_version or '—')} · uptime {_age(r.uptime_s)} · outbox"
        f" {r.outbox if r.outbox is not None else '—'} (oldest {_age(r.oldest_s)}) · dead letters"
        f" {r.dead if r.dead is not None else '—'}</p>"
        "<h2>Last 7 days 近7天</h2>"
        + _chart(beats, now, central.settings.heartbeat_interval_s)
        + '<h2>Device events 设备事件</h2><ul id="device-events">'
        + "".join(
            f"<li>{t.astimezone(CHINA_TIME):%m-%d %H:%M} {html.escape(e)}</li>"
            for t, e in events[:50]
        )
        + "</ul><h2>Alerts 告警</h2><ul>"
        + "".join(
            f"<li>{html.escape(a['kind'])}: {html.escape(a['detail'])}"
            f" ({html.escape(a['raised_at'])}"
            f"{' – cleared ' + html.escape(a['cleared_at']) if a['cleared_at'] else ', open'})</li>"
            for a in alerts
        )
        + f"</ul><h2>Config in force 当前配置 v{r.config_version}</h2><p>{taken}</p>"
        f'<pre id="config">{html.escape(config_text)}</pre>{push}'
    )
    return _page(r.id, body, user)


@router.post("/terminals/{terminal_id}/config")
async def push_config(request: Request, terminal_id: str, user: Operator) -> Response:
    form = await _form(request)
    if not _same_origin(request):
        return _page("Refused", '<p class="err">Not from this console.</p>', user, 403)
    try:
        config = json.loads(form.get("config", ""))
    except ValueError as exc:
        return _page("Bad config", f'<p class="err" id="error">Not JSON: {html.escape(str(exc))}'
                     "</p>", user, 422)  # fmt: skip
    if not isinstance(config, dict):
        return _page("Bad config", '<p class="err" id="error">The config must be a JSON object'
                     " (the site file as a table).</p>", user, 422)  # fmt: skip
    term = config.get("terminal")
    if isinstance(term, dict) and term.get("id") not in (None, terminal_id):
        return _page("Bad config", '<p class="err" id="error">terminal.id must stay'
                     f" {html.escape(terminal_id)}.</p>", user, 422)  # fmt: skip
    version = console.push_config(_central(request).db, terminal_id, config)
    if version is None:
        return _page("Unknown terminal", '<p class="err">No such terminal.</p>', user, 404)
    log.info(
        "config pushed", extra={"terminal": terminal_id, "version": version, "by": user.username}
    )
    msg = urlencode({"msg": f"v{version} pushed by {user.username}"})
    return RedirectResponse(f"/console/terminals/{quote(terminal_id)}?{msg}", status_code=303)


# ---- alerts ------------------------------------------------------------------------------------
def _rules(central: Central) -> AlertRules:
    return AlertRules(central.settings.alert_missing_s, central.settings.alert_backlog_s)


def _evaluate(app: Any, rows: list[FleetRow], kinds: tuple[str, ...] = console.ALERT_KINDS) -> None:
    """Re-evaluate alerts for ``rows`` and send the changes to the webhook (asyncio tasks)."""
    central: Central = app.state.central
    notes = console.evaluate(central.db, rows, _rules(central), central.now(), kinds)
    _ensure_watch(app)
    url = central.settings.console_webhook_url
    if url and notes:
        tasks: set[asyncio.Task[None]] = app.state.__dict__.setdefault("console_tasks", set())
        task = asyncio.get_running_loop().create_task(_deliver(url, notes))
        tasks.add(task)
        task.add_done_callback(tasks.discard)


async def _deliver(url: str, notes: list[dict[str, Any]]) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        for note in notes:
            for attempt in range(3):
                try:
                    r = await client.post(url, json=note)
                    if r.status_code < 500:
                        break
                except httpx.HTTPError as exc:
                    log.warning("alert webhook failed", extra={"reason": str(exc)})
                await asyncio.sleep(1 + attempt)


def _ensure_watch(app: Any) -> None:
    """While the service runs, the whole fleet is re-evaluated every alert_check_s: a terminal
    that stops sending heartbeats raises nothing by itself."""
    if getattr(app.state, "console_watch", None) is not None:
        return
    central: Central = app.state.central

    async def watch() -> None:
        while True:
            await asyncio.sleep(central.settings.alert_check_s)
            with contextlib.suppress(Exception):  # a failed round is retried next time
                # only "missing" changes with time alone; the rest change with a heartbeat
                rows = console.fleet(
                    central.db, central.now(), central.settings.heartbeat_interval_s, light=True
                )
                _evaluate(app, rows, ("missing",))

    app.state.console_watch = asyncio.get_running_loop().create_task(watch())


def after_heartbeat(app: Any, terminal_id: str) -> None:
    """A heartbeat arrived: this terminal's alerts are re-evaluated at once."""
    central: Central = app.state.central
    rows = console.fleet(
        central.db, central.now(), central.settings.heartbeat_interval_s, terminal_id
    )
    _evaluate(app, rows)


@router.get("/alerts")
async def alerts_page(request: Request, user: Viewer) -> Response:
    _rows(request)
    open_, cleared = console.alerts(_central(request).db)

    def tr(a: Any, done: bool) -> str:
        return (
            f'<tr data-terminal="{html.escape(a["terminal_id"])}"'
            f' data-kind="{html.escape(a["kind"])}">'
            f'<td><a href="/console/terminals/{quote(a["terminal_id"])}">'
            f"{html.escape(a['terminal_id'])}</a></td><td>{html.escape(a['kind'])}</td>"
            f"<td>{html.escape(a['detail'])}</td><td>{html.escape(a['raised_at'])}</td>"
            + (f"<td>{html.escape(a['cleared_at'])}</td>" if done else "")
            + "</tr>"
        )

    hook = _central(request).settings.console_webhook_url
    body = (
        "<h1>Alerts 告警</h1>"
        f"<p>Sent to {html.escape(hook) if hook else 'no webhook (console_webhook_url)'}.</p>"
        f'<h2>Open 未处理 ({len(open_)})</h2><table id="open"><tr><th>Terminal</th><th>Kind</th>'
        "<th>Detail</th><th>Raised</th></tr>"
        + "".join(tr(a, False) for a in open_)
        + '</table><h2>Cleared 已恢复</h2><table id="cleared"><tr><th>Terminal</th><th>Kind</th>'
        "<th>Detail</th><th>Raised</th><th>Cleared</th></tr>"
        + "".join(tr(a, True) for a in cleared)
        + "</table>"
        + _lockouts(_central(request))
    )
    return _page("Alerts", body, user)


def _lockouts(central: Central) -> str:
    """Lookups and PIN pads locked after wrong guesses (central/ratelimit.py, the event
    ``pin.locked``): not raised or cleared, a log of what happened."""
    rows = central.db.all(
        "SELECT at, terminal_id, kind, detail FROM alerts ORDER BY id DESC LIMIT 50"
    )
    return (
        '<h2>Lockouts 锁定记录</h2><table id="lockouts"><tr><th>At</th><th>Terminal</th>'
        "<th>Kind</th><th>Detail</th></tr>"
        + "".join(
            f"<tr><td>{html.escape(r['at'])}</td><td>{html.escape(r['terminal_id'])}</td>"
            f"<td>{html.escape(r['kind'])}</td><td>{html.escape(r['detail'])}</td></tr>"
            for r in rows
        )
        + "</table>"
    )


# ---- figures -----------------------------------------------------------------------------------
@router.get("/figures")
async def figures_page(request: Request, user: Viewer, day: str = "") -> Response:
    central = _central(request)
    day = day or central.now().astimezone(CHINA_TIME).date().isoformat()
    text = console.figures_csv(central.db, _valid_day(day, central))
    lines = [line.split(",") for line in text.strip().splitlines()]
    table = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line) + "</tr>" for line in lines
    )
    body = (
        "<h1>Service figures 服务统计</h1>"
        f'<form method="get"><input type="date" name="day" value="{html.escape(day)}">'
        "<button>Show 查看</button></form>"
        f'<p><a id="csv" href="/console/figures.csv?day={quote(day)}" download>'
        "Download CSV 下载</a></p>"
        f'<table id="figures">{table}</table>'
    )
    return _page("Figures", body, user)


def _valid_day(day: str, central: Central) -> str:
    try:
        return datetime.strptime(day, "%Y-%m-%d").date().isoformat()
    except ValueError:
        return central.now().astimezone(CHINA_TIME).date().isoformat()


@router.get("/figures.csv")
async def figures_csv(request: Request, user: Viewer, day: str = "") -> Response:
    central = _central(request)
    day = _valid_day(day, central)
    return Response(
        "\ufeff" + console.figures_csv(central.db, day),  # BOM: Excel opens UTF-8 as such
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="figures-{day}.csv"'},
    )


# ---- users (admin) -----------------------------------------------------------------------------
@router.get("/users")
async def users_page(request: Request, user: Admin, msg: str = "") -> Response:
    rows = _central(request).db.all(
        "SELECT username, display_name, role, disabled_at FROM console_users ORDER BY username"
    )
    body = (
        "<h1>Console users 用户</h1>"
        + (f'<p class="ok" id="msg">{html.escape(msg)}</p>' if msg else "")
        + '<table id="users"><tr><th>User</th><th>Name</th><th>Role</th></tr>'
        + "".join(
            f"<tr><td>{html.escape(r['username'])}</td><td>{html.escape(r['display_name'])}</td>"
            f"<td>{html.escape(r['role'])}{' (disabled)' if r['disabled_at'] else ''}</td></tr>"
            for r in rows
        )
        + '</table><h2>Add 添加</h2><form method="post" action="/console/users">'
        '<input name="username" placeholder="user" required> <input name="display_name"'
        ' placeholder="name" required> <input name="password" type="password" minlength="10"'
        ' placeholder="password (10+)" required> <select name="role">'
        + "".join(f"<option>{r}</option>" for r in console.ROLES)
        + "</select> <button>Add 添加</button></form>"
    )
    return _page("Users", body, user)


@router.post("/users")
async def add_user(request: Request, user: Admin) -> Response:
    form = await _form(request)
    if not _same_origin(request):
        return _page("Refused", '<p class="err">Not from this console.</p>', user, 403)
    name, password, role = (
        form.get("username", "").strip(),
        form.get("password", ""),
        form.get("role", ""),
    )
    if not name or len(password) < 10 or role not in console.ROLES:
        return _page("Bad user", '<p class="err" id="error">A user name, a password of 10 or'
                     " more characters and a role are needed.</p>", user, 422)  # fmt: skip
    console.add_user(
        _central(request).db,
        name,
        form.get("display_name", name),
        password,
        role,  # type: ignore[arg-type]
        _central(request).now().astimezone(UTC),
    )
    return RedirectResponse("/console/users?" + urlencode({"msg": f"{name} ({role}) saved"}), 303)
