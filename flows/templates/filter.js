(function () {
  "use strict";
  var query = document.getElementById("event-query");
  var type = document.getElementById("event-type");
  var count = document.getElementById("event-count");
  if (!query || !type || !count) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.event"));
  var months = Array.prototype.slice.call(document.querySelectorAll("section.month"));
  function apply() {
    var words = query.value.toLowerCase().trim();
    var wanted = type.value;
    var shown = 0;
    items.forEach(function (item) {
      var visible = (!wanted || item.dataset.type === wanted) &&
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
  apply();
}());
