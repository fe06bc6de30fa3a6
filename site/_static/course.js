// The course website's one script, for the saved widgets: their pictures get the alt text that
// the page puts beside them (data-alt of .widget-alt, from the widget's own text description),
// and their slider handles the name of their slider (ipywidgets leaves both without one).
// Also: the theme's search fields show "Search Ctrl+K" but are named "Search", which hides the
// shortcut from assistive technology (axe-core: label-content-name-mismatch); drop that name.
(function () {
  "use strict";
  function describe() {
    document.querySelectorAll(".search-button-field[aria-label]").forEach(function (button) {
      button.removeAttribute("aria-label");
    });
    document.querySelectorAll(".widget-alt").forEach(function (note) {
      let cell = note.closest("section, div");
      for (let node = note.closest(".cell, .docutils, p"); node; node = node.previousElementSibling) {
        if (node.classList && node.classList.contains("cell")) { cell = node; break; }
      }
      cell.querySelectorAll("img:not([alt])").forEach(function (img) {
        img.setAttribute("alt", note.dataset.alt);
      });
    });
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      const label = slider.querySelector(".widget-label");
      slider.querySelectorAll("[role=slider]:not([aria-label])").forEach(function (handle) {
        handle.setAttribute("aria-label", label ? label.textContent.trim() : "slider");
      });
    });
  }
  new MutationObserver(describe).observe(document.documentElement, {childList: true, subtree: true});
})();
