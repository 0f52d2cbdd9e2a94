"use strict";
// The agent's console: sign in, the queue, answer, the two pictures, the document camera's
// snapshot saved to the call, end, a note. Plain JS for current Chromium and Firefox; the
// service's protocol is in contract/wire.py (video help).
const $ = (id) => document.getElementById(id);
const api = "/api/v1/video";
const state = { token: null, agent: null, ws: null, pc: null, call: null, docMid: null,
  local: null, recorder: null, chunks: [], pendingIce: [] };

function headers(extra) {
  return Object.assign({ Authorization: "Bearer " + state.token }, extra || {});
}

async function signIn(ev) {
  ev.preventDefault();
  $("sign_in_error").textContent = "";
  const r = await fetch(api + "/agent/session", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: $("username").value, password: $("password").value }),
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) { $("sign_in_error").textContent = body.detail || ("HTTP " + r.status); return; }
  state.token = body.token; state.agent = body.agent;
  $("password").value = "";
  $("who").textContent = body.agent.display_name;
  $("sign_in_panel").hidden = true; $("desk").hidden = false; $("sign_out").hidden = false;
  try {
    state.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    $("self_video").srcObject = state.local;
  } catch (e) { status("本机摄像头不可用 Camera unavailable: " + e.name); }
  openSocket();
  loadCallbacks();
}

function openSocket() {
  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + api + "/agent";
  const ws = state.ws = new WebSocket(url);
  ws.onopen = () => ws.send(JSON.stringify({ type: "hello", token: state.token }));
  ws.onmessage = (m) => onMessage(JSON.parse(m.data));
  ws.onclose = (e) => {
    if (state.ws !== ws) return;
    status("与中心的连接已断开 Connection lost (" + e.code + ")");
    $("answer").disabled = true;
    if (state.token) setTimeout(openSocket, 2000);
  };
}

function send(msg) { if (state.ws && state.ws.readyState === 1) state.ws.send(JSON.stringify(msg)); }
function status(text) { $("call_status").textContent = text; }

function onMessage(msg) {
  switch (msg.type) {
    case "queue": return showQueue(msg);
    case "call": return startCall(msg);
    case "signal": return onSignal(msg.data);
    case "doc_sharing":
      $("doc_state").textContent = msg.on ? "共享中 shared" : "未共享 not shared";
      $("snapshot").disabled = !msg.on;
      return;
    case "peer_left": return status("群众端网络中断，等待重连 Terminal link lost, waiting " + msg.grace_s + " s");
    case "peer_back": return status("已重新连接 Terminal back");
    case "ended": return endCall("通话已结束 Call ended (" + msg.by + ")");
    case "error": return status(msg.detail);
  }
}

function showQueue(msg) {
  $("queue_count").textContent = msg.calls.length;
  $("answer").disabled = !msg.calls.length || !!state.call;
  const ol = $("queue"); ol.textContent = "";
  for (const c of msg.calls) {
    const li = document.createElement("li");
    li.dataset.callId = c.call_id;
    li.textContent = `${c.terminal_name} · ${c.flow}${c.screen ? "/" + c.screen : ""} · ${c.waiting_s}s` +
      (c.camera ? "" : " · 仅语音 audio only") + (c.elder ? " · 长辈模式" : "");
    ol.appendChild(li);
  }
}

async function startCall(msg) {
  state.call = msg.call;
  state.docMid = null;
  $("call_title").textContent = "通话中 In call: " + msg.call.terminal_name;
  $("call_where").textContent = `${msg.call.site} ${msg.call.location} · 事项 flow: ${msg.call.flow}` +
    (msg.call.screen ? " / " + msg.call.screen : "") + ` · ${msg.call.language}`;
  $("recording_note").hidden = !msg.recording;
  for (const id of ["end", "ask_doc", "note", "save_note"]) $(id).disabled = false;
  $("answer").disabled = true;
  $("snapshots").textContent = ""; $("note").value = ""; $("note_saved").textContent = "";
  const pc = state.pc = new RTCPeerConnection({ iceServers: msg.ice_servers || [] });
  pc.onicecandidate = (e) => { if (e.candidate) send({ type: "signal", data: { candidate: e.candidate.toJSON() } }); };
  pc.onconnectionstatechange = () => status("媒体 media: " + pc.connectionState);
  const citizen = new MediaStream();
  pc.ontrack = (e) => {
    if (e.track.kind === "video" && e.transceiver.mid === state.docMid) {
      $("doc_video").srcObject = new MediaStream([e.track]);
    } else {
      citizen.addTrack(e.track);
      $("citizen_video").srcObject = citizen;
    }
  };
  if (msg.recording) startRecording(citizen);
  status("等待群众端 Waiting for the terminal's offer");
}

