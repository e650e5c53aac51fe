/* Checklist editing: "添加检查项" appends a copy of the formset's empty row (Django's __prefix__
   pattern) and counts it in the management form. Without JavaScript two blank rows remain. */
(function () {
  "use strict";
  var add = document.getElementById("item-add");
  var rows = document.getElementById("item-rows");
  var empty = document.getElementById("item-empty");
  var total = document.querySelector("input[name=items-TOTAL_FORMS]");
  if (!add || !rows || !empty || !total) { return; }
  add.hidden = false;
  add.addEventListener("click", function () {
    var index = parseInt(total.value, 10) || 0;
    var html = empty.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var order = row.querySelector("input[name$='-ORDER']");
    if (order) { order.value = String(index + 1); }
    var text = row.querySelector("textarea, input[type=text]");
    if (text) { text.focus(); }
  });
})();
