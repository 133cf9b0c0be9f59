/* The sign-in screen: every few seconds ask the server for the code to show. It answers
 * with the current code while that is unspent and has time left, else with a fresh one
 * (its QR as SVG drawn by segno on the server), and the count of members present.
 *
 *   <div id="signin-screen" data-poll-url="…/code.json" data-code="CODE">
 */
(function () {
  "use strict";
  var EVERY_MS = 2000;

  function start(screen) {
    var url = screen.getAttribute("data-poll-url");
    var qr = document.getElementById("signin-qr");
    var link = document.getElementById("signin-link");
    var present = document.getElementById("signin-present");

    function poll() {
      var code = screen.getAttribute("data-code");
      fetch(url + "?current=" + encodeURIComponent(code), { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || !data.open) { return; }
          if (data.code !== code) {
            screen.setAttribute("data-code", data.code);
            qr.innerHTML = data.svg;
            link.setAttribute("href", data.url);
            link.textContent = data.url;
          }
          present.textContent = data.present;
        })
        .catch(function () { /* the next poll tries again */ })
        .then(function () { window.setTimeout(poll, EVERY_MS); });
    }
    window.setTimeout(poll, EVERY_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var screen = document.getElementById("signin-screen");
    if (screen) { start(screen); }
  });
}());
