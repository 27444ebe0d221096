// Small browser helpers for the workbench shell.
window.valueAlign = {
  // Called by the layout once the interactive circuit rendered; end-to-end tests wait for it.
  circuitReady: function () { window.__valueAlignCircuit = true; },
  getDarkMode: function () {
    const stored = localStorage.getItem("valuealign.darkMode");
    if (stored !== null) return stored === "true";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  },
  setDarkMode: function (value) { localStorage.setItem("valuealign.darkMode", value ? "true" : "false"); },
  // Benchmarks page: Esc, j/k and arrow keys for the item drawer, ignored while typing in a field.
  listenBrowserKeys: function (page) {
    window.valueAlign.stopBrowserKeys();
    const handler = function (e) {
      const tag = (e.target && e.target.tagName) || "";
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (e.target && e.target.isContentEditable)) return;
      // An element that handles its own keys (the image zoom overlay) keeps them.
      if (e.target && e.target.closest && e.target.closest("[data-own-keys]")) return;
      if (["Escape", "j", "k", "ArrowDown", "ArrowUp"].indexOf(e.key) < 0) return;
      if (document.querySelector("[data-testid=item-drawer]") === null) return;
      e.preventDefault();
      page.invokeMethodAsync("OnBrowserKeyAsync", e.key);
    };
    window.valueAlign._browserKeys = handler;
    document.addEventListener("keydown", handler);
  },
  stopBrowserKeys: function () {
    if (window.valueAlign._browserKeys) document.removeEventListener("keydown", window.valueAlign._browserKeys);
    window.valueAlign._browserKeys = null;
  },
  // Benchmarks page: load the next keyset slice when the end of the grid scrolls into view.
  observeScrollEnd: function (element, page) {
    window.valueAlign.stopObservingScrollEnd();
    if (!element || !window.IntersectionObserver) return;
    const observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) page.invokeMethodAsync("OnScrolledToEndAsync");
    }, { rootMargin: "200px" });
    observer.observe(element);
    window.valueAlign._scrollEnd = observer;
  },
  stopObservingScrollEnd: function () {
    if (window.valueAlign._scrollEnd) window.valueAlign._scrollEnd.disconnect();
    window.valueAlign._scrollEnd = null;
  }
};
