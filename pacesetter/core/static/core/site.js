/* Progressive enhancement for every page: nothing here is needed for a page to work. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Selects marked data-autosubmit (the language switcher) submit their form on change.
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) {
      if (select.form.requestSubmit) { select.form.requestSubmit(); } else { select.form.submit(); }
    }
  });

  // Tree toggles: the first click loads the children with htmx; later clicks only show or hide them.
  // Runs in the capture phase so that htmx does not fetch again once the children are there.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-tree-toggle]");
    if (!toggle) { return; }
    var target = document.getElementById(toggle.getAttribute("data-tree-toggle"));
    if (!target || !target.hasAttribute("data-loaded")) { return; }
    event.preventDefault();
    event.stopPropagation();
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    target.hidden = open;
  }, true);

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.hasAttribute("data-tree-children")) {
      target.setAttribute("data-loaded", "");
      target.hidden = false;
      var toggle = document.querySelector('[data-tree-toggle="' + target.id + '"]');
      if (toggle) { toggle.setAttribute("aria-expanded", "true"); }
    }
  });
})();
