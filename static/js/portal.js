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

  // Tables read as one card per row on a phone (design.css, .table-stacked): each cell gets its
  // column's name as data-label, and a table with many columns, or one that does not fit, is
  // stacked. Tables marked .table-keep (a calendar grid) keep their grid.
  const PHONE = window.matchMedia("(max-width: 575.98px)");
  const STACK_FROM_COLUMNS = 4;
  function labelTable(table) {
    const heads = Array.from(table.querySelectorAll("thead th")).map(function (th) { return th.textContent.trim(); });
    if (!heads.length) return;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.from(row.children).forEach(function (cell, index) {
        if (heads[index] && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
          cell.setAttribute("data-label", heads[index]);
        }
      });
    });
  }
  function stackTable(table) {
    const columns = table.querySelectorAll("thead th").length;
    table.classList.remove("table-stacked");
    const tooWide = table.scrollWidth > table.parentElement.clientWidth + 1;
    if (PHONE.matches && (columns >= STACK_FROM_COLUMNS || tooWide)) table.classList.add("table-stacked");
  }
  function stackableTables(root) {
    return Array.from(root.querySelectorAll("main table")).filter(function (table) {
      return !table.closest(".table-keep, .table-responsive");
    });
  }

  // A form sent back with errors opens with a summary that screen readers announce (role=alert)
  // and that takes focus, each error a link to its field (each field already names its error
  // through aria-describedby).
  function summariseErrors(form) {
    if (form.querySelector(".error-summary")) return;
    const fields = Array.from(form.querySelectorAll(".is-invalid[id]"));
    if (!fields.length) return;
    const summary = document.createElement("div");
    summary.className = "alert alert-danger error-summary";
    summary.setAttribute("role", "alert");
    summary.tabIndex = -1;
    const heading = document.createElement("p");
    heading.className = "fw-semibold mb-1";
    heading.textContent = fields.length === 1 ? "There is a problem with one answer:" : "There are problems with " + fields.length + " answers:";
    const list = document.createElement("ul");
    list.className = "mb-0";
    fields.forEach(function (field) {
      const error = document.getElementById(field.getAttribute("aria-describedby") || "");
      const link = document.createElement("a");
      link.href = "#" + field.id;
      link.textContent = error ? error.textContent.trim() : "Check this answer.";
      const item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.append(heading, list);
    form.prepend(summary);
    return summary;
  }

  function init(root) {
    root.querySelectorAll("textarea[data-word-limit]").forEach(bindWordLimit);
    root.querySelectorAll("[data-confirm]").forEach(bindConfirm);
    stackableTables(root).forEach(function (table) { labelTable(table); stackTable(table); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    const summaries = Array.from(document.querySelectorAll("main form")).map(summariseErrors).filter(Boolean);
    if (summaries.length) summaries[0].focus();
  });
  PHONE.addEventListener("change", function () { stackableTables(document).forEach(stackTable); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
