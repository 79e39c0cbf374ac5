/* Balise: shows times in the reader's zone and as relative times, moves through uptime days
   with the arrow keys, and keeps the page current while something is open. The page reads
   correctly without it: it only improves. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || undefined;
  var DAY = { year: "numeric", month: "short", day: "numeric" };
  var TIME = { hour: "numeric", minute: "2-digit" };
  var DAY_TIME = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" };
  var UNITS = [["year", 31536000000], ["month", 2592000000], ["day", 86400000], ["hour", 3600000], ["minute", 60000]];
  /* Poll while something is open, or once the page is this old: a CDN may serve a stale copy. */
  var STALE_AFTER = 5 * 60000;
  var POLL_EVERY = 60000;

  function relative(ms, words) {
    for (var i = 0; i < UNITS.length; i++) {
      var unit = UNITS[i];
      if (Math.abs(ms) >= unit[1] || unit[0] === "minute") {
        return words.format(Math.round(ms / unit[1]), unit[0]);
      }
    }
    return "";
  }

  /* "UTC", "UTC+1", "UTC−5", "UTC+5:30": the way the server names zones, in pages, feeds and calendar. */
  function zoneName(when) {
    var minutes = -when.getTimezoneOffset();
    if (minutes === 0) return "UTC";
    var hours = Math.floor(Math.abs(minutes) / 60), rest = Math.abs(minutes) % 60;
    return "UTC" + (minutes > 0 ? "+" : "\u2212") + hours + (rest ? ":" + (rest < 10 ? "0" : "") + rest : "");
  }

  function sameDay(a, b) {
    return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
  }

  /* A time carries its date unless it is today where the reader is. */
  function wording(when, style, now) {
    if (style === "d") return new Intl.DateTimeFormat(lang, DAY).format(when);
    var withDate = style === "dt" || !sameDay(when, now);
    return new Intl.DateTimeFormat(lang, withDate ? DAY_TIME : TIME).format(when) + " " + zoneName(when);
  }

  function localise(root) {
    var now = new Date();
    var words = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
    root.querySelectorAll("time[data-f]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime())) return;
      if (el.dataset.f === "r") {
        if (words) el.textContent = relative(when.getTime() - now.getTime(), words);
        return;
      }
      if (!el.hasAttribute("title")) el.setAttribute("title", el.textContent);
      el.textContent = wording(when, el.dataset.f, now);
      if (!words || !el.hasAttribute("data-r")) return;
      var rel = el.nextElementSibling;
      if (!rel || !rel.classList.contains("bl-rel")) {
        rel = document.createElement("span");
        rel.className = "bl-rel";
        el.parentNode.insertBefore(rel, el.nextSibling);
      }
      rel.textContent = " (" + relative(when.getTime() - now.getTime(), words) + ")";
    });
    // A promise that was still ahead at build time may have passed since: say so.
    root.querySelectorAll(".bl-promise[data-overdue]:not(.bl-overdue)").forEach(function (el) {
      var time = el.querySelector("time");
      if (!time || new Date(time.getAttribute("datetime")).getTime() > now.getTime()) return;
      el.classList.add("bl-overdue");
      var note = document.createElement("strong");
      note.textContent = " \u2014 " + el.dataset.overdue;
      el.appendChild(note);
    });
  }

  // One tab stop per chart; arrows, Home and End move between the days that are shown;
  // Enter opens the day's first incident.
  function roving(chart) {
    var days = Array.prototype.slice.call(chart.children);
    days.forEach(function (day, i) { day.tabIndex = i === days.length - 1 ? 0 : -1; });
    chart.addEventListener("keydown", function (event) {
      var shown = days.filter(function (day) { return day.offsetParent !== null; });
      var at = shown.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "Enter") {
        var link = shown[at].querySelector("a[href]");
        if (link) link.click();
        return;
      }
      var to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: shown.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      var next = shown[Math.max(0, Math.min(shown.length - 1, to))];
      shown[at].tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  }

  function enhance(root) {
    localise(root);
    root.querySelectorAll("ol.bl-bars").forEach(roving);
  }

  /* The same signature as site_builder/outputs/pages/live.py: FNV-1a over the summary's facts. */
  function signature(summary) {
    var parts = [summary.status.indicator, summary.status.description];
    summary.components.forEach(function (c) { parts.push(c.id + "=" + c.status); });
    summary.incidents.concat(summary.scheduled_maintenances).forEach(function (i) {
      parts.push(i.id + "=" + i.status + "@" + i.updated_at);
    });
    var text = parts.join("\n"), hash = 0x811c9dc5;
    for (var k = 0; k < text.length; k++) {
      hash ^= text.charCodeAt(k);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16);
  }

  /* The page again, from the same site: its content replaces ours, words and all in the page's language. */
  function reload(page, announce) {
    return fetch(location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var content = fresh.querySelector(".bl-page");
        if (!content) return page;
        content = document.importNode(content, true);
        page.parentNode.replaceChild(content, page);
        document.title = fresh.title;
        var icon = fresh.querySelector("link[rel=icon]"), mine = document.querySelector("link[rel=icon]");
        if (icon && mine) mine.setAttribute("href", icon.getAttribute("href"));
        enhance(content);
        announce(content.dataset.blNote);
        return content;
      });
  }

  function live(page) {
    var source = page.dataset.blSummary;
    if (!source || !window.fetch) return;
    var region = document.createElement("p");
    region.className = "bl-live-note";
    region.setAttribute("role", "status");
    page.parentNode.insertBefore(region, page);
    function announce(note) {
      region.textContent = note + " \u00b7 " + new Intl.DateTimeFormat(lang, TIME).format(new Date());
    }
    var busy = false;
    function poll() {
      var built = new Date(page.dataset.blBuilt).getTime();
      if (busy || document.hidden) return;
      if (!page.hasAttribute("data-bl-open") && !(Date.now() - built > STALE_AFTER)) return;
      busy = true;
      fetch(source, { cache: "no-store", credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (summary) {
          if (signature(summary) === page.dataset.blSig) return page;
          return reload(page, announce);
        })
        .then(function (current) { if (current) page = current; }, function () { /* offline: try again later */ })
        .then(function () { busy = false; });
    }
    window.setInterval(function () {
      localise(page);
      poll();
    }, POLL_EVERY);
  }

  /* The Subscribe menu closes on Escape and on a click elsewhere, as a menu does. */
  function menus() {
    var menu = document.querySelector("details.bl-subscribe");
    if (!menu) return;
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    menu.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open) return;
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  }

  function start() {
    menus();
    var page = document.querySelector(".bl-page");
    enhance(page || document);
    if (page) live(page);
    else window.setInterval(function () { localise(document); }, POLL_EVERY);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
