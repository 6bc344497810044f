// The search page (/<lang>/search/): starts Pagefind's Default UI, which the
// page loads from the search bundle just before this file (both deferred).
// The UI takes its strings and direction from <html lang>. Without
// JavaScript, or without the bundle, the fallback paragraph (a link to the
// archives) stays. /<lang>/search/?q=word searches for "word" at once.
(() => {
  const element = document.getElementById("search");
  if (!element || typeof window.PagefindUI !== "function") return;
  const ui = new window.PagefindUI({
    element: "#search",
    bundlePath: element.dataset.bundle,
    baseUrl: element.dataset.baseUrl,
  });
  for (const fallback of document.querySelectorAll(".search__fallback")) {
    fallback.hidden = true;
  }
  const term = new URLSearchParams(window.location.search).get("q");
  if (term) ui.triggerSearch(term);
})();
