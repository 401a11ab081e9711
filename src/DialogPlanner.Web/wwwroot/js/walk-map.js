// The walk map: an extra on top of the lists the page already has. It reads #walk-map-data (see
// WalkMapData.cs), loads Leaflet from /lib/leaflet and draws the route's numbered stops, the line between
// them and the findings. Without Leaflet (not installed, or blocked) it draws nothing and the lists remain.
// With "pick" a tap on the map fills in a position: the route editor's stop, the recorder's finding, or
// ("centre") a municipality's centre on its settings page.
(() => {
  "use strict";
  const source = document.getElementById("walk-map-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const slot = document.getElementById(data.slot);
  if (!slot) return;

  const format = (text, ...args) => text.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)]);

  function load(tag, attributes) {
    return new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.appendChild(element);
    });
  }

  function loadLeaflet() {
    if (window.L) return Promise.resolve();
    return Promise.all([
      load("link", { rel: "stylesheet", href: data.leafletCss }),
      load("script", { src: data.leafletJs }),
    ]);
  }

  function stopIcon(number) {
    return L.divIcon({ className: "stop-marker", html: `<span>${number}</span>`, iconSize: [28, 28], iconAnchor: [14, 14] });
  }

  function popup(title, text, href) {
    const box = document.createElement("div");
    const strong = document.createElement("strong");
    strong.textContent = title;
    box.append(strong, document.createTextNode(text ? `: ${text}` : ""));
    if (href) {
      box.append(document.createElement("br"), Object.assign(document.createElement("a"), { href, textContent: data.texts.inList }));
    }
    return box;
  }

  function draw() {
    const container = document.createElement("div");
    container.className = "walk-map" + (data.tileUrl ? "" : " no-tiles") + (data.pick === "record" || data.pick === "centre" ? " small" : "");
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", data.label);
    slot.appendChild(container);

    const map = L.map(container, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: data.texts.zoomIn, zoomOutTitle: data.texts.zoomOut }).addTo(map);
    if (data.tileUrl) L.tileLayer(data.tileUrl, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
    else map.attributionControl.setPrefix(false);

    const points = [];
    const line = [];
    for (const stop of data.stops) {
      if (stop.lat == null || stop.lon == null) continue;
      const title = format(data.texts.stop, stop.number, stop.name);
      L.marker([stop.lat, stop.lon], { icon: stopIcon(stop.number), title, alt: title }).bindPopup(popup(title)).addTo(map);
      line.push([stop.lat, stop.lon]);
      points.push([stop.lat, stop.lon]);
    }
    if (line.length > 1) L.polyline(line, { color: "#0a4f8a", weight: 4, opacity: 0.8, interactive: false }).addTo(map);

    for (const finding of data.findings) {
      L.circleMarker([finding.lat, finding.lon], { radius: 8, color: "#7a0019", weight: 2, fillColor: "#d4351c", fillOpacity: 0.85, className: `finding-marker category-${finding.category}` })
        .bindPopup(popup(finding.categoryText, finding.description, `#finding-${finding.id}`)).addTo(map);
      points.push([finding.lat, finding.lon]);
    }

    if (points.length > 1) map.fitBounds(points, { padding: [24, 24], maxZoom: 17 });
    else if (points.length === 1) map.setView(points[0], 16);
    else if (data.center) map.setView(data.center, 14);
    else map.setView([62, 16], 4); // all of Sweden

    if (data.pick) enablePicking(map);
    const hint = document.querySelector(".map-hint");
    if (hint && data.pick) hint.hidden = false;
  }

  // Which fields a tap fills: the route editor fills the stop chosen under "Position för stoppet",
  // or the new-stop fields when none is chosen; the recorder fills the finding's hidden position.
  function targets() {
    if (data.pick === "record") return { lat: "Latitude", lon: "Longitude", status: "location-status" };
    if (data.pick === "centre") return { lat: "Latitude", lon: "Longitude", status: "map-status" };
    const chosen = document.getElementById("position-stop");
    return chosen && chosen.value ? { lat: "position-lat", lon: "position-lon", status: "map-status" } : { lat: "stop-lat", lon: "stop-lon", status: "map-status" };
  }

  function enablePicking(map) {
    let marker = null;
    map.on("click", event => {
      const target = targets();
      const lat = event.latlng.lat.toFixed(6);
      const lon = event.latlng.wrap().lng.toFixed(6);
      document.getElementById(target.lat).value = lat;
      document.getElementById(target.lon).value = lon;
      document.getElementById(target.status).textContent = format(data.texts.picked, lat, lon);
      if (marker) marker.setLatLng(event.latlng);
      else marker = L.circleMarker(event.latlng, { radius: 10, color: "#1e7b34", weight: 3, fillOpacity: 0.3 }).addTo(map);
    });
    // The recorder's form is emptied after each finding: the tapped position goes with it.
    const form = document.getElementById(data.pick === "route" ? "stop-lat" : "Latitude")?.form;
    form?.addEventListener("reset", () => { if (marker) { marker.remove(); marker = null; } });
  }

  loadLeaflet().then(draw).catch(() => { /* no Leaflet: the page stays the lists it is */ });
})();
