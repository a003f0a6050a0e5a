// Reports each request that failed (a network error, or an answer that is not 200-299) on the
// BroadcastChannel "dialogue-archive-fetch", with its URL. Pagefind only logs a chunk or file
// it could not fetch and searches without it (or waits forever for its WASM), so without this
// the search page said "no result" for a search it could not make. The build prepends this
// file to every index's pagefind-worker.js (core/search_index.py), where Pagefind fetches;
// search.js imports it for Pagefind's fallback in the page, when the worker cannot start.
// A plain script, valid as a module too: nothing is exported.
(() => {
  if (typeof BroadcastChannel === "undefined" || self.daFetchWatched) return;
  self.daFetchWatched = true;
  const channel = new BroadcastChannel("dialogue-archive-fetch");
  const fetchAsIs = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    let response;
    try {
      response = await fetchAsIs(input, init);
    } catch (error) {
      channel.postMessage(url);
      throw error;
    }
    if (!response.ok) channel.postMessage(url);
    return response;
  };
})();
