/* The exhibition's big screen: cycles through the published photos handed over in the
   "slides" JSON, one every data-seconds, preloading the next; fullscreen on a click or F,
   arrow keys step by hand. */
(function () {
  "use strict";
  var stage = document.getElementById("stage");
  var data = document.getElementById("slides");
  var image = document.getElementById("slide-image");
  if (!stage || !data || !image) { return; }
  var slides = JSON.parse(data.textContent);
  var caption = document.getElementById("slide-caption");
  var meta = document.getElementById("slide-meta");
  var seconds = parseInt(stage.getAttribute("data-seconds"), 10) || 8;
  var current = 0;
  var timer = null;

  function describe(slide) {
    return [slide.organization, slide.place, slide.date].filter(Boolean).join(" · ");
  }

  function preload(index) {
    var next = new Image();
    next.src = slides[index % slides.length].src;
  }

  function show(index) {
    current = (index + slides.length) % slides.length;
    var slide = slides[current];
    image.classList.add("is-fading");
    window.setTimeout(function () {
      image.src = slide.src;
      image.alt = slide.caption;
      caption.textContent = slide.caption;
      meta.textContent = describe(slide);
      image.classList.remove("is-fading");
      preload(current + 1);
    }, 800);
  }

  function restart() {
    if (timer) { window.clearInterval(timer); }
    if (slides.length > 1) {
      timer = window.setInterval(function () { show(current + 1); }, seconds * 1000);
    }
  }

  function fullscreen() {
    if (!document.fullscreenElement && stage.requestFullscreen) {
      stage.requestFullscreen().catch(function () { return null; });
    }
  }

  stage.addEventListener("click", function (event) {
    if (event.target.tagName !== "A") { fullscreen(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "ArrowRight") { show(current + 1); restart(); }
    else if (event.key === "ArrowLeft") { show(current - 1); restart(); }
    else if (event.key === "f" || event.key === "F") { fullscreen(); }
  });
  if (slides.length > 1) { preload(1); }
  restart();
}());
