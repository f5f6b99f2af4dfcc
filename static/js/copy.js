// Copy buttons: <button data-copy-target="ID" data-copy-status="ID">. The button copies the value
// (or text) of the target and says so in a live region; without the Clipboard API it selects the
// text so the person can copy it themselves. Progressive enhancement: the address stays readable.
(function () {
  "use strict";

  function bind(button) {
    const target = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      const text = "value" in target ? target.value : target.textContent;
      const say = function (message) { if (status) status.textContent = message; };
      const selectIt = function () {
        if (target.select) target.select();
        say("Selected: press Ctrl+C (or ⌘C) to copy.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say("Copied."); }, selectIt);
      } else {
        selectIt();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-target]").forEach(bind);
  });
})();
