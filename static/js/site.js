/* Progressive enhancement only: the site works without this file. Deferred: the CSS folds the
   phone menu from the first paint where scripts run (`@media (scripting: enabled)`), so nothing
   moves when this arrives; it only makes the menu button work. */
(function () {
  "use strict";
  function init() {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (toggle && menu) {
      toggle.hidden = false;
      var setOpen = function (open) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        menu.classList.toggle("is-open", open);
      };
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
          setOpen(false);
          toggle.focus();
        }
      });
    }
    // Move focus to the form's error summary so screen-reader users hear what to fix.
    var summary = document.getElementById("error-summary");
    if (summary) {
      summary.focus();
    }
  }

  init();
})();
