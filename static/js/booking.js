/* Booking pages: a live countdown for the hold, and a day's free places refreshed while the
   guest decides, so a slot that fills is shown at once. The pages work without it. */
(function () {
  "use strict";

  function countdown(timer) {
    var expires = Date.parse(timer.getAttribute("data-expires"));
    var out = timer.querySelector("[data-left]");
    if (!out || isNaN(expires)) return;
    function tick() {
      var left = Math.max(0, Math.floor((expires - Date.now()) / 1000));
      if (left === 0) {
        out.textContent = out.getAttribute("data-label-over");
        timer.classList.add("hold-timer--over");
        return;
      }
      out.textContent = out.getAttribute("data-label-left")
        .replace("{m}", String(Math.floor(left / 60)))
        .replace("{s}", String(left % 60));
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function watchAvailability(form) {
    var url = form.getAttribute("data-availability-url");
    var day = form.getAttribute("data-date");
    var notice = document.createElement("p");
    notice.className = "booking-form__notice";
    notice.setAttribute("role", "status");
    form.insertBefore(notice, form.firstChild);
    function refresh() {
      fetch(url + "?date=" + encodeURIComponent(day), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) return;
          data.slots.forEach(function (slot) {
            var label = form.querySelector('[data-slot="' + slot.id + '"]');
            if (!label) return;
            var input = label.querySelector("input");
            var free = label.querySelector("[data-free]");
            if (slot.free > 0) {
              free.textContent = form.getAttribute("data-label-left").replace("{n}", String(slot.free));
              return;
            }
            if (input.checked) notice.textContent = form.getAttribute("data-label-filled");
            input.checked = false;
            input.disabled = true;
            label.classList.add("slot-choice--full");
            free.textContent = form.getAttribute("data-label-full");
          });
        })
        .catch(function () { /* offline: the server re-checks on submit anyway */ });
    }
    window.setInterval(refresh, 20000);
  }

  function waitForConfirmation(box) {
    var url = box.getAttribute("data-status-url");
    var first = box.getAttribute("data-status");
    var tries = 0;
    function ask() {
      tries += 1;
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.status !== first) {
            window.location.replace(window.location.pathname);
          } else if (tries < 60) {
            window.setTimeout(ask, tries < 10 ? 1000 : 3000);
          }
        })
        .catch(function () { if (tries < 60) window.setTimeout(ask, 3000); });
    }
    window.setTimeout(ask, 1000);
  }

  document.querySelectorAll(".hold-timer[data-expires]").forEach(countdown);
  document.querySelectorAll(".payment-wait[data-status-url]").forEach(waitForConfirmation);
  document.querySelectorAll(".booking-form[data-availability-url][data-date]").forEach(watchAvailability);
})();
