// The portal's own behaviour: progressive enhancement only; every page works without it.
(function () {
  "use strict";

  // Live word counts for textareas that carry data-word-limit.
  function countWords(text) {
    const words = text.trim().split(/\s+/).filter(Boolean);
    return words.length;
  }
  function bindWordLimit(area) {
    const limit = parseInt(area.dataset.wordLimit, 10);
    const output = document.getElementById(area.id + "-wordcount");
    if (!limit || !output) return;
    const update = function () {
      const n = countWords(area.value);
      output.textContent = n + " of " + limit + " words";
      output.classList.toggle("text-danger", n > limit);
    };
    area.addEventListener("input", update);
    update();
  }

  // Buttons that ask before acting: <button data-confirm="Are you sure?">.
  function bindConfirm(el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  }

  function init(root) {
    root.querySelectorAll("textarea[data-word-limit]").forEach(bindWordLimit);
    root.querySelectorAll("[data-confirm]").forEach(bindConfirm);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
