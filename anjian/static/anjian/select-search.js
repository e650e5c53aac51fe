/* Long drop-downs (a town's 900 units, its 41 villages) become searchable with Tom Select: type
   part of a name to narrow the list. Applies to every <select> in a form with more than
   SEARCH_FROM options, on page load and in every htmx swap; `data-no-search` opts a select out.
   The native <select> stays in the form, so what is submitted and validated does not change.
   A select with `data-remote` (core.forms.RemoteSelect: too many rows to list, e.g. a county's
   units) holds only its chosen option; typing asks that address (?q=) for matches instead. */
(function () {
  "use strict";
  var SEARCH_FROM = 15;

  function enhance(root) {
    if (typeof TomSelect === "undefined") return;
    var text = document.body.dataset;
    root.querySelectorAll("form select").forEach(function (select) {
      if (select.tomselect || select.dataset.noSearch !== undefined) return;
      var remote = select.dataset.remote;
      if (!remote && select.options.length <= SEARCH_FROM) return;
      new TomSelect(select, Object.assign({
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
      }, remote ? searchOn(remote) : {}));
    });
  }

  // The server matches (name, address, principal, credit code) and orders: keep what it sends.
  function searchOn(url) {
    return {
      valueField: "value",
      labelField: "text",
      searchField: [],
      score: function () { return function () { return 1; }; },
      shouldLoad: function (query) { return query.trim().length > 0; },
      load: function (query, callback) {
        var self = this;
        fetch(url + "?q=" + encodeURIComponent(query), {
          credentials: "same-origin", headers: {"Accept": "application/json"}
        }).then(function (response) { return response.json(); })
          .then(function (data) {
            self.clearOptions();  // the last answer only (the chosen option stays)
            callback(data.results);
          })
          .catch(function () { callback(); });
      }
    };
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
})();
