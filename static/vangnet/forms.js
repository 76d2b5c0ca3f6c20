/* Vangnet forms (issue 12): focus after an HTMX save, and length counters.
   Static file, no inline script (strict CSP, ADR 0002). */
(function () {
  "use strict";

  /* After an HTMX swap focus goes to what the swap is about, so keyboard and
     screen-reader users are not dropped on <body>: a confirmation marked with
     data-focus-after-swap (tabindex="-1"), else an error summary. */
  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = event.target;
    if (!swapped || !swapped.querySelector) return;
    initCounters(swapped);
    var selector = "[data-focus-after-swap]";
    var config = event.detail && event.detail.requestConfig;
    // A posted form that comes back in error: its summary (never on a GET such as a search).
    if (config && config.verb && config.verb !== "get") selector += ", .error-summary";
    var el = swapped.matches(selector) ? swapped : swapped.querySelector(selector);
    if (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
      el.focus();
    }
  });

  /* Counters: the text counts down on every keystroke; the live region speaks
     only when the count crosses the threshold, reaches zero or goes over (not
     on every key). The server counts a new line as two characters (\r\n). */
  function length(text) {
    var n = 0;
    for (var ch of text) {
      n += ch === "\n" ? 2 : 1;
    }
    return n;
  }

  function bucket(left, threshold) {
    if (left < 0) return "over";
    if (left === 0) return "zero";
    if (left <= threshold) return "low";
    return "ok";
  }

  function message(counter, left) {
    if (left < 0) return counter.dataset.over.replace("{n}", String(-left));
    if (left === 1) return counter.dataset.leftOne;
    return counter.dataset.leftMany.replace("{n}", String(left));
  }

  function initCounter(counter) {
    if (counter.dataset.counterReady) return;
    var area = document.getElementById(counter.dataset.counterFor);
    var live = document.querySelector('[data-counter-live="' + counter.dataset.counterFor + '"]');
    if (!area || !live) return;
    counter.dataset.counterReady = "1";
    var max = parseInt(area.dataset.maxChars, 10);
    var threshold = parseInt(counter.dataset.threshold, 10) || 20;
    var state = bucket(max - length(area.value), threshold);
    function update() {
      var left = max - length(area.value);
      counter.textContent = message(counter, left);
      counter.classList.toggle("char-count-over", left < 0);
      var now = bucket(left, threshold);
      if (now !== state) {
        state = now;
        live.textContent = now === "ok" ? "" : message(counter, left);
      }
    }
    area.addEventListener("input", update);
    update();
  }

  function initCounters(root) {
    (root || document).querySelectorAll("[data-counter-for]").forEach(initCounter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initCounters(document); });
  } else {
    initCounters(document);
  }
})();
