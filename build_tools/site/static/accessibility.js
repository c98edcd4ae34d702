/* Accessibility and direction fixes on top of Material, for an edition that mixes scripts.

   1. Material's search overlay has role="dialog" but no name (axe: aria-dialog-name); it
      takes the name of its own search field, in the site's language.
   2. Material appends its tooltips to <body>, which is left-to-right and in the interface
      language; a tooltip takes the language and direction of the text it explains
      (its host names it through aria-describedby), so an Arabic speaker's name or an
      Arabic footnote reads right to left.
   3. The navigation, the table of contents and the header name pages and scenes in the
      texts' languages: each entry takes the direction of its own words (dir="auto"), so an
      Arabic title reads and aligns right to left in a left-to-right interface.
   4. A footnote marker inside a speech is the host of two tooltips (the footnote's and the
      speech's); while the reader points at or focuses the marker, the page is marked so that
      the speech's tooltip steps aside (edition.css). */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  var field = document.querySelector(".md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || gettext("Search"));
  }

  document.querySelectorAll(".md-nav__link, .md-nav__title, .md-header__topic .md-ellipsis")
    .forEach(function (entry) {
      if (!entry.hasAttribute("dir")) entry.setAttribute("dir", "auto");
    });

  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var marker = event.target.closest && event.target.closest(".footnote-ref");
      document.documentElement.classList.toggle("edition-footnote-open", Boolean(marker));
    });
  });

  function adopt(tooltip) {
    var host = tooltip.id && document.querySelector('[aria-describedby~="' + tooltip.id + '"]');
    var block = host && host.closest("[lang]");
    if (!block || block === document.documentElement) return;
    var inner = tooltip.firstElementChild || tooltip;
    inner.setAttribute("lang", block.getAttribute("lang"));
    inner.setAttribute("dir", block.getAttribute("dir") || getComputedStyle(block).direction);
  }

  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node.nodeType === 1 && node.classList.contains("md-tooltip2")) adopt(node);
      });
      if (change.type === "attributes" && change.target.classList.contains("md-tooltip2")) {
        adopt(change.target);
      }
    });
  }).observe(document.body, {childList: true, attributes: true, attributeFilter: ["class"],
                             subtree: false});
})();
