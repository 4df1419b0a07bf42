/* The search page: on a wide screen the filters stand open as a side column; a phone keeps them
   folded into one bar so that the results come first. The page works without it. */
(function () {
  "use strict";
  var filters = document.querySelector("[data-search-filters]");
  if (filters && window.matchMedia("(min-width: 60rem)").matches) {
    filters.open = true;
  }
})();
