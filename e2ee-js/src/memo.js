// Voice memos on an idea's page (a page bundle, loaded only there): record
// in the browser or pick a file, have the island core seal it, upload its
// chunks to the URLs the server signed (with progress), and play memos
// back by download and decrypt. This script never holds the vault's key:
// it asks the core by event. It runs again whenever htmx swaps the page in.
import { go } from "./nav.js";

const CHUNK = 1 << 20;
const OVERHEAD = 28; // nonce and tag per chunk

function island(type, detail) {
  return new Promise((resolve, reject) => {
    document.dispatchEvent(new CustomEvent(type, { detail: { ...detail, reply: (err, out) => (err ? reject(err) : resolve(out)) } }));
  });
}

async function api(method, url, body) {
  const token = document.querySelector('meta[name="csrf-token"]');
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": token ? token.content : "" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = {};
  try {
    data = await res.json();
  } catch {
    // not JSON: the message below
  }
  if (res.status === 423) {
    document.dispatchEvent(new CustomEvent("island:refused")); // the core locks and asks to unlock
    throw new Error("Your vault is locked: unlock it, then retry.");
  }
  if (!res.ok) throw new Error(data.error || "The server did not answer. Try again.");
  return data;
}

function put(url, body, progress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open("PUT", url);
    x.upload.onprogress = (e) => progress(e.loaded);
    x.onload = () => (x.status < 300 ? resolve() : reject(new Error(`status ${x.status}`)));
    x.onerror = () => reject(new Error("no answer"));
    x.send(body);
  });
}

function mb(n) {
  return (n / 1e6).toFixed(1) + " MB";
}

function recorder(root) {
  const $ = (s) => root.querySelector(s);
  const status = $("[data-memo-status]");
  const bar = $("[data-memo-progress]");
  const retry = $("[data-memo-retry]");
  const recordBtn = $("[data-memo-record]");
  const stopBtn = $("[data-memo-stop]");
  let pending = null; // the memo to retry
  let rec = null;

  function problem(message) {
    const p = $("[data-memo-problem]");
    p.textContent = message || "";
    p.hidden = !message;
  }

  async function upload(blob) {
    pending = blob;
    retry.hidden = true;
    problem("");
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes.length === 0) return problem("The recording is empty.");
    const sizes = [];
    for (let at = 0; at < bytes.length || at === 0; at += CHUNK) sizes.push(Math.min(CHUNK, bytes.length - at) + OVERHEAD);
    const total = sizes.reduce((a, b) => a + b, 0);
    const max = Number(root.dataset.memoMax);
    if (total > max) return problem(`This memo is ${mb(total)}; the most a memo may be is ${mb(max)}.`);
    let stage = "sealing";
    try {
      const started = await api("POST", root.dataset.memoStart, { chunks: sizes });
      const sealed = await island("island:seal-file", { kind: "memo", record: started.memo_id, bytes, type: blob.type || "audio/webm" });
      stage = "uploading";
      bar.hidden = false;
      bar.value = 0;
      let sent = 0;
      for (let i = 0; i < sealed.chunks.length; i++) {
        status.textContent = `Uploading ${mb(sent)} of ${mb(total)}…`;
        await put(started.urls[i], sealed.chunks[i], (n) => (bar.value = Math.round(((sent + n) * 100) / total)));
        sent += sealed.chunks[i].length;
      }
      stage = "saving";
      await api("POST", `${root.dataset.memoStart}/${started.memo_id}/complete`, { manifest: sealed.manifest });
      pending = null;
      status.textContent = "Saved.";
      go(`${location.pathname}?done=memo-saved#memos`);
    } catch (err) {
      bar.hidden = true;
      status.textContent = "";
      problem(stage === "uploading" ? "The upload did not finish: the file store did not answer. Your idea is saved; retry the memo." : err.message);
      retry.hidden = false;
    }
  }

  async function start() {
    problem("");
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      return problem("The microphone is not available: allow it for this site, or add an audio file.");
    }
    const parts = [];
    rec = new MediaRecorder(stream);
    rec.ondataavailable = (e) => e.data.size && parts.push(e.data);
    rec.onstop = () => {
      stream.getTracks().forEach((t) => t.stop());
      recordBtn.hidden = false;
      stopBtn.hidden = true;
      upload(new Blob(parts, { type: rec.mimeType }));
    };
    const began = Date.now();
    const tick = setInterval(() => {
      if (rec.state !== "recording") return clearInterval(tick);
      const s = Math.floor((Date.now() - began) / 1000);
      status.textContent = `Recording… ${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    }, 250);
    rec.start(1000);
    recordBtn.hidden = true;
    stopBtn.hidden = false;
    stopBtn.focus();
    status.textContent = "Recording…";
  }

  recordBtn.addEventListener("click", start);
  stopBtn.addEventListener("click", () => rec && rec.state === "recording" && rec.stop());
  $("[data-memo-file]").addEventListener("change", (e) => e.target.files[0] && upload(e.target.files[0]));
  retry.addEventListener("click", () => pending && upload(pending));
}

async function play(btn) {
  const row = btn.closest("[data-record]");
  const audio = row.querySelector("[data-memo-audio]");
  const p = row.querySelector("[data-memo-problem]");
  p.hidden = true;
  btn.disabled = true;
  try {
    const memo = await api("GET", btn.dataset.memoPlay);
    const chunks = [];
    for (const url of memo.urls) {
      // Always from the store: a signed URL is new each second, so a kept
      // copy would only fill the disk, and could hide what the store holds.
      const res = await fetch(url, { cache: "no-store" });
      if (!res.ok) throw new Error("The memo could not be downloaded. Try again.");
      chunks.push(new Uint8Array(await res.arrayBuffer()));
    }
    const out = await island("island:open-file", { kind: "memo", record: row.dataset.record, manifest: memo.manifest, chunks });
    audio.src = URL.createObjectURL(new Blob(out.parts, { type: out.type }));
    audio.hidden = false;
    btn.hidden = true;
    await audio.play().catch(() => {});
  } catch (err) {
    p.textContent = err.message || "This item could not be decrypted.";
    p.hidden = false;
  } finally {
    btn.disabled = false;
  }
}

for (const root of document.querySelectorAll("#memo-recorder:not([data-memo-bound])")) {
  root.dataset.memoBound = "";
  recorder(root);
}
for (const btn of document.querySelectorAll("[data-memo-play]:not([data-memo-bound])")) {
  btn.dataset.memoBound = "";
  btn.addEventListener("click", () => play(btn));
}
const wired = document.documentElement.dataset;
if (!("memoWired" in wired)) {
  wired.memoWired = "";
  document.addEventListener("vault:locked", forgetAudio);
}

// forgetAudio drops decrypted audio from the page when the vault locks.
function forgetAudio() {
  for (const audio of document.querySelectorAll("[data-memo-audio]")) {
    if (audio.src) URL.revokeObjectURL(audio.src);
    audio.removeAttribute("src");
    audio.hidden = true;
  }
  for (const btn of document.querySelectorAll("[data-memo-play]")) btn.hidden = false;
}
