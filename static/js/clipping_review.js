// The review of imported clippings (templates/admin/press/coverage/import_review.html):
// choosing an outlet in the list, or typing a new outlet's name, ticks the option those
// inputs belong to. Without this script the editor ticks it; the server refuses a list
// choice under another option, so nothing is decided behind the editor's back.
"use strict";

(function () {
  function tickOwnOption(event) {
    const option = event.target.closest(".clipping__option");
    if (!option) {
      return;
    }
    const radio = option.querySelector("input[type=radio]");
    if (radio && radio !== event.target && !radio.checked) {
      radio.checked = true;
    }
  }
  document.addEventListener("change", tickOwnOption);
  document.addEventListener("input", tickOwnOption);
})();
