/* rasid map page. Plain JS, no build step.
 * Every string that comes from an article or the API goes into the page through
 * textContent / createTextNode / setAttribute: never innerHTML. */
(function () {
  "use strict";

  var INTERACTIONS = ["consult", "request", "reject", "threaten", "accuse", "support", "agree", "aid"];
  var SYRIA = [[32.3, 35.6], [37.35, 42.4]];
  var state = { type: "", admin1: "", date_from: "", date_to: "", q: "" };
  var govNames = {};          // admin1 (gazetteer spelling, as records carry it) -> Arabic name
  var map, markers, bounds;

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") n.textContent = attrs[k];
      else if (k === "class") n.className = attrs[k];
      else n.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) n.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return n;
  }
  function label(type) { return (type || "").replace(/_/g, " ").replace(/^./, function (c) { return c.toUpperCase(); }); }
  function isInteraction(type) { return INTERACTIONS.indexOf(type) >= 0; }
  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k] !== "" && params[k] != null) q.set(k, params[k]); });
    return q.toString();
  }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }
  function fatText(f) {
    if (!f || f.min == null) return "";
    return f.min === f.max ? f.min + " dead" : f.min + "–" + f.max + " dead";
  }
  function placeText(loc) {
    if (!loc) return "";
    var parts = [loc.text || loc.name, loc.admin1 && govNames[loc.admin1] ? govNames[loc.admin1] : loc.admin1];
    return parts.filter(Boolean).join(" · ");
  }
  function dateText(inc) {
    if (!inc.date_start) return "";
    return inc.date_end && inc.date_end !== inc.date_start ? inc.date_start + " → " + inc.date_end : inc.date_start;
  }

  /* ---------------------------------------------------------------- map */
  function initMap(meta, boundaries) {
    map = L.map("map", { zoomSnap: 0.25, minZoom: 5, maxZoom: 14 });
    map.fitBounds(SYRIA);
    if (meta.tile_url) {
      L.tileLayer(meta.tile_url, { attribution: meta.tile_attribution || "", maxZoom: 18 }).addTo(map);
    }
    var gov = L.geoJSON(boundaries, {
      style: function () { return { color: "#5b6b82", weight: 1, fillColor: "#f4f1ea", fillOpacity: meta.tile_url ? 0.15 : 1 }; },
      onEachFeature: function (f, layer) {
        var p = f.properties;
        var tip = el("span", null, [el("span", { lang: "ar", dir: "rtl", text: p.name_ar }), " · " + p.admin1]);
        layer.bindTooltip(tip, { sticky: true });
        layer.on("click", function () { setFilter("admin1", p.admin1); });
      }
    }).addTo(map);
    bounds = gov.getBounds();
    map.attributionControl.addAttribution("Boundaries: OCHA COD-AB Syria admin-1 (CC BY 3.0 IGO), simplified");
    markers = L.layerGroup().addTo(map);
  }

  function radius(inc) {
    var f = inc.fatalities || {};
    var n = f.conservative != null ? f.conservative : (f.min || 0);
    return Math.min(30, 5 + 2.5 * Math.sqrt(n));
  }

  function drawMarkers(items) {
    markers.clearLayers();
    items.forEach(function (inc) {
      var loc = inc.location || {};
      if (loc.lat == null || loc.lon == null) return;
      var color = isInteraction(inc.type) ? "#2f6db5" : "#b5403a";
      var m = L.circleMarker([loc.lat, loc.lon], { radius: radius(inc), color: "#fff", weight: 1, fillColor: color, fillOpacity: 0.75 });
      var tip = el("div", null, [el("strong", { text: label(inc.type) }), el("br"),
        el("span", { lang: "ar", dir: "rtl", text: loc.text || loc.name || "" }), el("br"),
        dateText(inc) + (fatText(inc.fatalities) ? " · " + fatText(inc.fatalities) : "")]);
      m.bindTooltip(tip);
      m.on("click", function () { showIncident(inc.id); });
      markers.addLayer(m);
    });
  }

  /* ---------------------------------------------------------------- filters */
  function initFilters(meta, boundaries) {
    var counts = {};
    meta.types.forEach(function (t) { counts[t.value] = t.count; });
    var typeSel = $("f-type");
    meta.event_types.forEach(function (t) {
      typeSel.appendChild(el("option", { value: t, text: label(t) + (counts[t] ? " (" + counts[t] + ")" : "") }));
    });
    var govCounts = {};
    meta.admin1.forEach(function (a) { govCounts[a.value] = a.count; });
    var govSel = $("f-admin1");
    boundaries.features.map(function (f) { return f.properties; })
      .sort(function (a, b) { return a.admin1.localeCompare(b.admin1); })
      .forEach(function (p) {
        govNames[p.admin1] = p.name_ar;
        govSel.appendChild(el("option", { value: p.admin1, text: p.admin1 + " — " + p.name_ar + (govCounts[p.admin1] ? " (" + govCounts[p.admin1] + ")" : "") }));
      });
    typeSel.addEventListener("change", function () { setFilter("type", typeSel.value); });
    govSel.addEventListener("change", function () { setFilter("admin1", govSel.value); });
    $("f-from").addEventListener("change", function () { setFilter("date_from", $("f-from").value); });
    $("f-to").addEventListener("change", function () { setFilter("date_to", $("f-to").value); });
    var timer;
    $("f-q").addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { setFilter("q", $("f-q").value.trim()); }, 300);
    });
    $("filters").addEventListener("submit", function (e) { e.preventDefault(); setFilter("q", $("f-q").value.trim()); });
    $("f-reset").addEventListener("click", function () {
      state = { type: "", admin1: "", date_from: "", date_to: "", q: "" };
      syncInputs(); refresh();
    });
    $("tl-clear").addEventListener("click", function () { state.date_from = ""; state.date_to = ""; syncInputs(); refresh(); });
    $("back").addEventListener("click", showList);
  }

  function syncInputs() {
    $("f-type").value = state.type; $("f-admin1").value = state.admin1;
    $("f-from").value = state.date_from; $("f-to").value = state.date_to; $("f-q").value = state.q;
    $("tl-clear").hidden = !(state.date_from || state.date_to);
  }

  function setFilter(key, value) {
    if (state[key] === value) return;
    state[key] = value;
    syncInputs();
    refresh();
  }

  /* ---------------------------------------------------------------- list */
  var seq = 0, lastAdmin1 = "", lastDated = 0;
  function refresh() {
    var my = ++seq;
    var qs = query(Object.assign({ limit: 500 }, state));
    var tlqs = query({ type: state.type, admin1: state.admin1, q: state.q });
    Promise.all([getJSON("/api/incidents?" + qs), getJSON("/api/incidents/timeline?" + tlqs)]).then(function (res) {
      if (my !== seq) return;
      var page = res[0];
      drawMarkers(page.items);
      drawList(page);
      drawTimeline(res[1]);
      if (!state.date_from && !state.date_to && page.total > lastDated) {
        $("tl-note").textContent += " · " + (page.total - lastDated) + " undated incident(s) not shown";
      }
      $("count").textContent = page.total + " incident" + (page.total === 1 ? "" : "s");
      document.querySelectorAll("#downloads a").forEach(function (a) {
        a.setAttribute("href", "/api/export?" + query(Object.assign({ format: a.dataset.format, what: a.dataset.what }, state)));
      });
      if (state.admin1 !== lastAdmin1) {
        lastAdmin1 = state.admin1;
        if (state.admin1) zoomToGov(state.admin1); else map.fitBounds(SYRIA);
      }
    }).catch(showError);
  }

  function zoomToGov(name) {
    map.eachLayer(function (l) {
      if (l.feature && l.feature.properties && l.feature.properties.admin1 === name && l.getBounds) map.fitBounds(l.getBounds(), { maxZoom: 9 });
    });
  }

  function drawList(page) {
    var ol = $("incident-list");
    ol.replaceChildren();
    page.items.forEach(function (inc) {
      var b = el("button", { type: "button", "data-incident-id": String(inc.id) }, [
        el("span", { class: "chip" + (isInteraction(inc.type) ? " interaction" : ""), text: label(inc.type) }), " ",
        el("span", { lang: "ar", dir: "rtl", class: "inc-place", text: placeText(inc.location) }), el("br"),
        el("span", { class: "muted", text: [dateText(inc), fatText(inc.fatalities), inc.n_reports + " report" + (inc.n_reports === 1 ? "" : "s")].filter(Boolean).join(" · ") })
      ]);
      b.addEventListener("click", function () { showIncident(inc.id); });
      ol.appendChild(el("li", null, [b]));
    });
    $("list-more").textContent = page.total > page.items.length ? "showing " + page.items.length + " of " + page.total + " — narrow the filters" :
      (page.total === 0 ? "No incidents match these filters." : "");
  }

  function showList() { $("detail-view").hidden = true; $("list-view").hidden = false; }
  function showError(err) { $("count").textContent = "error: " + err.message; }

  /* ---------------------------------------------------------------- detail */
  function articleNode(rep) {
    // the article, right to left, with the evidence in <mark>; text nodes only
    var div = el("div", { class: "article", dir: "rtl", lang: "ar" });
    var text = rep.text || rep.evidence || "";
    var s = rep.start, e = rep.end;
    if (rep.text && s != null && e != null && s >= 0 && e <= text.length && s <= e) {
      div.appendChild(document.createTextNode(text.slice(0, s)));
      div.appendChild(el("mark", { text: text.slice(s, e) }));
      div.appendChild(document.createTextNode(text.slice(e)));
    } else {
      div.appendChild(el("mark", { text: rep.evidence || "" }));
    }
    return div;
  }

  function showIncident(id) {
    getJSON("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      var d = $("detail");
      d.replaceChildren();
      d.appendChild(el("h2", null, [el("span", { class: "chip" + (isInteraction(inc.type) ? " interaction" : ""), text: label(inc.type) }), " ",
        el("span", { lang: "ar", dir: "rtl", text: placeText(inc.location) })]));
      var dl = el("dl");
      function row(k, v) { if (v) { dl.appendChild(el("dt", { text: k })); dl.appendChild(el("dd", { text: v })); } }
      row("Dates", dateText(inc));
      row("Dead", fatText(inc.fatalities));
      var bys = inc.fatalities && inc.fatalities.by_source ? Object.keys(inc.fatalities.by_source).map(function (k) {
        return k + ": " + (inc.fatalities.by_source[k] == null ? "?" : inc.fatalities.by_source[k]); }).join(", ") : "";
      row("By source", bys);
      row("Actors", (inc.actors || []).join(", "));
      row("Reports", String(inc.n_reports));
      d.appendChild(dl);
      var firstMark = null;
      inc.reports.forEach(function (rep) {
        var art = articleNode(rep);
        var box = el("section", { class: "report" }, [
          el("h3", { dir: "auto", text: rep.title || rep.doc }),
          el("div", { class: "muted", text: [rep.date, rep.outlet, rep.source ? "source: " + rep.source : "", label(rep.type),
            rep.fatalities && rep.fatalities.total != null ? rep.fatalities.total + " dead" : ""].filter(Boolean).join(" · ") }),
          art
        ]);
        if (rep.url && /^https?:\/\//i.test(rep.url)) {
          box.appendChild(el("a", { href: rep.url, target: "_blank", rel: "noopener noreferrer", class: "muted", text: rep.url }));
        }
        d.appendChild(box);
        if (!firstMark) firstMark = art;
      });
      $("list-view").hidden = true;
      $("detail-view").hidden = false;
      $("side").scrollTop = 0;
      d.querySelectorAll(".article").forEach(function (a) {
        var m = a.querySelector("mark");
        if (m) a.scrollTop = Math.max(0, m.offsetTop - a.offsetTop - 40);
      });
      var loc = inc.location || {};
      if (loc.lat != null && loc.lon != null) map.panTo([loc.lat, loc.lon]);
    }).catch(showError);
  }

  /* ---------------------------------------------------------------- timeline */
  var DAY = 86400000;
  function toDay(s) { var p = s.split("-"); return Date.UTC(+p[0], +p[1] - 1, +p[2]) / DAY; }
  function fromDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text != null) n.textContent = text;
    return n;
  }

  function drawTimeline(days) {
    var s = $("tl-svg");
    s.replaceChildren();
    var W = s.clientWidth || 800, H = s.clientHeight || 104, top = 4, bottom = 16;
    lastDated = 0;
    $("tl-note").textContent = "";
    if (!days.length) { s.appendChild(svg("text", { x: 8, y: 40, class: "axis" }, "no dated incidents")); return; }
    // the axis spans the picked dates when there are some (so a drag zooms in), else all the data
    var d0 = state.date_from ? toDay(state.date_from) : toDay(days[0].date);
    var d1 = state.date_to ? toDay(state.date_to) : toDay(days[days.length - 1].date);
    if (d1 < d0) d1 = d0;
    days = days.filter(function (d) { var t = toDay(d.date); return t >= d0 && t <= d1; });
    if (!days.length) { s.appendChild(svg("text", { x: 8, y: 40, class: "axis" }, "no incidents in these dates")); return; }
    var n = d1 - d0 + 1, bw = W / n, max = Math.max.apply(null, days.map(function (d) { return d.incidents; }));
    var from = -Infinity, to = Infinity;
    days.forEach(function (d) {
      var i = toDay(d.date) - d0, h = Math.max(2, (H - top - bottom) * d.incidents / max);
      var inside = i + d0 >= from && i + d0 <= to;
      var w = Math.max(1, Math.min(30, bw - (bw > 3 ? 2 : 0)));
      var r = svg("rect", { x: i * bw + (bw - w) / 2, y: H - bottom - h, width: w, height: h,
        class: "bar" + (inside ? "" : " out"), "data-date": d.date });
      r.appendChild(svg("title", {}, d.date + ": " + d.incidents + " incident(s), " + d.fatalities + " dead"));
      s.appendChild(r);
    });
    s.appendChild(svg("text", { x: 2, y: H - 3, class: "axis" }, fromDay(d0)));
    s.appendChild(svg("text", { x: W - 2, y: H - 3, class: "axis", "text-anchor": "end" }, fromDay(d1)));
    var dated = days.reduce(function (a, d) { return a + d.incidents; }, 0);
    $("tl-note").textContent = "(busiest day: " + max + ")";
    lastDated = dated;
    // click a bar: that day; drag: a range
    var startX = null, brush = null;
    function dayAt(x) { return d0 + Math.max(0, Math.min(n - 1, Math.floor(x / bw))); }
    function xOf(ev) { return ev.clientX - s.getBoundingClientRect().left; }
    s.onmousedown = function (ev) {
      startX = xOf(ev);
      brush = svg("rect", { x: startX, y: 0, width: 0, height: H - bottom, class: "brush" });
      s.appendChild(brush);
    };
    s.onmousemove = function (ev) {
      if (startX == null) return;
      var x = xOf(ev);
      brush.setAttribute("x", Math.min(x, startX));
      brush.setAttribute("width", Math.abs(x - startX));
    };
    s.onmouseup = function (ev) {
      if (startX == null) return;
      var x = xOf(ev), a = dayAt(Math.min(x, startX)), b = dayAt(Math.max(x, startX));
      startX = null;
      state.date_from = fromDay(a); state.date_to = fromDay(b);
      syncInputs(); refresh();
    };
    s.onmouseleave = function () { if (startX != null) { startX = null; if (brush) brush.remove(); } };
  }

  /* ---------------------------------------------------------------- start */
  Promise.all([getJSON("/api/meta"), getJSON("/static/syr_admin1.geojson")]).then(function (res) {
    initMap(res[0], res[1]);
    initFilters(res[0], res[1]);
    refresh();
  }).catch(showError);
})();
