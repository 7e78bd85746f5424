// The search filters come open (so a phone without scripts shows them before the hits); on a narrow screen they
// close into the 筛选 (n) drawer above the hits, and on a wide one they stay open beside them, as the page is resized.
(function () {
  var drawer = document.querySelector("[data-filter-drawer]");
  if (!drawer) return;
  var narrow = window.matchMedia("(max-width: 50rem)");
  function fit() { drawer.open = !narrow.matches; }
  fit();
  narrow.addEventListener("change", fit);
})();
