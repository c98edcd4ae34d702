/* Material's search overlay has role="dialog" but no name (axe: aria-dialog-name); it takes
   the name of its own search field, in the site's language. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = document.querySelector(".md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || "Search");
  }
})();
