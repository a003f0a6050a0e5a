// Photos open large with their caption in the page's <dialog class="da-lightbox">; a printed
// record shows the day it was printed, the address read, and every collapsed part opened.
(function () {
  function viewer() { return document.querySelector("dialog.da-lightbox"); }

  function photoOf(target) {
    var link = target.closest ? target.closest("a[data-da-lightbox]") : null;
    if (link) return link;
    var img = target.closest ? target.closest(".da-writeup img") : null;
    return img && img.closest("a") === null ? img : null;
  }

  function open(dialog, photo) {
    var img = photo.tagName === "IMG" ? photo : photo.querySelector("img");
    var figure = photo.closest("figure");
    var caption = figure && figure.querySelector("figcaption");
    var big = dialog.querySelector(".da-lightbox__image");
    // A large photo's <img> shows its smaller copy; its srcset also names the original, which
    // the viewer takes on a screen wider than the copy (a phone keeps the copy).
    big.removeAttribute("srcset");
    if (img && img.srcset) {
      big.sizes = "96vw";
      big.srcset = img.srcset;
    }
    big.src = photo.tagName === "A" ? photo.href : img.currentSrc || img.src;
    big.alt = img ? img.alt : "";
    dialog.querySelector(".da-lightbox__caption").textContent =
      caption ? caption.textContent.trim() : (img && (img.title || img.alt)) || "";
    dialog.showModal();
  }

  document.addEventListener("click", function (event) {
    var dialog = viewer();
    if (!dialog || typeof dialog.showModal !== "function") return;
    if (event.target === dialog) { dialog.close(); return; }  // a click on the backdrop
    var photo = photoOf(event.target);
    if (!photo) return;
    event.preventDefault();
    open(dialog, photo);
  });

  // A photo of the write-up that is not a link is made a button, so that the keyboard opens
  // it too (Enter or Space), and the focus comes back to it when the viewer closes.
  var dialog = viewer();
  if (dialog && typeof dialog.showModal === "function") {
    document.querySelectorAll(".da-writeup img").forEach(function (img) {
      if (img.closest("a")) return;
      img.tabIndex = 0;
      img.setAttribute("role", "button");
      img.setAttribute("aria-haspopup", "dialog");
      img.setAttribute("aria-label", (img.alt ? img.alt + " — " : "") + dialog.dataset.openLabel);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      var photo = event.target instanceof Element && event.target.matches(".da-writeup img[role=button]")
        ? event.target : null;
      if (!photo) return;
      event.preventDefault();
      open(dialog, photo);
    });
  }

  function stampPrintDate() {
    var today = new Date();
    var parts = { day: today.getDate(), month: today.getMonth() + 1, year: today.getFullYear() };
    document.querySelectorAll("[data-da-print-date]").forEach(function (el) {
      // The month's name (labels' `month`) is given only where the date form writes it.
      parts.month_name = el.dataset.daMonths ? JSON.parse(el.dataset.daMonths)[today.getMonth()] : "";
      el.textContent = el.dataset.daPrintDate.replace(/\{(day|month|month_name|year)\}/g, function (field, name) {
        return parts[name];
      });
    });
  }

  // The printed address is the one read: with its #anchor when the reader came by an item's,
  // an answer's or a commitment's link (the page gives it without).
  function stampPrintAddress() {
    document.querySelectorAll("[data-da-print-url]").forEach(function (el) {
      el.textContent = el.dataset.daPrintUrl + location.hash;
    });
  }

  window.addEventListener("hashchange", stampPrintAddress);
  window.addEventListener("beforeprint", function () {
    stampPrintDate();
    stampPrintAddress();
    document.querySelectorAll(".md-content details:not([open])").forEach(function (el) {
      el.setAttribute("open", "");
      el.setAttribute("data-da-opened-for-print", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("[data-da-opened-for-print]").forEach(function (el) {
      el.removeAttribute("open");
      el.removeAttribute("data-da-opened-for-print");
    });
  });
  stampPrintDate();  // also for a print preview opened without the events
  stampPrintAddress();
})();
