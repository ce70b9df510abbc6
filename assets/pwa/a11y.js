// Two things Flutter web (Flet 1.0.5's client) leaves out of the accessibility tree, filled in from the page.
//
// 1. A dialog's name. Flet's AlertDialog(semantics_label=...) puts the title on the dialog's first node, not on the
//    element with role="alertdialog", so a screen reader announces "dialog" with no name. We point the dialog's
//    aria-labelledby at that first labelled node (Flutter gives every node an id).
// 2. A field in error. Flutter shows the error as the field's aria-description but leaves aria-invalid="false", and
//    Flet's Semantics has no way to set it. Starboard's TextInput (app/components/text_input.py) wraps a field in
//    error in a group labelled with the error itself, so a field whose description is its wrapper's label is the
//    field in error: we mark it aria-invalid="true" (and "false" again once the error is gone).
//
// Flutter rebuilds these nodes as the screen changes, so the fix runs again after every batch of DOM changes (once
// per animation frame at most). Same-origin script, no inline code: it runs under the app's CSP (script-src 'self').
(function () {
  "use strict";
  var scheduled = false;

  function nameDialogs(root) {
    root.querySelectorAll('[role="alertdialog"]').forEach(function (dialog) {
      if (dialog.hasAttribute("aria-label")) return;
      var titled = dialog.querySelector("[aria-label]");
      if (titled && titled.id && dialog.getAttribute("aria-labelledby") !== titled.id) {
        dialog.setAttribute("aria-labelledby", titled.id);
      }
    });
  }

  function markInvalidFields(root) {
    root.querySelectorAll('[data-semantics-role="text-field"]').forEach(function (field) {
      var description = field.getAttribute("aria-description") || "";
      var invalid = false;
      if (description) {
        for (var node = field.parentElement, depth = 0; node && depth < 4; node = node.parentElement, depth++) {
          if (node.getAttribute("aria-label") === description) {
            invalid = true;
            break;
          }
        }
      }
      var wanted = invalid ? "true" : "false";
      if (field.getAttribute("aria-invalid") !== wanted) field.setAttribute("aria-invalid", wanted);
    });
  }

  function fix() {
    scheduled = false;
    var root = document.querySelector("flt-semantics-host") || document.body;
    if (!root) return;
    nameDialogs(root);
    markInvalidFields(root);
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(fix);
    }
  }

  function start() {
    new MutationObserver(schedule).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-label", "aria-description", "aria-invalid", "role"],
    });
    schedule();
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
