/* A bar stuck to the bottom of the window (the yearly form's save bar) must never hide what has
   the focus. CSS scroll-padding-bottom keeps links to a field (#id, the error summary) above it,
   but Chromium scrolls a field reached with Tab only into the window, not above the bar: this
   scrolls the rest of the way. */
(function () {
  "use strict";
  var bar = document.querySelector(".sticky-bottom");
  if (!bar) return;
  var gap = 16; // px between the focused element and the bar

  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!target.getBoundingClientRect || bar.contains(target)) return;
    var box = target.getBoundingClientRect();
    var barTop = bar.getBoundingClientRect().top;
    if (barTop >= window.innerHeight || box.bottom <= barTop - gap) return;
    // A field taller than the space above the bar shows its top.
    var by = Math.min(box.bottom - barTop + gap, box.top - gap);
    // Instant: Bootstrap makes scrolling smooth, and the next Tab must find the field in place.
    if (by > 0) window.scrollBy({top: by, behavior: "instant"});
  });
})();
