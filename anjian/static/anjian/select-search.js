/* Long drop-downs (a town's 900 units, its 41 villages) become searchable with Tom Select: type
   part of a name to narrow the list. Applies to every <select> in a form with more than
   SEARCH_FROM options, on page load and in every htmx swap; `data-no-search` opts a select out.
   The native <select> stays in the form, so what is submitted and validated does not change. */
(function () {
  "use strict";
  var SEARCH_FROM = 15;

  function enhance(root) {
    if (typeof TomSelect === "undefined") return;
    var text = document.body.dataset;
    root.querySelectorAll("form select").forEach(function (select) {
      if (select.tomselect || select.dataset.noSearch !== undefined) return;
      if (select.options.length <= SEARCH_FROM) return;
      new TomSelect(select, {
        maxOptions: 200,
        // An optional field keeps its empty choice (to clear it); a required one shows the hint.
        allowEmptyOption: !select.required,
        placeholder: text.selectPlaceholder,
        plugins: select.multiple ? ["remove_button"] : [],
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = text.selectNoResults;
            return div;
          }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
