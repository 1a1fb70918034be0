// Skanse's only script: start DKFDS's components, give htmx requests the CSRF token, and tick
// the breach log's 72-hour clocks.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  document.body.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = document.body.dataset.csrfToken;
  });
  breachClocks();
});

// The 72-hour clock of a personal data breach (templates/breaches/_clock.html) is computed on
// the server, and that text is what a page without script shows. While a clock counts, its
// element carries `data-deadline` (ISO 8601, UTC): here its words are recomputed from the
// browser's clock whenever they would change (once a minute), in the page's language, with
// the same words and rules as skanse/breaches/deadline.py, and the state moves on to "due
// soon" (24 hours or less, in bold) and "overdue". The words are not a live region: a screen
// reader reads the current text when the reader gets there, and is not told every minute.
function breachClocks() {
  var MINUTE = 60 * 1000;
  var DUE_SOON = 24 * 60 * MINUTE;
  var WORDS = {
    da: {
      day: ["dag", "dage"],
      hour: ["time", "timer"],
      minute: ["minut", "minutter"],
      left: "%s tilbage",
      overdue: "Overskredet med %s",
    },
    en: {
      day: ["day", "days"],
      hour: ["hour", "hours"],
      minute: ["minute", "minutes"],
      left: "%s left",
      overdue: "Overdue by %s",
    },
  };
  var words = WORDS[(document.documentElement.lang || "").slice(0, 2).toLowerCase()];
  var timer = null;
  if (!words) {
    return; // a language without words here keeps the server's text
  }

  function unit(name, n) {
    return n + " " + words[name][n === 1 ? 0 : 1];
  }

  // "41 hours 12 minutes", or "3 days 4 hours" from two days on (deadline.duration_words).
  function duration(ms) {
    var minutes = Math.max(0, Math.floor(ms / MINUTE));
    var days = Math.floor(minutes / (24 * 60));
    var hours = Math.floor((minutes % (24 * 60)) / 60);
    minutes = minutes % 60;
    if (days >= 2) {
      return hours ? unit("day", days) + " " + unit("hour", hours) : unit("day", days);
    }
    hours += days * 24;
    return (hours ? unit("hour", hours) + " " : "") + unit("minute", minutes);
  }

  // Show one clock as of `now`; return the milliseconds until its words change.
  function show(clock, now) {
    var deadline = Date.parse(clock.dataset.deadline);
    var target = clock.querySelector(".breach-clock__words");
    if (isNaN(deadline) || !target) {
      return Infinity;
    }
    var left = deadline - now;
    var state = left <= 0 ? "overdue" : left <= DUE_SOON ? "due_soon" : "running";
    var text =
      state === "overdue"
        ? words.overdue.replace("%s", duration(-left))
        : words.left.replace("%s", duration(left));
    if (!clock.classList.contains("breach-clock--" + state)) {
      clock.classList.remove(
        "breach-clock--running",
        "breach-clock--due_soon",
        "breach-clock--overdue",
      );
      clock.classList.add("breach-clock--" + state);
    }
    var urgent = state !== "running";
    var shown = target.firstElementChild;
    if (target.textContent !== text || urgent !== (shown !== null && shown.tagName === "STRONG")) {
      var content = document.createTextNode(text);
      if (urgent) {
        var strong = document.createElement("strong");
        strong.appendChild(content);
        content = strong;
      }
      target.replaceChildren(content);
    }
    return left > 0 ? left % MINUTE : MINUTE - (-left % MINUTE);
  }

  function tick() {
    clearTimeout(timer);
    var now = Date.now();
    var next = Infinity;
    document.querySelectorAll(".breach-clock[data-deadline]").forEach(function (clock) {
      next = Math.min(next, show(clock, now));
    });
    if (next !== Infinity) {
      // Just after the next change; at least once a minute, for clocks added by htmx.
      timer = setTimeout(tick, Math.min(next, MINUTE) + 20);
    }
  }

  // Timers sleep in a hidden tab or a sleeping computer: catch up when the page is seen again.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      tick();
    }
  });
  window.addEventListener("pageshow", tick);
  document.body.addEventListener("htmx:afterSettle", tick);
  tick();
}
