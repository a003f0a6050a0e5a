// Copy an item's permanent link; without JavaScript the "#" link still points at the item.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-da-copy]") : null;
  if (!link || !navigator.clipboard) return;
  var url = new URL(link.getAttribute("href"), window.location.href).href;
  navigator.clipboard.writeText(url).then(function () {
    link.setAttribute("data-da-copied", "");
    announce(link.getAttribute("data-da-copied-text"));
    window.setTimeout(function () { link.removeAttribute("data-da-copied"); }, 2000);
  }, function () { /* clipboard refused: the link still navigates */ });
});

// Said aloud by screen readers; the copied link shows the same words beside it (CSS).
function announce(text) {
  var region = document.getElementById("da-announce");
  if (!region) {
    region = document.createElement("p");
    region.id = "da-announce";
    region.className = "da-visually-hidden";
    region.setAttribute("role", "status");
    document.body.appendChild(region);
  }
  region.textContent = "";
  window.setTimeout(function () { region.textContent = text || ""; }, 50);
}
