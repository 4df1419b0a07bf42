/* The number of items in an anonymous visitor's trip, next to the header's trip link. Pages may
   come from the page cache (one copy for everyone), so the count is read here from the cookie
   the trip pages keep (`trip_items`: a number and nothing else). Without scripts the link
   simply shows no count. */
(function () {
  "use strict";
  var badge = document.querySelector("[data-trip-count]");
  var match = document.cookie.match(/(?:^|;\s*)trip_items=(\d{1,3})(?:;|$)/);
  var count = match ? parseInt(match[1], 10) : 0;
  if (!badge || count < 1) {
    return;
  }
  var label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = badge.getAttribute("data-label") || "";
  badge.className = "tag";
  badge.appendChild(label);
  badge.appendChild(document.createTextNode(String(count)));
  badge.parentNode.insertBefore(document.createTextNode(" "), badge);
})();
