/* Wide tables scroll sideways inside their .table-responsive box, never the page. When a box does
   scroll, it can be reached and scrolled with the keyboard (tabindex, a region named after its
   table's caption or heading) and a hint above it says that there is more to the right. */
(function () {
  "use strict";
  var hintText = document.body.getAttribute("data-scroll-hint") || "";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption) return caption.textContent.trim();
    // A heading may already name the section around the box: the region adds the hint, so
    // that two landmarks never share one name.
    for (var e = box.previousElementSibling; e; e = e.previousElementSibling) {
      if (/^H[1-6]$/.test(e.tagName)) return e.textContent.trim() + ": " + hintText;
    }
    return hintText;
  }

  function update(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var hint = box.previousElementSibling;
    if (!hint || !hint.classList.contains("scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "scroll-hint small mb-1";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = hintText + "\u00a0→";
      box.parentNode.insertBefore(hint, box);
    }
    hint.classList.toggle("is-shown", wide);
    if (wide) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", nameOf(box));
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }

  function updateAll() {
    document.querySelectorAll(".table-responsive").forEach(update);
  }

  updateAll();
  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(updateAll, 150);
  });
  // Folded sections (details) hold tables too: measure them when they open.
  document.addEventListener("toggle", updateAll, true);
})();