async function onSignal(data) {
  const pc = state.pc;
  if (!pc) return;
  if (data.sdp) {
    state.docMid = data.doc_mid || null;
    await pc.setRemoteDescription(data.sdp);
    if (state.local) for (const t of state.local.getTracks()) pc.addTrack(t, state.local);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    send({ type: "signal", data: { sdp: pc.localDescription.toJSON() } });
    for (const c of state.pendingIce.splice(0)) await pc.addIceCandidate(c).catch(() => {});
  } else if (data.candidate) {
    if (!pc.remoteDescription) state.pendingIce.push(data.candidate);
    else await pc.addIceCandidate(data.candidate).catch(() => {});
  }
}

function startRecording(stream) {
  // recording is made here, on the agent's side, never on the terminal
  try {
    state.chunks = [];
    state.recorder = new MediaRecorder(stream);
    state.recorder.ondataavailable = (e) => { if (e.data.size) state.chunks.push(e.data); };
    state.recorder.start(1000);
  } catch (e) { status("无法录像 Cannot record: " + e); }
}

function stopRecording() {
  const rec = state.recorder;
  state.recorder = null;
  if (!rec || rec.state === "inactive") return;
  rec.onstop = () => {
    const blob = new Blob(state.chunks, { type: rec.mimeType || "video/webm" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "call-" + (state.lastCallId || "video") + ".webm";
    a.textContent = "下载录像 Download recording";
    $("snapshots").appendChild(Object.assign(document.createElement("li"), {})).appendChild(a);
  };
  rec.stop();
}

async function snapshot() {
  const v = $("doc_video");
  if (!state.call || !v.videoWidth) { status("高拍仪画面还没有到 No document frame yet"); return; }
  const c = document.createElement("canvas");
  c.width = v.videoWidth; c.height = v.videoHeight;
  c.getContext("2d").drawImage(v, 0, 0);
  const blob = await new Promise((ok) => c.toBlob(ok, "image/jpeg", 0.92));
  const r = await fetch(`${api}/calls/${state.call.call_id}/snapshots`, {
    method: "POST", headers: headers({ "Content-Type": "image/jpeg" }), body: blob,
  });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) { status("截图未保存 Snapshot not saved: " + (body.detail || r.status)); return; }
  const li = document.createElement("li");
  li.dataset.snapshotId = body.id;
  const img = document.createElement("img");
  img.src = URL.createObjectURL(blob);
  img.alt = body.id;
  li.append(img, ` ${body.id} · ${body.size} B`);
  $("snapshots").appendChild(li);
  status("截图已存入本次通话 Snapshot saved to the call");
}

async function saveNote() {
  const id = state.call ? state.call.call_id : state.lastCallId;
  if (!id || !$("note").value.trim()) return;
  const r = await fetch(`${api}/calls/${id}/note`, {
    method: "PUT", headers: headers({ "Content-Type": "application/json" }),
    body: JSON.stringify({ text: $("note").value }),
  });
  $("note_saved").textContent = r.ok ? "已保存 saved" : "未保存 not saved (" + r.status + ")";
}

function endCall(text) {
  if (state.call) state.lastCallId = state.call.call_id;
  stopRecording();
  if (state.pc) state.pc.close();
  state.pc = null; state.call = null; state.pendingIce = [];
  for (const id of ["citizen_video", "doc_video"]) $(id).srcObject = null;
  for (const id of ["end", "ask_doc", "snapshot"]) $(id).disabled = true;
  $("doc_state").textContent = "未共享 not shared";
  $("call_title").textContent = "无通话 No call";
  status(text);
}

async function loadCallbacks() {
  const r = await fetch(api + "/callbacks", { headers: headers() });
  if (!r.ok) return;
  const ul = $("callbacks"); ul.textContent = "";
  for (const cb of await r.json()) {
    const li = document.createElement("li");
    li.textContent = `${cb.phone} · ${cb.terminal_id} · ${cb.reason} · ${cb.requested_at} `;
    const done = document.createElement("button");
    done.textContent = "已回电 Done";
    done.onclick = async () => {
      await fetch(`${api}/callbacks/${encodeURIComponent(cb.key)}/done`, { method: "POST", headers: headers() });
      loadCallbacks();
    };
    li.appendChild(done);
    ul.appendChild(li);
  }
}

async function signOut() {
  if (state.call) send({ type: "end" });
  await fetch(api + "/agent/session", { method: "DELETE", headers: headers() }).catch(() => {});
  state.token = null;
  const ws = state.ws; state.ws = null;
  if (ws) ws.close();
  if (state.local) state.local.getTracks().forEach((t) => t.stop());
  location.reload();
}

$("sign_in").addEventListener("submit", signIn);
$("answer").onclick = () => send({ type: "answer" });
$("end").onclick = () => send({ type: "end" });
$("ask_doc").onclick = () => send({ type: "doc_request", on: true });
$("snapshot").onclick = snapshot;
$("save_note").onclick = saveNote;
$("sign_out").onclick = signOut;
setInterval(() => { if (state.token) loadCallbacks(); }, 30000);
