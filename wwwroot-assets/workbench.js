// Small browser helpers for the workbench shell.
window.valueAlign = {
  // Called by the layout once the interactive circuit rendered; end-to-end tests wait for it.
  circuitReady: function () { window.__valueAlignCircuit = true; },
  getDarkMode: function () {
    const stored = localStorage.getItem("valuealign.darkMode");
    if (stored !== null) return stored === "true";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  },
  setDarkMode: function (value) { localStorage.setItem("valuealign.darkMode", value ? "true" : "false"); }
};
