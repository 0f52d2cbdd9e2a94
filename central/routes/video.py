"""Video help (视频帮办): the terminal's and the agent's sockets, the agent's REST calls, and the
agent console's static files.

- ``GET /api/v1/video/status`` (terminal token): open now? agents, queue, estimate, recording.
- ``WS /api/v1/video/terminal`` (terminal token in ``Authorization``): ``TerminalHello``, then
  ``signal`` / ``doc_sharing`` / ``end``; answers ``queued`` / ``unavailable`` / ``answered`` /
  ``signal`` / ``doc_request`` / ``peer_left`` / ``peer_back`` / ``ended``.
- ``POST /api/v1/video/agent/session`` sign-in (rate-limited per user name like every guessable
  secret), ``DELETE`` sign-out; ``WS /api/v1/video/agent``: ``AgentHello`` first, then
  ``answer`` / ``signal`` / ``doc_request`` / ``end``.
- ``/api/v1/video/calls/{id}`` the call record, its note, its snapshots (agent token);
  ``/api/v1/video/callbacks`` the open call-back requests.
- ``/video/console/`` the agent's console (plain HTML and JS; read in place, no worker threads).

The agent console's socket carries its session token as its first message, not in the URL, so
it is in no access log. Close codes: 4401 bad credentials, 4400 a message that is not the
protocol's (its reason says what was wrong).
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, WebSocket
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.websockets import WebSocketDisconnect

from central import video_store
from central.context import Central, CentralDep, TerminalDep, errors
from central.terminals import Terminal, find_by_token
from central.video_hub import AgentLink, Peer, VideoHub
from contract.wire import (
    VIDEO_MESSAGE_MAX_BYTES,
    Agent,
    AgentHello,
    AgentSession,
    AgentSignIn,
    CallbackRequest,
    CallNote,
    CallRecord,
    SnapshotSaved,
    TerminalHello,
    VideoStatus,
)

log = logging.getLogger("central")
router = APIRouter(prefix="/api/v1/video", tags=["video"])
console_router = APIRouter(include_in_schema=False)
CONSOLE = Path(__file__).resolve().parents[1] / "console_video"
MAX_MESSAGE = VIDEO_MESSAGE_MAX_BYTES
IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp"}


async def get_hub(request: Request) -> VideoHub:
    hub: VideoHub = request.app.state.video
    return hub


HubDep = Annotated[VideoHub, Depends(get_hub)]
_agent_bearer = HTTPBearer(
    auto_error=False, scheme_name="AgentSession", description="an agent's session token (sign-in)"
)


async def current_agent(
    central: CentralDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_agent_bearer)],
) -> video_store.AgentRow:
    agent = (
        video_store.session_agent(central.db, creds.credentials, central.now())
        if creds is not None
        else None
    )
    if agent is None:
        raise HTTPException(401, "sign in as an agent first", {"WWW-Authenticate": "Bearer"})
    return agent


AgentDep = Annotated[video_store.AgentRow, Depends(current_agent)]


def _terminal_config(central: Central, terminal_id: str) -> tuple[dict[str, Any], str]:
    row = central.db.one("SELECT config_json FROM terminals WHERE id=?", (terminal_id,))
    config: dict[str, Any] = json.loads(row["config_json"]) if row is not None else {}
    location = str(config.get("terminal", {}).get("location", ""))
    return config, location


# -- terminal -----------------------------------------------------------------------------------
@router.get(
    "/status",
    response_model=VideoStatus,
    responses=errors(401, 422),
    summary="Whether video help is open now, the queue and the estimate",
)
async def video_status(central: CentralDep, terminal: TerminalDep, hub: HubDep) -> dict[str, Any]:
    config, _ = _terminal_config(central, terminal.id)
    return hub.status(config)


async def _receive_json(ws: WebSocket) -> dict[str, Any]:
    text = await ws.receive_text()
    if len(text) > MAX_MESSAGE:
        raise ValueError(f"a message is at most {MAX_MESSAGE} bytes")
    doc = json.loads(text)
    if not isinstance(doc, dict):
        raise ValueError("a message is a JSON object")
    return doc


async def _protocol_error(ws: WebSocket, exc: Exception) -> None:
    reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    log.warning("video socket: bad message (%s)", reason)
    with contextlib.suppress(Exception):  # already closed by the peer
        await ws.close(4400, reason)


@router.websocket("/terminal")
async def terminal_socket(ws: WebSocket) -> None:
    central: Central = ws.app.state.central
    hub: VideoHub = ws.app.state.video
    scheme, _, token = ws.headers.get("authorization", "").partition(" ")
    found = find_by_token(central.db, token.strip(), central.now()) if token else None
    if scheme.lower() != "bearer" or not isinstance(found, Terminal):
        await ws.close(4401, "unknown or expired terminal token")
        return
    await ws.accept()
    peer = Peer(ws.send_text)
    call = None
    try:
        hello = TerminalHello.model_validate(await _receive_json(ws))
        config, location = _terminal_config(central, found.id)
        call = await hub.place(found, location, config, hello.context, peer, hello.resume)
        if call is None:
            await ws.close(1000)
            return
        while call.state != "ended":
            await hub.terminal_message(call, await _receive_json(ws))
        await ws.close(1000)
    except WebSocketDisconnect:
        pass
    except (ValueError, ValidationError) as exc:  # JSONDecodeError is a ValueError
        await _protocol_error(ws, exc)
    finally:
        peer.open = False
        if call is not None and call.peer is peer:
            await hub.terminal_left(call)


# -- agent --------------------------------------------------------------------------------------
@router.post(
    "/agent/session",
    response_model=AgentSession,
    responses=errors(400, 401, 422, 429),
    summary="An agent signs in (rate-limited per user name)",
)
async def sign_in(body: AgentSignIn, central: CentralDep) -> dict[str, Any]:
    subject = central.limiter.secret("agent_signin", body.username, "agent sign-in")
    central.limiter.guard([subject])
    agent = video_store.verify_agent(central.db, body.username, body.password)
    if agent is None:
        central.limiter.failed("-", [subject])
        raise HTTPException(401, "wrong user name or password")
    central.limiter.succeeded([subject])
    ttl = central.settings.video.agent_session_s
    token, expires = video_store.open_session(central.db, agent, central.now(), ttl)
    return {"token": token, "expires_at": expires, "agent": agent.public()}


@router.delete(
    "/agent/session", status_code=204, responses=errors(401, 422), summary="The agent signs out"
)
async def sign_out(
    central: CentralDep,
    agent: AgentDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_agent_bearer)],
) -> Response:
    assert creds is not None
    video_store.close_session(central.db, creds.credentials, central.now())
    return Response(status_code=204)


@router.get(
    "/agent/me", response_model=Agent, responses=errors(401, 422), summary="Who is signed in"
)
async def me(agent: AgentDep) -> dict[str, str]:
    return agent.public()


@router.websocket("/agent")
async def agent_socket(ws: WebSocket) -> None:
    central: Central = ws.app.state.central
    hub: VideoHub = ws.app.state.video
    await ws.accept()
    link = None
    try:
        hello = AgentHello.model_validate(await _receive_json(ws))
        agent = video_store.session_agent(central.db, hello.token, central.now())
        if agent is None:
            await ws.close(4401, "sign in as an agent first")
            return
        link = AgentLink(agent, Peer(ws.send_text))
        await link.peer.send({"type": "welcome", "agent": agent.public()})
        await hub.agent_joined(link)
        while True:
            await hub.agent_message(link, await _receive_json(ws))
    except WebSocketDisconnect:
        pass
    except (ValueError, ValidationError) as exc:
        await _protocol_error(ws, exc)
    finally:
        if link is not None:
            link.peer.open = False
            await hub.agent_left(link)


# -- the call record ------------------------------------------------------------------------
def _call_of(central: Central, call_id: str, agent: video_store.AgentRow) -> dict[str, Any]:
    record = video_store.call_record(central.db, central.keys, call_id)
    if record is None:
        raise HTTPException(404, "no such call")
    if record["agent_id"] != agent.id and agent.role != "supervisor":
        raise HTTPException(403, "another agent's call")
    return record


@router.get(
    "/calls/{call_id}",
    response_model=CallRecord,
    responses=errors(401, 403, 404, 422),
    summary="A call: when, which terminal, the note and the snapshots",
)
async def get_call(call_id: str, central: CentralDep, agent: AgentDep) -> dict[str, Any]:
    return _call_of(central, call_id, agent)


@router.put(
    "/calls/{call_id}/note",
    status_code=204,
    # a JSON body: malformed (400), too large (413) or not JSON (415) like any other
    responses=errors(400, 401, 403, 404, 413, 415, 422),
    summary="The agent's note on the call (kept encrypted)",
)
async def put_note(call_id: str, body: CallNote, central: CentralDep, agent: AgentDep) -> Response:
    _call_of(central, call_id, agent)
    video_store.save_note(central.db, central.keys, call_id, body.text)
    return Response(status_code=204)


@router.post(
    "/calls/{call_id}/snapshots",
    status_code=201,
    response_model=SnapshotSaved,
    responses=errors(401, 403, 404, 413, 415, 422),
    summary="A frame of the document camera, saved to the call (raw image/jpeg or image/png)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in IMAGE_TYPES},
        }
    },
)
async def post_snapshot(
    call_id: str, request: Request, central: CentralDep, agent: AgentDep
) -> dict[str, Any]:
    _call_of(central, call_id, agent)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in IMAGE_TYPES:
        raise HTTPException(415, f"send the image as one of {', '.join(sorted(IMAGE_TYPES))}")
    limit = central.settings.video.max_snapshot_bytes
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPException(413, f"a snapshot is at most {limit} bytes")
    if not body:
        raise HTTPException(422, "the snapshot is empty")
    return video_store.save_snapshot(
        central.db, central.keys, call_id, agent.id, bytes(body), media_type, central.now()
    )


@router.get(
    "/calls/{call_id}/snapshots/{snap_id}",
    responses={200: {"content": {"image/jpeg": {}}}, **errors(401, 403, 404, 422)},
    summary="A saved snapshot",
)
async def get_snapshot(
    call_id: str, snap_id: str, central: CentralDep, agent: AgentDep
) -> Response:
    _call_of(central, call_id, agent)
    found = video_store.snapshot(central.db, central.keys, call_id, snap_id)
    if found is None:
        raise HTTPException(404, "no such snapshot")
    image, media_type = found
    return Response(image, media_type=media_type, headers={"Cache-Control": "no-store"})


@router.get(
    "/callbacks",
    response_model=list[CallbackRequest],
    responses=errors(401, 422),
    summary="Citizens waiting to be phoned back",
)
async def callbacks(central: CentralDep, agent: AgentDep) -> list[dict[str, Any]]:
    return video_store.open_callbacks(central.db, central.keys)


@router.post(
    "/callbacks/{key}/done",
    status_code=204,
    responses=errors(401, 404, 422),
    summary="A call-back was made",
)
async def callback_done(key: str, central: CentralDep, agent: AgentDep) -> Response:
    if not video_store.callback_done(central.db, key, agent.id, central.now()):
        raise HTTPException(404, "no open call-back with this key")
    return Response(status_code=204)


# -- the console --------------------------------------------------------------------------------
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css"}


@console_router.get("/video/console/{name:path}")
async def console_file(name: str) -> Response:
    name = name or "index.html"
    path = (CONSOLE / name).resolve()
    if path.parent != CONSOLE or path.suffix not in _TYPES or not path.is_file():
        raise HTTPException(404, "not found")
    headers = {
        "Cache-Control": "no-cache",
        # the console may use the camera and microphone, and nothing may frame it
        "Content-Security-Policy": "default-src 'self'; img-src 'self' blob: data:;"
        " media-src 'self' blob: mediastream:; connect-src 'self' ws: wss:;"
        " frame-ancestors 'none'",
        "Permissions-Policy": "camera=(self), microphone=(self)",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(path.read_bytes(), media_type=_TYPES[path.suffix], headers=headers)


@console_router.get("/video/console")
async def console_root() -> Response:
    return Response(status_code=307, headers={"Location": "/video/console/"})
