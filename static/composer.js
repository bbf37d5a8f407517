// The composer's live verdict: asks POST /compose/check as the clerk types. Without this
// file the form still works: "Check with the guard" posts it and the page shows the verdict.
(function () {
  "use strict";
  var form = document.getElementById("composer");
  if (!form || !window.fetch) { return; }
  var verdict = document.getElementById("verdict");
  var schedule = document.getElementById("schedule");
  var token = form.querySelector("input[name=csrf_token]").value;
  var timer = null;
  var latest = 0;

  function fields() {
    var platforms = Array.prototype.map.call(
      form.querySelectorAll("input[name=platforms]:checked"), function (box) { return box.value; });
    return {
      text: form.elements.text.value,
      link: form.elements.link.value,
      date: form.elements.date.value,
      time: form.elements.time.value,
      which: which(),
      platforms: platforms
    };
  }

  // Which of an autumn night's repeated hour: a choice shown in the verdict, or kept hidden.
  function which() {
    var picked = document.querySelector("input[name=which]:checked") ||
      form.querySelector("input[name=which][type=hidden]");
    return picked ? picked.value : "";
  }

  function check() {
    var ticket = ++latest;
    fetch(form.getAttribute("data-check-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token},
      body: JSON.stringify(fields())
    }).then(function (response) { return response.json(); }).then(function (data) {
      if (ticket !== latest || !data.html) { return; }
      verdict.innerHTML = data.html;
      var blocked = data.outcome === "block";
      schedule.disabled = blocked;
      verdict.setAttribute("data-outcome", data.outcome || "");
    }).catch(function () { /* the server-side check still runs on submit */ });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 300);
  });
  form.addEventListener("change", function () { window.clearTimeout(timer); check(); });
})();
