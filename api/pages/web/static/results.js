// The duty result form: "add a row" copies the last request row, emptied.
(function () {
  "use strict";
  var add = document.getElementById("add-request");
  var rows = document.getElementById("req-rows");
  if (!add || !rows) { return; }
  add.hidden = false;
  add.addEventListener("click", function () {
    var last = rows.lastElementChild;
    if (!last) { return; }
    var row = last.cloneNode(true);
    row.querySelectorAll("select").forEach(function (s) { s.selectedIndex = 0; });
    row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    rows.appendChild(row);
    row.querySelector("select").focus();
  });
})();
