// Annotate page: forwards key presses and tab visibility to the page's .NET component, and keeps a
// not-yet-confirmed submit in sessionStorage so a reload can resubmit it. Imported as a module by
// AnnotatePage; listen() returns a handle whose dispose() removes every listener.

function isTyping(target) {
  const tag = (target && target.tagName) || "";
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable === true);
}

function isControl(target) {
  const tag = (target && target.tagName) || "";
  return tag === "BUTTON" || tag === "A" || (target && target.getAttribute && target.getAttribute("role") === "button");
}

export function listen(page) {
  const onKey = function (e) {
    if (e.defaultPrevented || e.altKey || e.metaKey || e.isComposing) return;
    const target = e.target;
    // The image zoom overlay and open dialogs handle their own keys.
    if (target && target.closest && target.closest("[data-own-keys]")) return;
    if (document.querySelector(".mud-dialog-container") !== null) {
      // The page closes its keys dialog on Escape or ? wherever the focus is; other keys wait.
      if (e.key === "Escape" || e.key === "?") {
        e.preventDefault();
        page.invokeMethodAsync("OnKeyAsync", e.key, false, e.shiftKey, false);
      }
      return;
    }
    const typing = isTyping(target);
    if (typing) {
      if (e.key === "Escape") {
        // Leave the text box: the page keys work again.
        target.blur();
        e.preventDefault();
        return;
      }
      if (e.key === "Enter" && e.ctrlKey) {
        e.preventDefault();
        page.invokeMethodAsync("OnKeyAsync", e.key, true, e.shiftKey, true);
      }
      return;
    }
    // Enter and Space on a focused button or link press it, as everywhere else.
    if (isControl(target) && (e.key === "Enter" || e.key === " ")) return;
    // Tab moves between questions only from the page itself; from a button it moves the focus as usual.
    if (e.key === "Tab" && isControl(target)) return;
    if (e.ctrlKey) return;
    const printable = e.key.length === 1 && e.key !== " ";
    const navigation = e.key === "Enter" || e.key === "Tab" || e.key === "ArrowUp" || e.key === "ArrowDown";
    if (!printable && !navigation) return;
    e.preventDefault();
    page.invokeMethodAsync("OnKeyAsync", e.key, false, e.shiftKey, false);
  };
  const onVisibility = function () {
    page.invokeMethodAsync("OnVisibilityChanged", document.hidden);
  };
  document.addEventListener("keydown", onKey);
  document.addEventListener("visibilitychange", onVisibility);
  if (document.hidden) onVisibility();
  return {
    dispose: function () {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("visibilitychange", onVisibility);
    }
  };
}

// Puts the caret into a free-text question's box.
export function focusText(questionKey) {
  const box = document.querySelector('[data-question="' + CSS.escape(questionKey) + '"] textarea, [data-question="' + CSS.escape(questionKey) + '"] input');
  if (box) box.focus();
}

// Takes the caret out of any text box so the page keys work (after an item changes).
export function leaveTextBox() {
  const active = document.activeElement;
  if (isTyping(active)) active.blur();
}

export function readPending(key) { return sessionStorage.getItem(key); }
export function writePending(key, json) { sessionStorage.setItem(key, json); }
export function removePending(key) { sessionStorage.removeItem(key); }
