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

  /* A region that re-renders itself from the form (hx-include, e.g. the triage decision
     fields) may get its answer after the user changed one of its own fields: the answer was
     made from the values at the time of the request. Keep what was changed meanwhile. Mark
     the region with data-keep-edits and an id; it is the target of the requests that re-render it. */
  var pending = new WeakMap();
  var carried = {};

  function fieldState(region, name) {
    var fields = Array.prototype.filter.call(region.querySelectorAll("[name]"), function (f) {
      return f.name === name;
    });
    var values = [];
    fields.forEach(function (f) {
      if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked) values.push(f.value);
      } else if (f.multiple) {
        Array.prototype.forEach.call(f.selectedOptions, function (o) { values.push(o.value); });
      } else {
        values.push(f.value);
      }
    });
    return values;
  }

  function applyState(region, name, values) {
    region.querySelectorAll("[name]").forEach(function (f) {
      if (f.name !== name) return;
      if (f.type === "checkbox" || f.type === "radio") {
        f.checked = values.indexOf(f.value) !== -1;
      } else if (f.multiple) {
        Array.prototype.forEach.call(f.options, function (o) { o.selected = values.indexOf(o.value) !== -1; });
      } else if (values.length) {
        f.value = values[0];
      }
    });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    // The region is the request's target: a steady element outside it may send the request.
    var region = event.detail && event.detail.target;
    if (region && region.hasAttribute && region.hasAttribute("data-keep-edits")) pending.set(region, {});
  });

  function remember(event) {
    var field = event.target;
    var region = field && field.closest && field.closest("[data-keep-edits]");
    var edits = region && pending.get(region);
    if (edits && field.name) edits[field.name] = fieldState(region, field.name);
  }
  document.addEventListener("input", remember, true);
  document.addEventListener("change", remember, true);

  document.addEventListener("htmx:beforeSwap", function (event) {
    var old = event.detail && event.detail.target;
    var edits = old && pending.get(old);
    if (edits && old.id) carried[old.id] = edits;
    if (old) pending.delete(old);
  });

  document.addEventListener("htmx:afterSwap", function () {
    Object.keys(carried).forEach(function (id) {
      var region = document.getElementById(id);
      var edits = carried[id];
      delete carried[id];
      if (!region) return;
      Object.keys(edits).forEach(function (name) { applyState(region, name, edits[name]); });
    });
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { initCounters(document); });
  } else {
    initCounters(document);
  }
})();
