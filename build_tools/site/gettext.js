/* The interface strings of the site's own scripts, in the language of this site's interface:
   gettext("Copy citation") gives the catalog's translation (build_tools/render/locale), and
   gettext("Sentence {id}", {id: "s12"}) fills in its {placeholders}. The edition plugin
   writes this file for each interface language with the messages its scripts use. */
(function () {
  "use strict";
  var messages = __MESSAGES__;
  window.gettext = function (message, values) {
    var text = Object.prototype.hasOwnProperty.call(messages, message) ? messages[message]
                                                                        : message;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name]
                                                                          : whole;
    });
  };
})();
