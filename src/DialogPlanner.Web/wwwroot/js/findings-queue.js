// Findings are written to the phone (IndexedDB) first and uploaded from there, so a finding made
// without a connection is kept and sent when the connection returns — never lost silently.
(() => {
  "use strict";
  const form = document.querySelector("form.finding-form");
  if (!form || !("indexedDB" in window)) return; // without IndexedDB the plain form post still works
  const texts = document.getElementById("queue-texts").dataset;
  const status = document.getElementById("queue-status");
  const url = form.dataset.queueUrl;
  const store = "queue-" + form.dataset.walk;
  let flushing = false;

  const format = (text, value) => text.replace("{0}", value);
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
      t.oncomplete = () => resolve(result.result);
      t.onerror = () => reject(t.error);
    });
  }
  const all = async () => (await tx("readonly", s => s.getAll())).filter(item => item.store === store);
  const put = item => tx("readwrite", s => s.put(item));
  const remove = clientId => tx("readwrite", s => s.delete(clientId));

  function show(message) { status.textContent = message; }

  function addToList(item) {
    const li = document.createElement("li");
    const strong = document.createElement("strong");
    strong.textContent = item.categoryText;
    li.append(strong, ": " + item.description);
    document.getElementById("my-findings").prepend(li);
  }

  async function flush() {
    if (flushing) return;
    flushing = true;
    let sent = 0;
    try {
      let queued = await all();
      for (const item of queued) {
        show(format(texts.sending, queued.length));
        const body = new FormData();
        for (const [key, value] of Object.entries(item.fields)) body.append(key, value);
        body.append("ClientId", item.clientId);
        if (item.photo) body.append("Photo", item.photo, item.photoName || "photo.jpg");
        let response;
        try {
          response = await fetch(url, { method: "POST", body, headers: { "Accept": "application/json", "RequestVerificationToken": item.token }, credentials: "same-origin" });
        } catch {
          break; // offline: keep everything, try again later
        }
        if (response.ok) {
          await remove(item.clientId);
          addToList(item);
          sent++;
        } else if (response.status === 400) {
          // The server will never accept this one as it is: tell the user what is wrong.
          const problem = await response.json().catch(() => ({ errors: {} }));
          await remove(item.clientId);
          show(format(texts.rejected, Object.values(problem.errors || {}).join(" ")));
          return;
        } else {
          break; // server trouble: keep and retry
        }
        queued = await all();
      }
      const left = (await all()).length;
      show(left ? format(texts.waiting, left) : sent ? texts.saved : "");
    } finally {
      flushing = false;
    }
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    const category = data.get("Category");
    const description = (data.get("Description") || "").toString().trim();
    if (!category || !description) { show(texts.missing); return; }
    const photo = data.get("Photo");
    const fields = {};
    for (const key of ["Category", "Description", "Place", "Latitude", "Longitude"]) fields[key] = (data.get(key) || "").toString();
    await put({
      clientId: uuid(), store, fields, description,
      categoryText: form.querySelector(`label[for="category-${category}"]`).textContent,
      photo: photo && photo.size ? photo : null, photoName: photo && photo.name,
      token: data.get("__RequestVerificationToken"),
    });
    form.reset();
    document.getElementById("location-status").textContent = "";
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
  setInterval(flush, 15000);
  flush();
})();
