// Under the message box, count the characters left as the person types. The form works the same
// without this: the server checks the length and says so.
(function () {
  "use strict";
  var areas = document.querySelectorAll("textarea[data-character-count]");
  Array.prototype.forEach.call(areas, function (area) {
    var limit = parseInt(area.getAttribute("data-character-count"), 10);
    var left = area.getAttribute("data-count-left");
    var over = area.getAttribute("data-count-over");
    // What is seen updates at once; what a screen reader hears waits for a pause in typing.
    var shown = document.createElement("p");
    shown.className = "field__counter";
    shown.setAttribute("aria-hidden", "true");
    var spoken = document.createElement("p");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", spoken);
    area.insertAdjacentElement("afterend", shown);
    var timer = null;

    function text() {
      var remaining = limit - area.value.length;
      return remaining >= 0
        ? left.replace("%(count)s", remaining.toLocaleString())
        : over.replace("%(count)s", (-remaining).toLocaleString());
    }

    function update() {
      shown.textContent = text();
      shown.classList.toggle("field__counter--over", area.value.length > limit);
      clearTimeout(timer);
      timer = setTimeout(function () {
        spoken.textContent = text();
      }, 1000);
    }

    area.addEventListener("input", update);
    shown.textContent = text();
  });
})();
