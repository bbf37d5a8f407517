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
    var data = {
      text: form.elements.text.value,
      link: form.elements.link.value,
      date: form.elements.date.value,
      time: form.elements.time.value,
      which: which(),
      platforms: platforms,
      images: images()
    };
    Array.prototype.forEach.call(form.querySelectorAll("textarea[data-platform]"), function (box) {
      if (box.value) { data["text_" + box.getAttribute("data-platform")] = box.value; }
    });
    return data;
  }

  // The images attached so far: kept ones by their hash (their bytes stay in the form) and
  // newly chosen ones by their alt text alone (their printed words are read on submit).
  function images() {
    var found = [];
    Array.prototype.forEach.call(form.querySelectorAll(".image-slot"), function (slot) {
      var n = slot.getAttribute("data-slot");
      var kept = slot.querySelector("input[name=kept_" + n + "]");
      var file = slot.querySelector("input[type=file]");
      var removed = slot.querySelector("input[name=remove_" + n + "]:checked");
      if (removed || !(kept || (file && file.files.length))) { return; }
      found.push({sha256: kept ? kept.getAttribute("data-sha256") : "",
                  alt_text: form.elements["alt_" + n].value});
    });
    return found;
  }

  // A thumbnail of a chosen file at once, before anything is sent.
  Array.prototype.forEach.call(form.querySelectorAll(".image-slot input[type=file]"), function (input) {
    input.addEventListener("change", function () {
      var thumb = input.parentNode.querySelector("img.pending");
      if (!thumb || !window.FileReader) { return; }
      thumb.hidden = true;
      if (!input.files.length) { return; }
      var reader = new FileReader();  // a data: address: the page's policy allows no blob:
      reader.onload = function () {
        thumb.src = reader.result;
        thumb.alt = "Chosen: " + input.files[0].name;
        thumb.hidden = false;
      };
      reader.readAsDataURL(input.files[0]);
    });
  });

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
