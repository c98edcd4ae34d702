/* The reader's controls (rendered into the synopsis and reading pages, their words from the
   catalogs): which texts the synopsis shows and how (side by side or stacked), the text
   size, and for every sentence a permalink and a "copy citation". The reader's choices are
   kept across pages (localStorage, which Chromium keeps for file:// as well). */
(function () {
  "use strict";
  var controls = document.querySelector(".reader-controls");
  var root = document.documentElement;
  var STORE = "edition.reader.";
  var SIZES = [0.9, 1, 1.15, 1.3, 1.5, 1.75];

  function remember(name, value) {
    try { localStorage.setItem(STORE + name, value); } catch (error) { /* private mode */ }
  }
  function recall(name) {
    try { return localStorage.getItem(STORE + name); } catch (error) { return null; }
  }

  /* Text size: a step of SIZES, on every page (the reading surface and the registers). */
  function applySize(step) {
    step = Math.max(0, Math.min(SIZES.length - 1, step));
    root.style.setProperty("--edition-text-scale", String(SIZES[step]));
    root.setAttribute("data-edition-size", String(step));
    return step;
  }
  var size = applySize(parseInt(recall("size") || "1", 10));

  if (!controls) return;
  var synopsis = document.querySelector(".synopsis");

  function press(attribute, value) {
    controls.querySelectorAll("[" + attribute + "]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute(attribute) === value));
    });
  }
  function show(texts) {
    if (!synopsis || !controls.querySelector('[data-texts="' + texts + '"]')) texts = "all";
    synopsis.setAttribute("data-texts", texts);
    synopsis.querySelectorAll("[data-text]").forEach(function (part) {
      part.classList.toggle("reader-hidden",
                            texts !== "all" && part.getAttribute("data-text") !== texts);
    });
    press("data-texts", texts);
  }
  function lay(layout) {
    if (!synopsis || !controls.querySelector('[data-layout="' + layout + '"]')) layout = "side";
    synopsis.setAttribute("data-layout", layout);
    press("data-layout", layout);
  }
  if (synopsis) {
    show(recall("texts") || "all");
    lay(recall("layout") || "side");
  }

  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-texts")) {
      show(button.getAttribute("data-texts"));
      remember("texts", button.getAttribute("data-texts"));
    } else if (button.hasAttribute("data-layout")) {
      lay(button.getAttribute("data-layout"));
      remember("layout", button.getAttribute("data-layout"));
    } else if (button.hasAttribute("data-size")) {
      size = applySize(size + parseInt(button.getAttribute("data-size"), 10));
      remember("size", String(size));
    }
  });

  /* A sentence's tools: one small bar, shown at the sentence the reader points at, clicks
     or arrives at (#id). */
  var tools = document.createElement("span");
  tools.className = "sentence-tools";
  tools.hidden = true;
  var link = document.createElement("a");
  link.className = "sentence-permalink";
  var mark = document.createElement("span");
  mark.setAttribute("aria-hidden", "true");
  mark.textContent = "¶";
  var name = document.createElement("span");
  name.className = "sr-only";
  name.textContent = controls.getAttribute("data-permalink");
  link.append(mark, name);
  link.title = controls.getAttribute("data-permalink");
  var cite = document.createElement("button");
  cite.type = "button";
  cite.className = "sentence-cite";
  cite.textContent = controls.getAttribute("data-copy");
  var status = document.createElement("span");
  status.className = "sr-only";
  status.setAttribute("role", "status");
  tools.append(link, cite, status);
  document.body.appendChild(tools);
  var current = null;

  function place(sentence) {
    if (!sentence || !sentence.id) return;
    current = sentence;
    link.href = "#" + sentence.id;
    cite.textContent = controls.getAttribute("data-copy");
    var box = sentence.getClientRects()[0] || sentence.getBoundingClientRect();
    var rtl = getComputedStyle(sentence).direction === "rtl";
    tools.hidden = false;
    tools.style.top = (box.top + window.scrollY - tools.offsetHeight - 2) + "px";
    tools.style.left = (rtl ? box.right - tools.offsetWidth : box.left) + window.scrollX + "px";
  }

  function citation(sentence) {
    var url = location.href.split("#")[0] + "#" + sentence.id;
    return controls.getAttribute("data-cite").replace("{sentence}", sentence.id)
      .replace("{url}", url);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { fallback(text); });
    }
    fallback(text);
    return Promise.resolve();
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }

  cite.addEventListener("click", function () {
    if (!current) return;
    var text = citation(current);
    copy(text).then(function () {
      cite.textContent = controls.getAttribute("data-copied");
      status.textContent = controls.getAttribute("data-copied");
      tools.setAttribute("data-copied", text);
    });
  });

  var content = document.querySelector(".md-content");
  content.addEventListener("mouseover", function (event) {
    var sentence = event.target.closest && event.target.closest(".s[id]");
    if (sentence && sentence !== current) place(sentence);
  });
  content.addEventListener("click", function (event) {
    var sentence = event.target.closest && event.target.closest(".s[id]");
    if (sentence && !event.target.closest("a")) place(sentence);
  });
  function arrive() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.classList.contains("s")) place(target);
  }
  window.addEventListener("hashchange", arrive);
  arrive();
})();
