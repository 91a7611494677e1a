// Body map: mark regions by clicking or tapping the figure, or from the keyboard on a focused region.
// Progressive enhancement only: the region table beside the figure is the form's real control and works
// without this script; the script keeps figure and table in step.
(function () {
  "use strict";

  function intensityOf(select) {
    return select.value === "" ? null : Number(select.value);
  }

  function paint(zone, select) {
    var value = intensityOf(select);
    var classes = ["zone"];
    if (value !== null) { classes.push("marked", "i" + value); }
    zone.setAttribute("class", classes.join(" "));
    var name = zone.getAttribute("data-label");
    zone.setAttribute("aria-label", name + (value === null ? ": not marked" : ": " + value + " of 10"));
    zone.setAttribute("aria-pressed", value === null ? "false" : "true");
    var number = zone.nextElementSibling;
    if (number && number.getAttribute("class") === "zone-value") { number.textContent = value === null ? "" : String(value); }
  }

  // The caption says what is marked, as the server would: "2 regions marked: Left lower back 7/10, …".
  function summarize(editor) {
    var summary = editor.querySelector(".map-summary");
    if (!summary) { return; }
    var marked = Array.prototype.filter.call(editor.querySelectorAll("select[name^='map.']"), function (select) {
      return select.value !== "";
    }).map(function (select) { return select.getAttribute("aria-label") + " " + select.value + "/10"; });
    summary.textContent = marked.length === 0 ? "No regions marked."
      : (marked.length === 1 ? "1 region marked" : marked.length + " regions marked") + ": " + marked.join(", ");
  }

  function setUp(editor) {
    // The figures become groups of buttons; as images their regions would be hidden from screen readers.
    editor.querySelectorAll("svg.body-figure").forEach(function (svg) { svg.setAttribute("role", "group"); });
    var selects = {};
    editor.querySelectorAll("select[name^='map.']").forEach(function (select) { selects[select.name] = select; });

    // The intensity a click applies, chosen once rather than per region.
    var brush = document.createElement("div");
    brush.className = "body-map-brush";
    var label = document.createElement("label");
    label.setAttribute("for", "body-map-brush");
    label.textContent = "Intensity a click marks";
    var picker = document.createElement("select");
    picker.id = "body-map-brush";
    for (var level = 0; level <= 10; level++) {
      var option = document.createElement("option");
      option.value = String(level);
      option.textContent = String(level);
      picker.appendChild(option);
    }
    picker.value = "5";
    var help = document.createElement("p");
    help.className = "hint";
    help.textContent = "Click a region to mark it at this intensity, and again to clear it. On a focused region: Enter marks or clears, 0–9 set the intensity, + and − step it (up to 10), Delete clears.";
    brush.appendChild(label);
    brush.appendChild(picker);
    brush.appendChild(help);
    editor.insertBefore(brush, editor.firstChild);

    editor.querySelectorAll("rect[data-field]").forEach(function (zone) {
      var select = selects[zone.getAttribute("data-field")];
      if (!select) { return; }
      var title = zone.querySelector("title");
      zone.setAttribute("data-label", (title ? title.textContent : select.getAttribute("aria-label")).replace(/:.*$/, ""));
      zone.setAttribute("tabindex", "0");
      zone.setAttribute("role", "button");
      paint(zone, select);

      function set(value) {
        select.value = value === null ? "" : String(value);
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }

      zone.addEventListener("click", function () {
        var chosen = Number(picker.value);
        set(intensityOf(select) === chosen ? null : chosen);
      });
      zone.addEventListener("keydown", function (event) {
        var current = intensityOf(select);
        if (event.key === "Enter" || event.key === " ") {
          var chosen = Number(picker.value);
          set(current === chosen ? null : chosen);
        } else if (/^[0-9]$/.test(event.key)) {
          set(Number(event.key));
        } else if (event.key === "+" || event.key === "=") {
          set(Math.min(10, (current === null ? 0 : current + 1)));
        } else if (event.key === "-") {
          set(current === null || current === 0 ? null : current - 1);
        } else if (event.key === "Delete" || event.key === "Backspace") {
          set(null);
        } else {
          return;
        }
        event.preventDefault();
      });
      select.addEventListener("change", function () { paint(zone, select); summarize(editor); });
    });
  }

  document.querySelectorAll(".body-map-editor").forEach(setUp);
})();
