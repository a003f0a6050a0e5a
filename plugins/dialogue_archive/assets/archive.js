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

// The header's menu button (☰): Material's is a label for a hidden checkbox, which the
// keyboard never reaches and a screen reader cannot name. It becomes a real button; Escape
// closes the menu and gives the focus back. (The menu's links are out of the tab order while
// it is closed: archive.css.)
(function () {
  var label = document.querySelector("label[data-da-menu]");
  var toggle = document.getElementById("__drawer");
  if (!label || !toggle) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className;
  button.setAttribute("data-da-menu", "");  // hidden where the tabs show (archive.css)
  button.setAttribute("aria-label", label.getAttribute("data-da-menu"));
  button.setAttribute("aria-expanded", "false");
  while (label.firstChild) button.appendChild(label.firstChild);
  label.replaceWith(button);
  function set(open) {
    if (toggle.checked !== open) toggle.click();
  }
  button.addEventListener("click", function () {
    set(!toggle.checked);
    if (toggle.checked) {
      var first = document.querySelector(".md-sidebar--primary .md-nav__link[href]");
      if (first) window.setTimeout(function () { first.focus(); }, 50);
    }
  });
  // Material also closes the menu from its own code, which fires no event: the state is
  // read again whenever the button is reached.
  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }
  toggle.addEventListener("change", sync);
  button.addEventListener("focus", sync);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
  // Tab past the menu's last link closes it: the focus went on to links the open menu hides.
  var menu = document.querySelector(".md-sidebar--primary");
  if (menu) {
    menu.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !menu.contains(next) && next !== button) set(false);
    });
  }
})();

// Material wraps each table of a text in a box that scrolls sideways when the table is wider
// than the screen; the keyboard could not reach it to scroll (a table holds no link). Run when
// Material has wrapped them (its document$ emits after its own components are mounted).
function scrollableTables() {
  document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (box) {
    box.setAttribute("tabindex", "0");
  });
}
if (window.document$) window.document$.subscribe(scrollableTables); else scrollableTables();
