// Copy an item's permanent link; without JavaScript the "#" link still points at the item.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-da-copy]") : null;
  if (!link || !navigator.clipboard) return;
  var url = new URL(link.getAttribute("href"), window.location.href).href;
  navigator.clipboard.writeText(url).then(function () {
    link.setAttribute("data-da-copied", "");
    window.setTimeout(function () { link.removeAttribute("data-da-copied"); }, 2000);
  }, function () { /* clipboard refused: the link still navigates */ });
});
