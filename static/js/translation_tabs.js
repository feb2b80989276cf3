/* The languages of a translated admin form (visits/adminkit/tabs.py renders the data):
 *
 * - each of modeltranslation's language tabs says "empty" or "not ready" when its field
 *   is, and the summary at the top of the form (#translation-status) follows too, as the
 *   editor types or ticks a language ready;
 * - on wide screens the source text of a field (the collapsed <details class="mt-source">
 *   under each field of another language) opens beside the field.
 *
 * Runs after modeltranslation's tabbed_translation_fields.js has made the tabs (both wait
 * for the document through django.jQuery, in the order of the scripts). No inline script
 * or style: the Content-Security-Policy allows neither.
 */
"use strict";
(function () {
  const WIDE = window.matchMedia("(min-width: 1200px)");
  const PROSE = "[contenteditable=true]";

  function summary() {
    return document.getElementById("translation-status");
  }

  function label(state) {
    const status = summary();
    const key = "label" + state.replace(/(^|-)(\w)/g, (m, dash, c) => c.toUpperCase());
    return (status && status.dataset[key]) || state;
  }

  function isEmpty(field) {
    const editor = field.closest(".prose-editor");
    const editable = editor && editor.querySelector(PROSE);
    const text = editable ? editable.textContent : field.value;
    return !(text || "").trim();
  }

  /* A language's ready mark: its checkbox on the form when there is one, else what the
   * server said; null for models without ready marks. */
  function isReady(code) {
    const status = summary();
    const item = status && status.querySelector('[data-mt-lang="' + code + '"]');
    const name = item && item.dataset.mtReadyInput;
    const box = name && document.getElementById("id_" + name);
    if (box) return box.checked;
    const field = document.querySelector('[data-mt-lang="' + code + '"][data-mt-ready]');
    return field ? field.dataset.mtReady === "yes" : null;
  }

  function fieldState(field) {
    if (isEmpty(field)) return "empty";
    const code = field.dataset.mtLang;
    return code && isReady(code) === false ? "not-ready" : "filled";
  }

  function stateBadge(className, state) {
    const badge = document.createElement("span");
    badge.className = className + " mt-state-" + state;
    const mark = document.createElement("span");
    mark.className = "mt-mark";
    mark.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.className = "mt-state-text";
    text.textContent = label(state);
    badge.append(mark, text);
    return badge;
  }

  function markTab(link) {
    const panel = document.getElementById(link.hash.slice(1));
    // The item's own fields carry their language; an inline's are modeltranslation's
    // plain ".mt" fields, marked only when empty.
    const field = panel && panel.querySelector("[data-mt-lang], input.mt, textarea.mt");
    if (!field) return;
    const state = fieldState(field);
    const old = link.querySelector(".mt-tab-state");
    if (old && old.dataset.state === state) return;
    if (old) old.remove();
    link.parentElement.classList.toggle("mt-tab-empty", state === "empty");
    link.parentElement.classList.toggle("mt-tab-not-ready", state === "not-ready");
    if (state === "filled") return;
    const badge = stateBadge("mt-tab-state", state);
    badge.dataset.state = state;
    link.append(" ", badge);
  }

  function languageState(code) {
    const fields = document.querySelectorAll('[data-mt-key][data-mt-lang="' + code + '"]');
    const filled = Array.from(fields).filter((field) => !isEmpty(field)).length;
    if (!filled) return "empty";
    if (isReady(code) === false) return "not-ready";
    return filled === fields.length ? "complete" : "incomplete";
  }

  function updateSummary() {
    const status = summary();
    if (!status) return;
    status.querySelectorAll("[data-mt-lang]").forEach((item) => {
      const code = item.dataset.mtLang;
      if (!document.querySelector('[data-mt-key][data-mt-lang="' + code + '"]')) return;
      const state = languageState(code);
      if (state === item.dataset.mtState) return;
      item.classList.remove("mt-state-" + item.dataset.mtState);
      item.classList.add("mt-state-" + state);
      item.dataset.mtState = state;
      item.querySelector(".mt-state-text").textContent = label(state);
    });
  }

  function update() {
    document.querySelectorAll(".ui-tabs-nav a[href^='#tab_']").forEach(markTab);
    updateSummary();
  }

  /* Side by side on wide screens: open the sources the editor has not closed. */
  function placeSources() {
    document.querySelectorAll("details.mt-source").forEach((details) => {
      if (details.dataset.touched) return;
      details.open = WIDE.matches;
    });
  }

  let pending = false;
  function scheduleUpdate() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(() => {
      pending = false;
      update();
    });
  }

  function start() {
    update();
    placeSources();
    WIDE.addEventListener("change", placeSources);
    document.addEventListener("input", scheduleUpdate);
    document.addEventListener("change", scheduleUpdate);
    document.querySelectorAll("details.mt-source > summary").forEach((summaryEl) => {
      summaryEl.addEventListener("click", () => {
        summaryEl.parentElement.dataset.touched = "1";
      });
    });
  }

  const jQuery = window.django && window.django.jQuery;
  if (jQuery) {
    jQuery(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
