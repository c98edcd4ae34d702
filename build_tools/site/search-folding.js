/* Search that forgives spelling: folds the text Material's search worker indexes and every
   query sent to it, by the same rules (generated from build_tools/site/search_folding.json).
   Arabic loses its harakat, Quranic marks and tatweel, and its alef, hamza, ta marbuta and
   alef maqsura variants meet; Arabic-Indic digits become Latin; Turkish İ, I, ı and i meet.
   Loaded as a polyfill, after the iframe-worker shim and before Material's bundle. */
(function () {
  "use strict";
  var RULES = __RULES__;
  var MARKS = /\p{M}/gu;

  function fold(text) {
    var folded = text.normalize("NFD").replace(MARKS, "");
    var out = "";
    for (var i = 0; i < folded.length; i++) {
      var c = folded[i];
      if (RULES.remove.indexOf(c) >= 0) continue;
      out += Object.prototype.hasOwnProperty.call(RULES.map, c) ? RULES.map[c] : c;
    }
    return out.toLowerCase();
  }

  /* Material's messages to its worker: type 0 sets up the index ({docs}), type 2 queries. */
  function folded(message) {
    if (message && message.type === 0 && message.data && message.data.docs) {
      message.data.docs.forEach(function (doc) {
        var extra = [fold(doc.title || ""), fold(doc.text || "")].join(" ");
        doc.text = (doc.text || "") + " " + extra;
      });
    } else if (message && message.type === 2 && typeof message.data === "string") {
      message = { type: 2, data: fold(message.data) };
    }
    return message;
  }

  window.editionSearchFold = fold;
  if (typeof window.Worker !== "function") return;
  var post = window.Worker.prototype.postMessage;
  window.Worker.prototype.postMessage = function (message, transfer) {
    return transfer === undefined ? post.call(this, folded(message))
                                  : post.call(this, folded(message), transfer);
  };
})();
