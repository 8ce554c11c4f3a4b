// Enhancements for the self-assessment. Every page works without this file.
(function () {
  "use strict";

  // After a refused submission, take keyboard and screen-reader users straight to what is missing.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  // PC-PTSD-5: the five questions are asked only after a "yes" to the first one.
  document.querySelectorAll("[data-gated-by]").forEach(function (group) {
    var radios = document.querySelectorAll('input[name="' + group.dataset.gatedBy + '"]');
    function update() {
      var yes = document.querySelector('input[name="' + group.dataset.gatedBy + '"][value="yes"]');
      group.hidden = !(yes && yes.checked);
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  });

  // PHQ-9 question 9: as soon as an answer above "Not at all" is chosen, crisis help shows right
  // below it, on the same step; without JavaScript it shows once the answers are sent.
  var selfHarmHelp = document.querySelector("[data-self-harm-help]");
  if (selfHarmHelp) {
    document.querySelectorAll('input[name="item_9"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        selfHarmHelp.hidden = !(Number(radio.value) > 0);
      });
    });
  }

  // A print button, which needs JavaScript to work; the browser's own Print works without it.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
