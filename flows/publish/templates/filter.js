(function () {
  "use strict";
  var query = document.getElementById("event-query");
  var type = document.getElementById("event-type");
  var count = document.getElementById("event-count");
  var corroborated = document.getElementById("event-corroborated");
  if (!query || !type || !count || !corroborated) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var months = Array.prototype.slice.call(document.querySelectorAll("section.month"));
  function apply() {
    var words = query.value.toLowerCase().trim();
    var wanted = type.value;
    var shown = 0;
    items.forEach(function (item) {
      var visible = (!wanted || item.dataset.type === wanted) &&
        (!corroborated.checked || Number(item.dataset.articles) >= 2) &&
        (!words || item.textContent.toLowerCase().indexOf(words) >= 0);
      item.hidden = !visible;
      if (visible) { shown += 1; }
    });
    months.forEach(function (month) {
      month.hidden = month.querySelector("li.event:not([hidden])") === null;
    });
    count.textContent = shown + " of " + items.length + " events shown";
  }
  query.addEventListener("input", apply);
  type.addEventListener("change", apply);
  corroborated.addEventListener("change", apply);
  apply();
}());
