/* Evaluation setup pages. Nothing here is needed for a page to work: the forms post without it. */
(function () {
  "use strict";

  // "Print" on the sheet of ballot slips.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });

  // The "add a row" buttons are useless without this script, so they start hidden.
  document.querySelectorAll("[data-add-row]").forEach(function (button) { button.hidden = false; });

  // "Add a row" under a formset: a copy of the formset's empty row (a <template>) with the next index.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (!button) { return; }
    var prefix = button.getAttribute("data-add-row");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var template = document.getElementById(prefix + "-empty-row");
    var body = document.getElementById(prefix + "-rows");
    if (!total || !template || !body) { return; }
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) { return; }
    var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__row__/g, String(index + 1));
    body.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = body.lastElementChild && body.lastElementChild.querySelector("input, select");
    if (first) { first.focus(); }
  });
})();
