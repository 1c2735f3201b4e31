/* Django's tabular inlines name their columns in the table's header only: each input, select and
   text area in a row gets its column's name (a screen reader otherwise reads "edit text"), also
   in rows added with "Add another". */
(function () {
  "use strict";
  function label(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = table.querySelectorAll("thead th");
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          var name = headers[index] ? headers[index].textContent.trim() : "";
          if (!name) return;
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            var labelled = field.id && document.querySelector('label[for="' + field.id + '"]');
            if (!labelled && !field.getAttribute("aria-label")) field.setAttribute("aria-label", name);
          });
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("formset:added", function () { label(document); });
})();
