/* Balise: shows times in the reader's zone and as relative times, and moves through uptime
   days with the arrow keys. The page reads correctly without it: it only improves. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || undefined;
  var FORMATS = {
    dt: { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" },
    t: { hour: "numeric", minute: "2-digit", timeZoneName: "short" },
    d: { year: "numeric", month: "short", day: "numeric" }
  };
  var UNITS = [["year", 31536000000], ["month", 2592000000], ["day", 86400000], ["hour", 3600000], ["minute", 60000]];

  function relative(ms, words) {
    for (var i = 0; i < UNITS.length; i++) {
      var unit = UNITS[i];
      if (Math.abs(ms) >= unit[1] || unit[0] === "minute") {
        return words.format(Math.round(ms / unit[1]), unit[0]);
      }
    }
    return "";
  }

  function localise() {
    var now = Date.now();
    var words = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
    document.querySelectorAll("time[data-f]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when.getTime()) || !FORMATS[el.dataset.f]) return;
      if (!el.hasAttribute("title")) el.setAttribute("title", el.textContent);
      var text = new Intl.DateTimeFormat(lang, FORMATS[el.dataset.f]).format(when);
      if (words && el.hasAttribute("data-r")) text += " (" + relative(when.getTime() - now, words) + ")";
      el.textContent = text;
    });
    // A promise that was still ahead at build time may have passed since: say so.
    document.querySelectorAll(".bl-promise[data-overdue]:not(.bl-overdue)").forEach(function (el) {
      var time = el.querySelector("time");
      if (!time || new Date(time.getAttribute("datetime")).getTime() > now) return;
      el.classList.add("bl-overdue");
      var note = document.createElement("strong");
      note.textContent = " \u2014 " + el.dataset.overdue;
      el.appendChild(note);
    });
  }

  // One tab stop per chart; arrows, Home and End move between the days that are shown.
  function roving(chart) {
    var days = Array.prototype.slice.call(chart.children);
    days.forEach(function (day, i) { day.tabIndex = i === days.length - 1 ? 0 : -1; });
    chart.addEventListener("keydown", function (event) {
      var shown = days.filter(function (day) { return day.offsetParent !== null; });
      var at = shown.indexOf(document.activeElement);
      if (at < 0) return;
      var to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: shown.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      var next = shown[Math.max(0, Math.min(shown.length - 1, to))];
      shown[at].tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    });
  }

  function start() {
    localise();
    document.querySelectorAll("ol.bl-bars").forEach(roving);
    window.setInterval(localise, 60000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
