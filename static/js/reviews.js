// The review form's score scales: the line under each scale shows the descriptor of the score
// hovered or focused, else the chosen one. Without it the descriptors are still in each label's
// title and read by screen readers.
(function () {
  "use strict";
  function bindScale(scale) {
    const line = scale.querySelector(".score-descriptor");
    const radios = Array.from(scale.querySelectorAll("input[type=radio]"));
    const show = function (radio) {
      const chosen = radio || radios.find(function (r) { return r.checked; });
      line.textContent = (chosen && chosen.dataset.descriptor) ? chosen.value + ": " + chosen.dataset.descriptor : line.dataset.default;
    };
    radios.forEach(function (radio) {
      const option = radio.parentElement;  // the radio lies over its label, so hover the pair
      radio.addEventListener("focus", function () { show(radio); });
      radio.addEventListener("change", function () { show(radio); });
      radio.addEventListener("blur", function () { show(null); });
      option.addEventListener("mouseenter", function () { show(radio); });
      option.addEventListener("mouseleave", function () { show(null); });
    });
    show(null);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".score-scale").forEach(bindScale);
  });
})();
