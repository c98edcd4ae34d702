/* Search that forgives spelling, and shows the text as written.

   Material's search worker indexes a folded copy of every page (by the rules of
   build_tools/site/search_folding.json, filled in below) and receives every query folded
   the same way: Arabic loses its harakat, Quranic marks and tatweel, and its alef, hamza,
   ta marbuta and alef maqsura variants meet; Arabic-Indic digits become Latin; Turkish İ, I,
   ı and i meet, and its letters lose their cedilla and breve. Folding changes what is
   matched, never what is shown: each result the worker returns gets back its page's own
   title and text, with the words the reader typed found and marked in them as written. The
   words so found are the result's terms, which Material puts in the link (?h=), so that its
   own highlighting marks them on the page the reader opens.

   At scale (an edition of 100 chapters indexes some 300,000 words) this script must stay
   cheap: the index is folded with one regular expression, not character by character, and
   a result gets its page's text back only when Material shows it (it renders ten results,
   then more as the reader scrolls), not for each of the hundreds a short query finds.

   Loaded as a polyfill, after the iframe-worker shim and before Material's bundle. */
(function () {
  "use strict";
  var RULES = __RULES__;
  // What folding removes or replaces once the text is decomposed: every combining mark and
  // each character of the rules (NFD leaves them as they are).
  var FOLDED = new RegExp("\\p{M}|[" + RULES.remove.concat(Object.keys(RULES.map))
    .map(function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); })
    .join("") + "]", "gu");
  var WORD = /[\p{L}\p{N}]/u;
  var SEPARATOR = /[\s\-]+/;
  var SETUP = 0, QUERY = 2, RESULT = 3;    // Material's message types
  var MAX_BLOCKS = 2;                      // as Material's own excerpts

  function replacement(c) {
    return Object.prototype.hasOwnProperty.call(RULES.map, c) ? RULES.map[c] : "";
  }

  function fold(text) {
    return text.normalize("NFD").replace(FOLDED, replacement).toLowerCase();
  }

  var folds = new Map();    // character -> its folding, for the few distinct characters
  function foldCharacter(character) {
    var part = folds.get(character);
    if (part === undefined) folds.set(character, part = fold(character));
    return part;
  }

  /* The folded text, and for each of its characters the offset of the character of `text`
     it comes from (plus the end of `text`), so that a match in the one is a span of the
     other. */
  function foldWithOffsets(text) {
    var parts = [], offsets = [];
    for (var i = 0; i < text.length;) {
      var code = text.codePointAt(i), width = code > 0xffff ? 2 : 1;
      var part = foldCharacter(text.slice(i, i + width));
      parts.push(part);
      for (var k = 0; k < part.length; k++) offsets.push(i);
      i += width;
    }
    offsets.push(text.length);
    return {text: parts.join(""), offsets: offsets};
  }

  /* The query as words, folded, each with the word the reader typed. */
  function queryWords(query) {
    return query.split(SEPARATOR).map(function (typed) {
      typed = typed.replace(/["+*~^]/g, "");
      return {typed: typed, folded: fold(typed)};
    }).filter(function (word) { return word.folded.length > 0; });
  }

  /* Spans [start, end) of `text` where a word of the query begins a word of the text
     (the search matches the beginnings of words). */
  function spans(text, words) {
    var folded = foldWithOffsets(text), found = [];
    words.forEach(function (word) {
      for (var at = folded.text.indexOf(word.folded); at >= 0;
           at = folded.text.indexOf(word.folded, at + 1)) {
        if (at > 0 && WORD.test(folded.text[at - 1])) continue;
        found.push([folded.offsets[at], folded.offsets[at + word.folded.length], word]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    return found.filter(function (span, i) { return i === 0 || span[0] >= found[i - 1][1]; });
  }

  /* `html` with the words found marked; `seen` collects them, as written, by query word. */
  function mark(html, words, seen) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    nodes.forEach(function (node) {
      var text = node.nodeValue, found = spans(text, words);
      if (!found.length) return;
      var fragment = document.createDocumentFragment(), cursor = 0;
      found.forEach(function (span) {
        fragment.appendChild(document.createTextNode(text.slice(cursor, span[0])));
        var marked = document.createElement("mark");
        marked.textContent = text.slice(span[0], span[1]);
        fragment.appendChild(marked);
        seen[span[2].folded] = seen[span[2].folded] || {};
        seen[span[2].folded][marked.textContent] = true;
        cursor = span[1];
      });
      fragment.appendChild(document.createTextNode(text.slice(cursor)));
      node.parentNode.replaceChild(fragment, node);
    });
    return template.content;
  }

  /* The text of a result as Material shows it: the blocks (paragraphs, lists) with a word
     of the query, at most two, or the whole text when none has one. */
  function excerpt(content) {
    var blocks = Array.prototype.slice.call(content.children);
    if (!blocks.length) {
      var only = document.createElement("p");
      only.appendChild(content);
      blocks = [only];
    }
    var found = blocks.filter(function (block) { return block.querySelector("mark"); });
    return (found.length ? found.slice(0, MAX_BLOCKS) : blocks).map(function (block) {
      block.setAttribute("dir", "auto");       // an Arabic excerpt reads right to left
      return block.outerHTML;
    }).join("");
  }

  var originals = {};       // location -> the page's own title and text
  var asked = [];           // the queries sent, in order, each answered by one result

  /* The title, text and terms of a result as Material shows them: its page's own, with the
     words found marked. */
  function restore(item, words) {
    var original = originals[item.location];
    if (!original) return {title: item.title, text: item.text, terms: item.terms};
    var seen = {}, title = document.createElement("div");
    title.appendChild(mark(original.title, words, seen));
    var text = excerpt(mark(original.text, words, seen));
    var terms = {};
    words.forEach(function (word) {
      var written = Object.keys(seen[word.folded] || {});
      if (written.length) written.forEach(function (form) { terms[form] = true; });
      else terms[word.typed] = false;                  // shown as a missing word
    });
    return {title: title.innerHTML, text: text, terms: terms};
  }

  /* `item`, whose title, text and terms are restored the first time Material reads one. */
  function restoring(item, words) {
    var restored = null, copy = Object.assign({}, item);
    ["title", "text", "terms"].forEach(function (name) {
      Object.defineProperty(copy, name, {enumerable: true, configurable: true, get: function () {
        restored = restored || restore(item, words);
        return restored[name];
      }});
    });
    return copy;
  }

  function outgoing(message) {
    if (message && message.type === SETUP && message.data && message.data.docs) {
      var docs = message.data.docs.map(function (doc) {
        originals[doc.location] = {title: doc.title || "", text: doc.text || ""};
        return Object.assign({}, doc, {title: fold(doc.title || ""), text: fold(doc.text || "")});
      });
      return {type: SETUP, data: Object.assign({}, message.data, {docs: docs})};
    }
    if (message && message.type === QUERY && typeof message.data === "string") {
      asked.push(message.data);
      return {type: QUERY, data: fold(message.data)};
    }
    return message;
  }

  function incoming(data) {
    if (!data || data.type !== RESULT || !data.data || !asked.length) return data;
    var words = queryWords(asked.shift());
    var items = (data.data.items || []).map(function (group) {
      return group.map(function (item) { return restoring(item, words); });
    });
    return {type: RESULT, data: Object.assign({}, data.data, {items: items})};
  }

  window.editionSearchFold = fold;
  if (typeof window.Worker !== "function") return;
  var prototype = window.Worker.prototype;
  var post = prototype.postMessage;
  prototype.postMessage = function (message, transfer) {
    return transfer === undefined ? post.call(this, outgoing(message))
                                  : post.call(this, outgoing(message), transfer);
  };
  var listen = prototype.addEventListener;
  prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") {
      return listen.call(this, type, listener, options);
    }
    return listen.call(this, type, function (event) {
      var data = incoming(event.data);
      return listener.call(this, data === event.data ? event
                                                     : new MessageEvent("message", {data: data}));
    }, options);
  };
})();
