/* The yearly form, made to lose nothing:
   - each goal's fields are saved as a draft while the person types (on change), through the
     server's per-figure merge; errors and conflicts are shown where they are;
   - what is typed and not yet saved is also kept in this browser (localStorage), keyed by
     user, agency, year and the version of the submission the page was loaded with, and
     offered back when the form is opened again (after a session that ended, a refused form);
   - leaving the page with unsaved entries asks first;
   - the security token is read again from its cookie before anything is sent, so that a
     sign-in in another tab does not refuse the form;
   - the error summary takes the focus, and each of its links the field it names.
   Without JavaScript the form still works: one Save button, every field in the page. */
(function () {
  "use strict";
  var form = document.getElementById("yearly-form");
  if (!form) return;

  var versionInput = form.querySelector('input[name="version"]');
  var loadedVersion = versionInput.value;
  var keyPrefix = form.getAttribute("data-storage-key") + ":";
  var storageKey = keyPrefix + loadedVersion;
  var msg = function (name) { return form.getAttribute("data-msg-" + name) || ""; };
  var dirty = {};      // group element id -> true while it has unsaved entries
  var queue = Promise.resolve();
  var sending = 0;
  var submitting = false;

  // -- the error summary ----------------------------------------------------------------------
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-focus]");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("data-focus"));
      if (!target) return;
      event.preventDefault();
      var details = target.closest("details");
      while (details) { details.open = true; details = details.parentElement.closest("details"); }
      target.scrollIntoView({block: "center"});
      if (typeof target.focus === "function") target.focus();
    });
  }

  // -- the security token ---------------------------------------------------------------------
  function cookieToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }
  function refreshTokens() {
    var token = cookieToken();
    if (!token) return;
    document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(function (input) {
      input.value = token;
    });
  }
  document.addEventListener("submit", function (event) {
    refreshTokens();
    if (event.target === form) submitting = true;
  }, true);

  // -- which fields belong to which goal --------------------------------------------------------
  function fieldsOf(group) {
    return Array.prototype.filter.call(
      group.querySelectorAll("input, textarea, select"),
      function (el) { return el.form === form && el.name; }
    );
  }
  function valueOf(el) {
    if (el.type === "checkbox") return el.checked ? "on" : "";
    return el.value;
  }
  function setValue(el, value) {
    if (el.type === "checkbox") el.checked = value === "on";
    else el.value = value;
  }
  function baseOf(el) {
    var part = el.closest("[data-prefix]");
    if (!part) return null;
    return form.querySelector('input[name="' + part.getAttribute("data-prefix") + '-base"]');
  }

  // -- kept in this browser ---------------------------------------------------------------------
  function readRecord(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function writeRecord(record) {
    try {
      if (Object.keys(record.fields).length) window.localStorage.setItem(storageKey, JSON.stringify(record));
      else window.localStorage.removeItem(storageKey);
    } catch (e) { /* storage full or refused: the draft saves still work */ }
  }
  var record = readRecord(storageKey) || {version: loadedVersion, fields: {}, bases: {}};
  var offered = [];
  (function offerBack() {
    for (var i = 0; i < window.localStorage.length; i++) {
      var key = window.localStorage.key(i);
      if (key && key.indexOf(keyPrefix) === 0) offered.push(key);
    }
    var differs = offered.some(function (key) {
      var kept = readRecord(key);
      if (!kept) return false;
      return Object.keys(kept.fields).some(function (name) {
        var el = form.elements.namedItem(name);
        // Compared as the server stores text (trimmed): a saved entry is not offered back.
        return el && el.name && valueOf(el).trim() !== String(kept.fields[name]).trim();
      });
    });
    if (!differs) {
      offered.forEach(function (key) { if (key !== storageKey) window.localStorage.removeItem(key); });
      record = {version: loadedVersion, fields: {}, bases: {}};
      writeRecord(record);
      return;
    }
    var offer = document.getElementById("restore-offer");
    offer.hidden = false;
    offer.querySelector("[data-restore]").addEventListener("click", function () {
      var groups = {};
      offered.forEach(function (key) {
        var kept = readRecord(key);
        if (!kept) return;
        Object.keys(kept.bases || {}).forEach(function (name) {
          var base = form.elements.namedItem(name);
          if (base) base.value = kept.bases[name];
        });
        Object.keys(kept.fields).forEach(function (name) {
          var el = form.elements.namedItem(name);
          if (!el || !el.name) return;
          setValue(el, kept.fields[name]);
          record.fields[name] = kept.fields[name];
          var group = el.closest("details.goal-group");
          if (group) { group.open = true; groups[group.id] = group; }
        });
        Object.assign(record.bases, kept.bases || {});
        if (key !== storageKey) window.localStorage.removeItem(key);
      });
      writeRecord(record);
      offer.hidden = true;
      Object.keys(groups).forEach(function (id) { dirty[id] = true; save(groups[id]); });
    });
    offer.querySelector("[data-discard]").addEventListener("click", function () {
      offered.forEach(function (key) { window.localStorage.removeItem(key); });
      record = {version: loadedVersion, fields: {}, bases: {}};
      offer.hidden = true;
    });
  })();

  function remember(el) {
    record.fields[el.name] = valueOf(el);
    var base = baseOf(el);
    if (base && !(base.name in record.bases)) record.bases[base.name] = base.value;
    writeRecord(record);
  }
  function forget(fields) {
    fields.forEach(function (el) {
      delete record.fields[el.name];
      var base = baseOf(el);
      if (base) delete record.bases[base.name];
    });
    writeRecord(record);
  }

  // -- saving a goal's fields as a draft --------------------------------------------------------
  function status(group, text, kind) {
    var place = group.querySelector("[data-group-status]");
    if (place) { place.textContent = text; place.className = "small " + (kind || "text-muted"); }
    var bar = form.querySelector("[data-form-status]");
    if (bar) bar.textContent = text;
  }
  function problem(text, link) {
    var box = document.getElementById("draft-problem");
    box.textContent = text + " ";
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = msg("sign-in");
      box.appendChild(a);
    }
    box.hidden = false;
  }
  function clearFieldMessages(group) {
    group.querySelectorAll("[data-field-status]").forEach(function (p) { p.textContent = ""; p.className = "small"; });
    group.querySelectorAll(".is-invalid[data-draft-invalid]").forEach(function (el) {
      el.classList.remove("is-invalid");
      el.removeAttribute("data-draft-invalid");
      el.removeAttribute("aria-invalid");
    });
  }
  function showAnswer(group, answer) {
    Object.keys(answer.bases || {}).forEach(function (name) {
      var base = form.elements.namedItem(name);
      if (base) base.value = answer.bases[name];
    });
    if (answer.version) versionInput.value = answer.version;
    Object.keys(answer.errors || {}).forEach(function (id) {
      var el = document.getElementById(id);
      var part = el ? el.closest("[data-prefix]") : group.querySelector('[data-prefix="' + id + '"]');
      if (el) { el.classList.add("is-invalid"); el.setAttribute("data-draft-invalid", ""); el.setAttribute("aria-invalid", "true"); }
      var place = part && part.querySelector("[data-field-status]");
      if (place) { place.textContent = answer.errors[id].join(" "); place.className = "small field-problem"; }
    });
    (answer.conflicts || []).forEach(function (conflict) {
      var part = group.querySelector('[data-prefix="' + conflict.prefix + '"]');
      var place = part && part.querySelector("[data-field-status]");
      if (!place) return;
      place.className = "small field-problem";
      place.textContent = msg("conflict") + " " + conflict.rows.map(function (row) {
        return row[0] + ": " + row[1] + " (" + conflict.who + ") / " + row[2];
      }).join("; ");
    });
    if (typeof answer.answered === "number") {
      var text = msg("progress").replace("%(answered)s", answer.answered).replace("%(total)s", answer.total);
      var progress = document.querySelector("[data-progress]");
      if (progress) progress.textContent = text;
      var bar = document.querySelector("[data-progress-bar]");
      if (bar) bar.value = answer.answered;
    }
  }
  function save(group) {
    queue = queue.then(function () { return send(group); });
    return queue;
  }
  function send(group) {
    if (!dirty[group.id]) return Promise.resolve();
    var fields = fieldsOf(group);
    var body = new FormData();
    fields.forEach(function (el) {
      if (el.type === "checkbox") { if (el.checked) body.append(el.name, el.value || "on"); }
      else body.append(el.name, el.value);
    });
    body.append("version", versionInput.value);
    body.append("parts", group.getAttribute("data-parts"));
    dirty[group.id] = false;
    sending += 1;
    status(group, msg("saving"));
    refreshTokens();
    return fetch(form.getAttribute("data-draft-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {"X-CSRFToken": cookieToken() || "", "Accept": "application/json"},
    }).then(function (response) {
      return response.json().catch(function () { return {status: "failed"}; }).then(function (answer) {
        return {http: response.status, answer: answer};
      });
    }).then(function (result) {
      var answer = result.answer;
      clearFieldMessages(group);
      if (answer.status === "saved") {
        forget(fields);
        status(group, msg("saved"), "small field-saved");
      } else if (answer.status === "invalid" || answer.status === "conflict") {
        dirty[group.id] = true;  // still to be saved once corrected
        status(group, msg(answer.status), "small field-problem");
      } else if (answer.status === "signed_out") {
        dirty[group.id] = true;
        status(group, msg("signed-out"), "small field-problem");
        problem(msg("signed-out"), form.getAttribute("data-login-url"));
        return;
      } else {
        dirty[group.id] = true;
        status(group, answer.message || msg("failed"), "small field-problem");
        problem(answer.message || msg("failed"), answer.back || null);
        return;
      }
      showAnswer(group, answer);
    }).catch(function () {
      dirty[group.id] = true;
      status(group, msg("failed"), "small field-problem");
      problem(msg("failed"));
    }).then(function () { sending -= 1; });
  }

  form.querySelectorAll("details.goal-group").forEach(function (group) {
    group.addEventListener("input", function (event) {
      if (event.target.form !== form || !event.target.name) return;
      dirty[group.id] = true;
      remember(event.target);
    });
    group.addEventListener("change", function (event) {
      var target = event.target;
      if (target.form !== form || !target.name) return;
      dirty[group.id] = true;
      remember(target);
      // "No data" just ticked: its reason comes next; the draft is saved once it is written.
      if (target.type === "checkbox" && target.checked && /-no_data$/.test(target.name)) {
        var reason = form.elements.namedItem(target.name + "_reason");
        if (reason && !reason.value.trim()) { reason.focus(); return; }
      }
      save(group);
    });
  });

  // -- leaving with unsaved entries -------------------------------------------------------------
  window.addEventListener("beforeunload", function (event) {
    if (submitting) return;
    var unsaved = sending > 0 || Object.keys(dirty).some(function (id) { return dirty[id]; });
    if (!unsaved) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // For tests and for the person's peace of mind: whether everything typed is saved.
  form.draftsSettled = function () { return queue.then(function () { return sending === 0; }); };
})();
