// The reception board refreshes itself: every minute it fetches the page
// again and swaps in the new board, so the screen never flashes. When the
// server cannot be reached the old board stays, marked as possibly stale.
// Without JavaScript a <noscript> meta refresh does the same.
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root || !window.fetch || !window.DOMParser) {
    return;
  }
  var every = (parseInt(root.getAttribute("data-refresh"), 10) || 60) * 1000;
  var started = Date.now();
  function tick() {
    // Once in a while reload completely, to pick up new styles and scripts.
    if (Date.now() - started > 6 * 3600 * 1000) {
      window.location.reload();
      return;
    }
    window.fetch(window.location.href, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) {
          throw new Error("HTTP " + r.status);
        }
        return r.text();
      })
      .then(function (html) {
        var doc = new window.DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("board");
        if (!fresh) {
          throw new Error("no board in the answer");
        }
        root.parentNode.replaceChild(fresh, root);
        root = fresh;
        document.body.classList.remove("stale");
      })
      .catch(function () {
        document.body.classList.add("stale");
      })
      .then(function () {
        window.setTimeout(tick, every);
      });
  }
  window.setTimeout(tick, every);
})();
