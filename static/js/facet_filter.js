// The 更多 list of a long facet (26 agencies, 52 proposers) gets a box that keeps the values holding what is typed.
document.querySelectorAll("[data-facet-filter]").forEach(function (box) {
  var items = document.querySelectorAll("#" + box.getAttribute("aria-controls") + " li");
  box.hidden = false;
  box.addEventListener("input", function () {
    var wanted = box.value.trim();
    items.forEach(function (item) {
      item.hidden = wanted !== "" && item.textContent.indexOf(wanted) === -1;
    });
  });
});
