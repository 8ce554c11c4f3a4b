// Lets Wagtail's admin work under the site's Content Security Policy, which allows no inline
// code without the request's nonce (see docs/decisions.md).
//
// 1. Date, date-time and time pickers. Wagtail's widget templates start them from an inline
//    <script>; our copies of those templates (content/templates/wagtailadmin/widgets/) carry the
//    same settings in data attributes, and this file makes the same call, also for fields added
//    later (dialogs, repeated panels).
// 2. The rich-text editor (Draftail) adds <style> elements as it runs. This script is loaded with
//    the request's nonce; it gives that nonce to <style> elements that scripts insert. Styles
//    injected into the HTML itself, and scripts of any kind, stay blocked.
(function () {
  'use strict';

  var nonce = document.currentScript && document.currentScript.nonce;

  function giveNonce(node) {
    if (!nonce || !node || node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) {
      return;
    }
    if (node.tagName === 'STYLE' && !node.nonce) {
      node.nonce = nonce;
    }
    if (node.querySelectorAll) {
      Array.prototype.forEach.call(node.querySelectorAll('style:not([nonce])'), function (style) {
        if (!style.nonce) {
          style.nonce = nonce;
        }
      });
    }
  }

  ['appendChild', 'insertBefore', 'replaceChild'].forEach(function (name) {
    var original = Node.prototype[name];
    Node.prototype[name] = function (node) {
      giveNonce(node);
      return original.apply(this, arguments);
    };
  });

  var initialisers = {
    date: 'initDateChooser',
    datetime: 'initDateTimeChooser',
    time: 'initTimeChooser',
  };

  function startPickers(root) {
    var inputs = root.querySelectorAll('[data-psycle-chooser]:not([data-psycle-chooser-started])');
    Array.prototype.forEach.call(inputs, function (input) {
      var initialise = window[initialisers[input.dataset.psycleChooser]];
      if (typeof initialise !== 'function' || !input.id) {
        return;
      }
      input.setAttribute('data-psycle-chooser-started', '');
      initialise(input.id, JSON.parse(input.dataset.psycleChooserConfig || '{}'));
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    startPickers(document);
    new MutationObserver(function () {
      startPickers(document);
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
