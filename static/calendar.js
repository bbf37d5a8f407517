// Drag a post onto another day of the month to move it: the page's own move form is filled
// in and sent, exactly as the form on the post's page would be. Without this file (or
// without a mouse) the post's page moves it with a date picker.
(function () {
  "use strict";
  var form = document.getElementById("move-form");
  if (!form) { return; }
  var dragged = null;
  document.querySelectorAll(".post-chip[data-move-url]").forEach(function (chip) {
    chip.addEventListener("dragstart", function (event) {
      dragged = chip;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", chip.getAttribute("data-move-url"));
    });
    chip.addEventListener("dragend", function () { dragged = null; });
  });
  document.querySelectorAll("td[data-date]").forEach(function (cell) {
    cell.addEventListener("dragover", function (event) {
      if (dragged) { event.preventDefault(); cell.classList.add("drop-target"); }
    });
    cell.addEventListener("dragleave", function () { cell.classList.remove("drop-target"); });
    cell.addEventListener("drop", function (event) {
      event.preventDefault();
      cell.classList.remove("drop-target");
      if (!dragged || cell.contains(dragged)) { return; }
      form.action = dragged.getAttribute("data-move-url");
      form.elements.date.value = cell.getAttribute("data-date");
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });
})();
