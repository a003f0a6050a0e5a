// Reports each request that failed (a network error, or an answer that is not 200-299), with
// its URL, to the search page that made it: as the event "da-fetch-failed" on that page's
// window (its detail: the URL). Pagefind only logs a chunk or file it could not fetch and
// searches without it (or waits forever for its WASM), so without this the search page said
// "no result" for a search it could not make. The build prepends this file to every index's
// pagefind-worker.js (core/search_index.py), where Pagefind fetches: there it posts the report
// to its page, where Pagefind's own handler ignores it (it has no id) and the Worker made by
// the page hands it on. search.js imports this file: in the page it wraps that Worker, and the
// page's own fetch for Pagefind's fallback in the page, when the worker cannot start. Reports
// stay within their tab (a BroadcastChannel, tried first, reached every tab of the site, and
// one tab's lost file voided the other tabs' searches).
// A plain script, valid as a module too: nothing is exported.
(() => {
  if (self.daFetchWatched) return;
  self.daFetchWatched = true;
  const inPage = typeof window !== "undefined";
  const report = inPage
    ? (url) => self.dispatchEvent(new CustomEvent("da-fetch-failed", { detail: url }))
    : (url) => self.postMessage({ daFetchFailed: url });
  if (inPage && typeof self.Worker === "function") {
    const PageWorker = self.Worker;
    self.Worker = class extends PageWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (event) => {
          const failed = event.data && event.data.daFetchFailed;
          if (typeof failed === "string") report(failed);
        });
      }
    };
  }
  const fetchAsIs = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    let response;
    try {
      response = await fetchAsIs(input, init);
    } catch (error) {
      report(url);
      throw error;
    }
    if (!response.ok) report(url);
    return response;
  };
})();
