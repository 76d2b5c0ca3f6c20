// Session expiry (issue 12, ADR 0009): warn before the idle timeout with a way
// to stay signed in, and fill in a form kept when the session had expired.
// The page says when (templates/includes/session.html); no inline script (CSP).
(function () {
  "use strict";

  var box = document.getElementById("session-expiry");

  function csrfToken() {
    try {
      var headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) return headers["X-CSRFToken"];
    } catch (e) { /* fall back to the cookie */ }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function setupWarning() {
    if (!box) return;
    var lifetime = parseInt(box.dataset.expiresIn, 10) * 1000;
    var warnBefore = parseInt(box.dataset.warnBefore, 10) * 1000;
    if (!(lifetime > 0)) return;
    var soon = box.querySelector(".session-expiry-soon");
    var gone = box.querySelector(".session-expiry-gone");
    var renew = box.querySelector(".session-expiry-renew");
    var expiresAt = 0;
    var timer = null;

    function show(expired) {
      soon.hidden = expired;
      gone.hidden = !expired;
      renew.hidden = expired;
      box.hidden = false;
    }

    function check() {
      var left = expiresAt - Date.now();
      if (left <= 0) {
        show(true);
        return;
      }
      if (left <= warnBefore) show(false);
      // Timers are throttled in background tabs: look again soon rather than once.
      timer = window.setTimeout(check, Math.min(Math.max(left - warnBefore, 1000), 30000));
    }

    function restart(seconds) {
      expiresAt = Date.now() + (seconds ? seconds * 1000 : lifetime);
      box.hidden = true;
      window.clearTimeout(timer);
      check();
    }

    renew.addEventListener("click", function () {
      renew.disabled = true;
      fetch(box.dataset.renewUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
      }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      }).then(function (data) {
        restart(data.expires_in);
      }).catch(function () {
        expiresAt = 0;
        show(true);
      }).finally(function () {
        renew.disabled = false;
      });
    });

    // Every answer from the server renewed the session (SESSION_SAVE_EVERY_REQUEST).
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var xhr = event.detail && event.detail.xhr;
      if (xhr && xhr.status && xhr.status !== 401) restart();
    });
    restart();
  }

  function fieldsOf(form, name) {
    return Array.prototype.filter.call(form.elements, function (el) { return el.name === name; });
  }

  function findForm(action, names) {
    var forms = Array.prototype.slice.call(document.querySelectorAll("form"));
    var path = function (url) {
      try { return new URL(url, window.location.href).pathname; } catch (e) { return ""; }
    };
    var byAction = forms.filter(function (form) {
      return path(form.getAttribute("hx-post") || form.getAttribute("action") || window.location.href) === action;
    });
    if (byAction.length) return byAction[0];
    // The same fields on the page, e.g. when the form moved.
    return forms.filter(function (form) {
      return names.length && names.every(function (name) { return fieldsOf(form, name).length; });
    })[0] || null;
  }

  function fillKeptDraft() {
    var data = document.getElementById("vangnet-kept-draft");
    if (!data) return;
    var draft;
    try { draft = JSON.parse(data.textContent); } catch (e) { return; }
    data.remove(); // nothing of it lingers in the page once it is in the form
    var names = Object.keys(draft.fields || {}).filter(function (name) {
      return name !== "csrfmiddlewaretoken";
    });
    var form = findForm(draft.action, names);
    if (!form) return;
    var first = null;
    names.forEach(function (name) {
      var values = draft.fields[name];
      var elements = fieldsOf(form, name);
      elements.forEach(function (el, index) {
        if (el.type === "hidden" && name === "csrfmiddlewaretoken") return;
        if (el.type === "file" || el.type === "submit" || el.type === "button") return;
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = values.indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (option) {
            option.selected = values.indexOf(option.value) !== -1;
          });
        } else if (index < values.length) {
          el.value = values[index];
        } else {
          return;
        }
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
        if (!first && el.type !== "hidden") first = el;
      });
    });
    if (first) {
      form.scrollIntoView({ block: "start" });
      first.focus({ preventScroll: true });
    }
  }

  setupWarning();
  fillKeptDraft();
})();
