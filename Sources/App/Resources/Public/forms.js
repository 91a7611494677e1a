// Typed work is not lost: a long form marked data-autosave saves its draft by itself while the user types, the
// page warns before the session ends (and can keep it alive), and leaving a page with unsaved typing asks first.
// Progressive enhancement only: without this script every form still saves with its own button, and a form sent
// after the session ended is kept on the server and comes back after signing in again.
(function () {
  "use strict";

  var AUTOSAVE_EVERY = 30000;
  var lastContact = Date.now();

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function notice(parent, className) {
    var element = document.createElement("p");
    element.className = className;
    element.setAttribute("role", "status");
    element.setAttribute("aria-live", "polite");
    parent.appendChild(element);
    return element;
  }

  // ---- Printouts: a Print button where the browser can print (the hint beside it says Ctrl+P without this script).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // ---- Long pages: the section navigation marks the section in view, and a form remembers the section being
  // edited so that saving comes back to it (the server returns to the anchor sent in its "section" field).
  document.querySelectorAll("nav.section-nav").forEach(function (nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
    var sections = links.map(function (link) { return document.getElementById(link.getAttribute("href").slice(1)); });
    function mark() {
      var current = 0;
      sections.forEach(function (section, index) {
        if (section && section.getBoundingClientRect().top < nav.offsetHeight + 40) { current = index; }
      });
      links.forEach(function (link, index) { link.setAttribute("aria-current", index === current ? "true" : "false"); });
    }
    window.addEventListener("scroll", mark, { passive: true });
    mark();
  });
  document.querySelectorAll("form input[type=hidden][name=section]").forEach(function (field) {
    field.form.addEventListener("focusin", function (event) {
      var section = event.target.closest("fieldset[id^='section-']");
      if (section) { field.value = section.id; }
    });
  });

  // ---- The session: warn before it ends, keep it alive on request.
  var timeout = Number(document.body.getAttribute("data-session-timeout"));
  if (timeout > 0) {
    var warning = null;
    // The server renews a session at most once every tenth of its timeout (up to a minute): count from there.
    var lasts = function () { return (timeout - Math.min(60, timeout / 10)) * 1000; };
    var warnBefore = function () { return Math.min(120000, lasts() / 2); };

    var stay = function () {
      fetch(document.body.getAttribute("data-session-renew"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (response.ok) { touched(); } else { ended(); }
        })
        .catch(function () { /* offline: try again from the button */ });
    };

    var showWarning = function (text, withButton) {
      if (!warning) {
        warning = document.createElement("div");
        warning.className = "session-warning";
        warning.setAttribute("role", "alert");
        warning.appendChild(document.createElement("span"));
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = "Stay signed in";
        button.addEventListener("click", stay);
        warning.appendChild(button);
        document.body.appendChild(warning);
      }
      // Only the words change from one check to the next, so the button stays where the user is reaching.
      warning.firstChild.textContent = text + " ";
      warning.lastChild.hidden = !withButton;
    };

    var ended = function () {
      showWarning("Your session has ended. What you send now is kept and comes back after you sign in again.", false);
    };

    var touched = function () {
      lastContact = Date.now();
      if (warning) { warning.remove(); warning = null; }
    };
    window.reliefSessionTouched = touched;

    setInterval(function () {
      var left = lastContact + lasts() - Date.now();
      if (left <= 0) {
        ended();
      } else if (left <= warnBefore()) {
        showWarning("Your session ends at " + clock(new Date(lastContact + lasts())) + " unless you stay.", true);
      }
    }, 5000);
  }

  // ---- Drafts that save themselves, and a question before leaving unsaved typing.
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var version = form.querySelector("input[name='version']");
    var actions = form.querySelector(".actions") || form;
    var status = notice(actions, "autosave-status");
    var dirty = false, saving = false, stopped = false, sending = false;

    var markDirty = function () { dirty = true; };
    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function () { sending = true; });
    window.addEventListener("beforeunload", function (event) {
      if (!sending && typed() !== saved) { event.preventDefault(); event.returnValue = ""; }
    });

    // What the server last holds, without the version: a field left after typing fires "change" with nothing new.
    var typed = function () {
      var data = new URLSearchParams(new FormData(form));
      data.delete("version");
      return data.toString();
    };
    var saved = typed();

    var save = function () {
      if (!dirty || saving || stopped || sending) { return; }
      dirty = false;
      var now = typed();
      if (now === saved) { return; }
      saving = true;
      fetch(form.action, {
        method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", redirect: "manual",
        headers: { "Accept": "application/json" },
      }).then(function (response) {
        if (response.ok) {
          saved = now;
          return response.json().then(function (answer) {
            if (version) { version.value = String(answer.version); }
            status.textContent = "Draft saved automatically at " + clock(new Date()) + ".";
            if (window.reliefSessionTouched) { window.reliefSessionTouched(); }
          });
        }
        dirty = true;
        if (response.status === 422) {
          return response.json().then(function (answer) {
            var count = Object.keys(answer.fields || {}).length;
            status.textContent = "Not saved automatically: " + count + (count === 1 ? " field needs" : " fields need")
              + " attention. Save draft to see which.";
          });
        }
        stopped = true;
        status.textContent = response.status === 409
          ? "Not saved automatically: someone else saved this note. Save draft to see both."
          : "Not saved automatically: your session has ended. Save draft, and what you typed comes back after you sign in.";
      }).catch(function () {
        dirty = true;
        status.textContent = "Not saved automatically: Relief cannot be reached. Your typing is still here.";
      }).then(function () { saving = false; });
    };
    setInterval(save, AUTOSAVE_EVERY);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { save(); }
    });
  });
  // ---- Consent signatures: a pad to sign on with a finger, stylus or mouse; the drawing goes with the form as a
  // PNG. Without this script the pad stays hidden and the typed name and ticked statement are the signature.
  document.querySelectorAll("[data-signature-pad]").forEach(function (pad) {
    var canvas = pad.querySelector("canvas");
    var field = pad.parentNode.querySelector("input[name='signatureImage']");
    var context = canvas.getContext("2d");
    var drawn = false, drawing = false;
    pad.hidden = false;
    context.lineWidth = 2.5;
    context.lineCap = "round";
    context.strokeStyle = "#111";
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
    }
    canvas.addEventListener("pointerdown", function (event) {
      var at = point(event);
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      context.beginPath();
      context.moveTo(at.x, at.y);
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var at = point(event);
      context.lineTo(at.x, at.y);
      context.stroke();
      drawn = true;
    });
    ["pointerup", "pointercancel"].forEach(function (name) {
      canvas.addEventListener(name, function () { drawing = false; });
    });
    pad.querySelector("[data-clear]").addEventListener("click", function () {
      context.clearRect(0, 0, canvas.width, canvas.height);
      drawn = false;
      field.value = "";
    });
    pad.closest("form").addEventListener("submit", function () {
      field.value = drawn ? canvas.toDataURL("image/png") : "";
    });
  });
})();
