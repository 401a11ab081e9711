// Findings are written to the phone (IndexedDB) first and uploaded from there, so a finding made
// without a connection is kept and sent when the connection returns — never lost silently.
(() => {
  "use strict";
  const form = document.querySelector("form.finding-form");
  if (!form || !("indexedDB" in window)) return; // without IndexedDB the plain form post still works
  const texts = document.getElementById("queue-texts").dataset;
  const status = document.getElementById("queue-status");
  const list = document.getElementById("my-findings");
  const submit = form.querySelector("button[type=submit]");
  const store = "queue-" + form.dataset.walk;
  let flushing = false;
  let again = false;

  const format = (text, value) => text.replace("{0}", value);
  const count = (n, one, many) => (n === 1 ? one : format(many, n));
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID()
    : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, c => (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16)));

  function open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open("dialogplanner-findings", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("queue", { keyPath: "clientId" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
  async function tx(mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const t = db.transaction("queue", mode);
      const result = work(t.objectStore("queue"));
      t.oncomplete = () => { db.close(); resolve(result.result); };
      t.onerror = () => { db.close(); reject(t.error); };
    });
  }
  const all = async () => (await tx("readonly", s => s.getAll()))
    .filter(item => item.store === store).sort((a, b) => (a.queuedAt || 0) - (b.queuedAt || 0));
  const put = item => tx("readwrite", s => s.put(item));
  const remove = clientId => tx("readwrite", s => s.delete(clientId));

  function show(message) { status.textContent = message; }

  // What the phone still holds, said plainly: kept here, not sent yet, and sent by itself later.
  function showWaiting(left, offline) {
    const kept = count(left, texts.waitingOne, texts.waitingMany);
    show(offline ? texts.offline + " " + kept : kept);
  }

  function listed(clientId) { return list.querySelector(`li[data-client-id="${clientId}"]`); }

  function addToList(item) {
    if (listed(item.clientId)) return;
    const li = document.createElement("li");
    li.dataset.clientId = item.clientId;
    const strong = document.createElement("strong");
    strong.textContent = item.categoryText;
    const pending = document.createElement("span");
    pending.className = "pending";
    pending.textContent = " " + texts.pending;
    li.append(strong, ": " + item.description, pending);
    list.prepend(li);
  }

  function markSent(clientId) {
    listed(clientId)?.querySelector(".pending")?.remove();
  }

  // The token of the page as it is now: the phone may have been restarted or signed in since the finding was kept.
  const currentToken = () => form.querySelector("input[name=__RequestVerificationToken]")?.value;

  async function send(item) {
    const body = new FormData();
    for (const [key, value] of Object.entries(item.fields)) body.append(key, value);
    body.append("ClientId", item.clientId);
    if (item.photo) body.append("Photo", item.photo, item.photoName || "photo.jpg");
    // A stalled upload on a weak connection is given up and tried again; the ClientId keeps it single.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 120000);
    try {
      return await fetch(item.url || form.dataset.queueUrl, {
        method: "POST", body, signal: abort.signal, credentials: "same-origin",
        headers: { "Accept": "application/json", "RequestVerificationToken": currentToken() || item.token },
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function flush() {
    if (flushing) { again = true; return; }
    flushing = true;
    try {
      do {
        again = false;
        await flushOnce();
      } while (again);
    } finally {
      flushing = false;
    }
  }

  async function flushOnce() {
    let queued = await all();
    if (!queued.length) return;
    if (!navigator.onLine) { showWaiting(queued.length, true); return; }
    let sent = 0;
    while (queued.length) {
      const item = queued[0];
      show(count(queued.length, texts.sendingOne, texts.sendingMany));
      let response;
      try {
        response = await send(item);
      } catch {
        showWaiting(queued.length, true); // offline or stalled: keep everything, try again later
        return;
      }
      if (response.ok) {
        await remove(item.clientId);
        markSent(item.clientId);
        sent++;
      } else {
        const problem = response.status === 400 ? await response.json().catch(() => null) : null;
        if (!problem || !problem.errors) {
          // Server trouble, a stale form token or a moment without access: keep it and try again later.
          showWaiting(queued.length, false);
          return;
        }
        // The server will never accept this one as it is: say so, and say what is wrong.
        await remove(item.clientId);
        listed(item.clientId)?.remove();
        show(format(texts.rejected, Object.values(problem.errors).join(" ")));
        return;
      }
      queued = await all();
    }
    show(count(sent, texts.sentOne, texts.sentMany));
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    const category = data.get("Category");
    const description = (data.get("Description") || "").toString().trim();
    if (!category || !description) { show(texts.missing); return; }
    submit.disabled = true;
    try {
      const photo = data.get("Photo");
      const fields = {};
      for (const key of ["Category", "Description", "Place", "Latitude", "Longitude"]) fields[key] = (data.get(key) || "").toString();
      const item = {
        clientId: uuid(), store, url: form.dataset.queueUrl, queuedAt: Date.now(), fields, description,
        categoryText: form.querySelector(`label[for="category-${category}"]`).textContent,
        photo: photo && photo.size ? photo : null, photoName: photo && photo.name,
        token: data.get("__RequestVerificationToken"),
      };
      await put(item);
      addToList(item);
      form.reset();
      // Hidden fields keep a set value through reset(): the next finding must not inherit this one's position.
      document.getElementById("Latitude").value = "";
      document.getElementById("Longitude").value = "";
      document.getElementById("location-status").textContent = "";
      // The save button sits at the bottom of a phone's screen: bring up what happened and the next finding's first step.
      document.getElementById("new-finding")?.scrollIntoView({ block: "start" });
    } finally {
      submit.disabled = false;
    }
    await flush();
  });

  const locate = form.querySelector("button.locate");
  locate.addEventListener("click", () => {
    const line = document.getElementById("location-status");
    if (!navigator.geolocation) { line.textContent = locate.dataset.failed; return; }
    line.textContent = locate.dataset.locating;
    navigator.geolocation.getCurrentPosition(position => {
      document.getElementById("Latitude").value = position.coords.latitude.toFixed(6);
      document.getElementById("Longitude").value = position.coords.longitude.toFixed(6);
      line.textContent = format(locate.dataset.located, Math.round(position.coords.accuracy));
    }, () => { line.textContent = locate.dataset.failed; }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
  });

  window.addEventListener("online", flush);
  window.addEventListener("offline", async () => {
    const left = (await all()).length;
    if (left) showWaiting(left, true);
  });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") flush(); });
  setInterval(flush, 15000);
  all().then(items => { items.forEach(addToList); flush(); });
})();
