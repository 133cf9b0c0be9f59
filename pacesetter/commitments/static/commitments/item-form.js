/* The typical items beside the item form: a click fills the form in place (without
   scripts the link reloads the page with the item filled in by the server). */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.item-template");
    var form = document.getElementById("item-form");
    if (!link || !form) { return; }
    event.preventDefault();
    var fields = { content: "templateContent", target: "templateTarget", category: "templateCategory" };
    Object.keys(fields).forEach(function (name) {
      var input = form.elements[name];
      if (input) { input.value = link.dataset[fields[name]]; }
    });
    if (form.elements.content) { form.elements.content.focus(); }
  });
})();
