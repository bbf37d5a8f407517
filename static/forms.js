// Every form submits once: while a submit is in flight its button is disabled and says so.
// Without this file the server still ignores a repeated submit (the form's one-time key).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") { return; }
    if (form.getAttribute("data-sending") === "yes") { event.preventDefault(); return; }
    var button = event.submitter;
    if (button && button.name) {
      // A disabled button is not sent with the form: carry its name and value across.
      var carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = button.name;
      carried.value = button.value;
      form.appendChild(carried);
    }
    form.setAttribute("data-sending", "yes");
    form.setAttribute("aria-busy", "true");
    Array.prototype.forEach.call(form.querySelectorAll("button[type=submit], button:not([type])"),
      function (b) { if (!b.disabled) { b.disabled = true; b.setAttribute("data-once-off", ""); } });
  });
  // Coming back to the page (the back button) shows the form usable again.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-sending]"), function (form) {
      form.removeAttribute("data-sending");
      form.removeAttribute("aria-busy");
      Array.prototype.forEach.call(form.querySelectorAll("button[data-once-off]"), function (b) {
        b.disabled = false;
        b.removeAttribute("data-once-off");
      });
    });
  });
})();
