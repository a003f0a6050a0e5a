// The search page: reads its state (query, filters, scope) from the URL, asks Pagefind, shows
// facets with counts and results that link to the item's anchor on its session page.
// The archive is indexed in small Pagefind indexes ("shards", newest first, see
// core/search.py): a query searches the newest ones first and older ones when the reader
// asks, or when a year filter names them, so its cost does not grow with the archive.
import "./fetch-watch.js"; // reports Pagefind's failed requests, when it searches in the page
import { fold, iForY, normalise } from "./vietnamese.js";

const PAGE_SIZE = 20;
const EXCERPT_WORDS = 32;
// Words joined by dashes are shown whole, up to WHOLE_WORD_PARTS parts more at either end of
// an excerpt, which shows at most EXCERPT_CHARS characters (those of 32 words run to about
// 150) unless its marked words take more: a 400-character address next to the words found
// was shown whole, a 561-character excerpt 384 px tall on a phone, and a paragraph of
// addresses and words run together gave one of 2,312 characters (a review's find).
const WHOLE_WORD_PARTS = 4;
const EXCERPT_CHARS = 240;
const DEBOUNCE_MS = 180;

const root = document.getElementById("da-search");
const config = JSON.parse(document.getElementById("da-search-config").textContent);
const messages = config.messages;
const locale = config.locale; // the interface's language (labels.py); words typed are Vietnamese
// The records' titles and excerpts, marked with their language under an interface in another
// (labels.content_lang): a screen reader reads them with a Vietnamese voice.
const contentLang = locale.content ? { lang: locale.content } : {};
const base = new URL(root.dataset.base, document.baseURI);
const form = document.getElementById("da-search-form");
const input = document.getElementById("da-q");
const facetsBox = document.getElementById("da-facets");
const filtersPanel = document.getElementById("da-filters");
const status = document.getElementById("da-status");
const list = document.getElementById("da-results");
const more = document.getElementById("da-more");
const shownStatus = document.getElementById("da-shown");
const narrow = window.matchMedia("(max-width: 49.99em)");
const clear = document.getElementById("da-clear");
const scopeBox = document.getElementById("da-scope");
const older = document.getElementById("da-older");
const everything = document.getElementById("da-all");
const toResults = document.getElementById("da-to-results");
const active = document.getElementById("da-active");
const activeList = document.getElementById("da-active-list");
const resultsHeading = document.getElementById("da-results-heading");

const shards = config.shards;
const state = { query: "", filters: {}, depth: 0 };
let generation = 0;
let unfolded = null; // counts the latest search's facets once the filter panel is unfolded
let shownResults = [];
let shownCount = 0;
let shownHolders = null; // the ids of the results holding the phrases typed (phraseHolders().all)
let shownShards = []; // the ids of the indexes the results shown come from

// --- state <-> URL -------------------------------------------------------------------

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  state.query = params.get("q") || "";
  state.filters = {};
  for (const facet of config.facets) {
    // A value the archive does not know (a link mistyped, or made before a registry changed) is
    // left out: it showed as its bare id, ticked, with no result. A year without sessions is
    // kept: the page says there is none that year.
    const values = params.getAll(facet.key).filter((v) => v && (facet.key === "year" || Object.hasOwn(facet.values, v)));
    if (values.length) state.filters[facet.key] = values;
  }
  const scope = params.get("scope"); // after the filters: the default scope depends on them
  state.depth = scope === "all" ? shards.length
    : Math.min(shards.length, Math.max(defaultDepth(), parseInt(scope, 10) || 0));
}

// A filter or a wider scope is a step the reader can go Back from (`step`); typing only
// updates the current entry, so that Back does not replay a query letter by letter.
function writeUrl(step = false) {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set("q", state.query.trim());
  if (state.depth > defaultDepth()) params.set("scope", state.depth >= shards.length ? "all" : state.depth);
  for (const facet of config.facets) {
    for (const value of state.filters[facet.key] || []) params.append(facet.key, value);
  }
  const text = params.toString();
  const address = window.location.pathname + (text ? "?" + text : "");
  if (address === window.location.pathname + window.location.search) return;
  if (step) window.history.pushState(null, "", address);
  else window.history.replaceState(null, "", address);
}

function activeFilters(except) {
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) {
    if (key !== except && values.length) filters[key] = { any: values };
  }
  return filters;
}

// --- scope: which indexes a query searches -----------------------------------------

function defaultDepth() {
  return deeper(0);
}

// Newest-first shards from `depth` on, until those that may hold results hold
// config.scope_records records.
function deeper(depth) {
  let records = 0;
  while (depth < shards.length && (records < config.scope_records || records === 0)) {
    if (holds(shards[depth])) records += shards[depth].records;
    depth += 1;
  }
  return depth;
}

// Whether a shard holds a record of a chosen value of every filter it is known for
// (config.holders: a hexadecimal mask of the shards holding each topic, agency and place; a
// value every shard holds has none). A shard that does not cannot hold a result and is not
// searched: searching within a ward loads the indexes holding its answers, not the newest
// ones, which may hold none.
// `except`: a filter whose choice is left out (as if none of its values were chosen).
const holderSets = new Map();
function holds(shard, except = null) {
  return Object.entries(config.holders).every(([key, masks]) => {
    const values = key === except ? [] : state.filters[key] || [];
    return !values.length || values.some((value) => !(value in masks) || holdersOf(masks[value]).has(shard.id));
  });
}

// The ids of the shards a mask names (bit n: shards[n]).
function holdersOf(mask) {
  if (!holderSets.has(mask)) {
    const bits = BigInt("0x" + mask);
    holderSets.set(mask, new Set(shards.filter((shard, at) => (bits >> BigInt(at)) & 1n).map((shard) => shard.id)));
  }
  return holderSets.get(mask);
}

// The shards not searched yet that may hold results (none with a year filter: it searches
// every shard of its years).
function unsearched() {
  return (state.filters.year || []).length ? [] : shards.slice(state.depth).filter(holds);
}

// Whether a value's count covers every index that may hold it. In a filter with a choice made,
// the other values' counts leave that choice out (facetCounts), but only the indexes holding
// the choice were searched: a value that one not searched may hold gets no count rather than a
// part of it (a review's find: 'Thành phố Đà Nẵng (34)' within a ward, 52 once ticked).
function countedWhole(key, value, searched) {
  if (key === "year" || !(state.filters[key] || []).length) return true;
  const masks = config.holders[key] || {};
  const years = state.filters.year || [];
  const pool = years.length ? shards.filter((shard) => years.includes(String(shard.year)))
    : shards.slice(0, state.depth);
  return pool.every((shard) => searched.has(shard.id) || !holds(shard, key)
    || (value in masks && !holdersOf(masks[value]).has(shard.id)));
}

function scopeShards() {
  const years = state.filters.year || [];
  if (years.length) return shards.filter((shard) => years.includes(String(shard.year)) && holds(shard));
  return shards.slice(0, state.depth).filter(holds);
}

const indexPath = (shard) => new URL(`pagefind/${shard.id}/`, base).href;
let newest = null; // the instance searching newestList; grows when asked
let newestList = [];
const byYears = new Map(); // instances for the shards of chosen years

const runtimes = new Map(); // Pagefind's module, by the worker it runs in ("" or "#counts")
async function createInstance(list, worker = "") {
  if (!runtimes.has(worker)) { // at its version; imported again after a failure
    runtimes.set(worker, import(indexPath(list[0]) + config.files.runtime + worker).catch((error) => {
      runtimes.delete(worker);
      throw error;
    }));
  }
  const instance = (await runtimes.get(worker)).createInstance({ basePath: indexPath(list[0]) });
  await instance.options({ excerptLength: EXCERPT_WORDS });
  // Fetched side by side (one after another, each index cost a round trip on a slow network);
  // the order of the calls is the order of the indexes, newest first.
  list.forEach((shard) => wordsOf(shard.id)); // fetched while the index loads
  await Promise.all(list.slice(1).map((shard) => instance.mergeIndex(indexPath(shard))));
  await instance.init();
  return instance;
}

// The facets' counts of a search are made by a Pagefind of their own, in a worker of its own,
// with every filter index loaded. Pagefind counts each loaded filter's values in every search:
// loaded in the results' instance, they made each search slower (the whole archive at 10,000
// sessions: `so do` shown after 14.8-17.5 s instead of 4.0-4.6 s, README "Search
// performance"), and the next query's results waited for the counts of the one before, its
// instances sharing their module's one worker. Its runtime is imported again as another module
// ("#counts"), which makes its own worker; the files both fetch come from the browser's cache
// (but each index's entry file, which Pagefind asks for with the time in its address). Keyed
// by the results' instance (instanceFor's promise; widening makes a new one), and made once
// that one has loaded (`warm`), so that it is ready when the first results are shown; its
// filter indexes are fetched then (`counting`).
// Null when it cannot be had: the results stand, the filter panel stays as it was.
const counters = new WeakMap();
let countersLoading = 0; // counts' instances loading: a file lost meanwhile leaves one waiting
function counterFor(instance, list, counting = false) {
  const key = counting ? "counting" : "warm";
  const made = counters.get(instance) || {};
  if (!made[key]) {
    countersLoading += 1;
    made[key] = (counting ? counterFor(instance, list) : createInstance(list, "#counts")).then(async (pagefind) => {
      if (!pagefind) throw new Error("no counts' instance"); // made again when next asked
      if (counting) await pagefind.filters();
      return pagefind;
    }).catch(() => {
      delete made[key];
      return null;
    }).finally(() => {
      countersLoading -= 1;
    });
    counters.set(instance, made);
  }
  return made[key];
}

// A year filter searches exactly that year's shards; otherwise the newest `depth` shards,
// in one instance that merges older shards as the reader widens the search.
function instanceFor(list) {
  if ((state.filters.year || []).length) {
    const key = list.map((shard) => shard.id).join(" ");
    if (!byYears.has(key)) byYears.set(key, createInstance(list));
    return byYears.get(key);
  }
  // The first search, Back from a wider scope, or a filter held by other shards
  if (!newest || list.length < newestList.length || newestList.some((shard, i) => list[i] !== shard)) {
    newest = createInstance(list);
    newestList = list;
  } else if (list.length > newestList.length) {
    const added = list.slice(newestList.length);
    newestList = list;
    added.forEach((shard) => wordsOf(shard.id));
    newest = newest.then(async (instance) => {
      await Promise.all(added.map((shard) => instance.mergeIndex(indexPath(shard))));
      return instance;
    });
  }
  return newest;
}

// --- requests the network lost ----------------------------------------------------------

// Pagefind only logs a request that failed: a word chunk or filter index lost is searched as
// empty (a false "no result"), and stays so in its instance; a lost WASM or metadata file
// leaves it loading forever. fetch-watch.js, in Pagefind's worker and in this page, reports
// each such request; the instances then in use are marked with what was lost and dropped,
// so that searching again fetches afresh (the browser's cache keeps what did arrive). A
// failure cannot be told to one instance: every one in use is marked, which at worst says
// of a search that it may be incomplete when it is not.
const lost = new WeakMap(); // instance (promise) -> Set of what it lost: "words", "filters"
let searching = null; // the instance of the latest search
let waiting = false; // whether that search waits for its instance to load
let voidingLosses = []; // the losses that void what the status line says was found (none shown: [])

// What a failed request of Pagefind's cost, by its file (null: a file of this page's own, whose
// loss is handled where it is fetched; a fragment's is its result's, see showMore).
function lossOf(url) {
  const path = new URL(url, base).pathname;
  if (/\/index\/[^/]+\.pf_index$/.test(path)) return "words";
  if (/\/filter\/[^/]+\.pf_filter$/.test(path)) return "filters";
  if (/\/(wasm\.[^/]+\.pagefind|[^/]+\.pf_meta|pagefind-entry\.json)$/.test(path)) return "load";
  return /\/fragment\/[^/]+\.pf_fragment$/.test(path) ? "fragment" : null;
}

function noteFailure(url) {
  const loss = lossOf(url);
  if (!loss) return;
  for (const instance of new Set([searching, newest, ...byYears.values()])) {
    if (instance && loss !== "load" && loss !== "fragment") {
      lost.set(instance, (lost.get(instance) || new Set()).add(loss));
    }
  }
  newest = null;
  newestList = [];
  byYears.clear();
  widerCounters.clear(); // made again, whole, when next asked
  if (loss === "load" && waiting) {
    showLoadFailed();
  } else if (voidingLosses.includes(loss)) {
    say(messages.search_incomplete);
    toResults.textContent = messages.to_results; // the count it said is not known to hold
  }
  // A counts' instance (counterFor) that lost a file it loads with would wait forever
  if (loss === "filters" || (loss === "load" && countersLoading > 0)) showFiltersLost();
}

// The index could not load: the results of the search before, and the count of the filters'
// link, are no answer to this one (they stayed on screen under the message).
function showLoadFailed() {
  say(messages.load_failed);
  shownResults = listed([]);
  shownHolders = null;
  shownCount = 0;
  list.replaceChildren();
  more.hidden = true;
  toResults.textContent = messages.to_results;
  facetsBox.removeAttribute("aria-busy");
}

// The status line, written only when what it says changes: each write is read out again, and
// a lost index is reported once per file that failed (nine for the filters).
function say(text) {
  if (status.textContent !== text) status.textContent = text;
}

addEventListener("da-fetch-failed", (event) => noteFailure(event.detail)); // fetch-watch.js

const lostBy = (instance, loss) => Boolean(lost.get(instance) && lost.get(instance).has(loss));

// Said once (each file lost reports it); the focus on a filter the panel loses goes to the
// message that replaces them, where a keyboard user reads why (not to the page's start).
// The status line says it too, after what was found: the panel is no live region, and a
// search with words found its results without the filters, so nothing else told a screen
// reader. Not while the line says the page loads or searches (its answer replaces it: this
// is called again after it), nor after a loss it already tells to search again for.
function showFiltersLost() {
  facetsBox.removeAttribute("aria-busy");
  const said = status.textContent;
  const told = [messages.loading, messages.searching, messages.search_incomplete, messages.load_failed];
  if (!told.includes(said) && !said.includes(messages.filters_failed)) say(`${said} ${messages.filters_failed}`.trim());
  if (document.getElementById("da-filters-lost")) return;
  const focused = facetsBox.contains(document.activeElement);
  const note = element("p", { id: "da-filters-lost", class: "da-facet__none", tabindex: "-1" }, messages.filters_failed);
  facetsBox.replaceChildren(note);
  if (focused) note.focus();
}

// A message with every one of its {name} fields filled in, each value as written: a string
// given to String.replace reads "$&" or "$'" (typed in a query) as replacement patterns.
function fill(message, values) {
  return message.replace(/\{(\w+)\}/g, (field, name) => (name in values ? String(values[name]) : field));
}

// A message said with a count: its singular ("…_one" in the site's labels) for 1, as
// labels.count_label picks it for the pages.
function countMessage(key, count, values) {
  const message = count === 1 && messages[key + "_one"] !== undefined ? messages[key + "_one"] : messages[key];
  return fill(message, { count: count.toLocaleString(locale.number), ...values });
}

function describeScope(list) {
  // Shards that cannot hold a result (holds) count as searched.
  const candidates = shards.filter(holds);
  if (list.length >= candidates.length || !list.length) return messages.scope_all;
  // Years chosen apart (2016 and 2019) are named: a range from the oldest to the newest would
  // say the years between were searched.
  const at = list.map((shard) => candidates.indexOf(shard));
  if (at.some((position, i) => i && position !== at[i - 1] + 1)) {
    return fill(messages.scope_years, { years: [...new Set(list.map((s) => s.year))].join(", ") });
  }
  const newest = list[0];
  const oldest = list[list.length - 1];
  if (oldest.from === newest.to) return fill(messages.scope_day, { date: newest.to });
  return fill(messages.scope_range, { from: oldest.from, to: newest.to });
}

const NAMED_FILTERS = 3; // more values than this are counted, not named, in the status line

// What was searched: the indexes' dates, then the filters narrowing them, so that a search
// opened from an agency's page does not read as one of the whole archive.
function describeSearch(list) {
  const chosen = config.facets.filter((facet) => (state.filters[facet.key] || []).length);
  const count = chosen.reduce((n, facet) => n + state.filters[facet.key].length, 0);
  if (!count) return describeScope(list);
  const named = chosen.map((facet) => facet.label[0].toLocaleLowerCase(locale.lang) + facet.label.slice(1) + ": "
    + state.filters[facet.key].map((value) => facet.values[value] || value).join(", "));
  return describeScope(list) + ", " + (count <= NAMED_FILTERS
    ? fill(messages.filtered_by, { filters: named.join("; ") })
    : countMessage("filtered_count", count));
}

// Whether more than one shard is left to search: the "search older" button is there (the
// last one is the whole archive's button).
function widenable() {
  return unsearched().length > 1;
}

function showScope() {
  const left = unsearched();
  scopeBox.hidden = !left.length;
  older.hidden = left.length < 2;
  if (left.length) older.textContent = fill(messages.older, { date: left[0].to });
}

// --- searching -----------------------------------------------------------------------

// What Pagefind is asked: the query with one tone-mark placement, and words joined by a dash
// or a slash or put in quotes as plain words. Pagefind would look up "giấy-phép" as the one
// word "giấyphép" and "12/3" as "123", and finds nothing for a quoted phrase with accents ("sổ
// đỏ"); a typed topic phrase still lists the records holding it first (phraseHolders).
// A dash or a slash joining words or numbers ("giấy-phép", "CCCD-gắn-chip", "hạn−theo",
// "2031–2035", "XKT–734", "kiệt 12/3", "tổ 5/khu phố 7", "45/2024/NĐ-CP"): a hyphen, a slash
// (an address's "://" too: "https://dichvucong.gov.vn" holds "dichvucong.gov.vn"), or any
// dash-like character a text pasted from Word or a PDF holds (config.dashes: core/search_text.py DASHES). The records hold the words they join apart (core/search_text.py JOINT, Pagefind itself
// only those of a hyphen), and an excerpt marks them each.
const WORD_JOINT = new RegExp(`(?<=[\\p{L}\\p{N}])([-‐‑${config.dashes}]|:?\\/+)(?=[\\p{L}\\p{N}])`, "gu");

// A word cut where a dash or a slash joins words or numbers: its parts and, between them,
// their joints ("2031–2035": "2031", "–", "2035"). A date written with dashes or slashes
// ("1-7-2025", "1/7/2025") stays whole, one word that its hidden word finds (dateWord) and
// that is marked whole (core/search_text.py parted).
function dashParts(word) {
  return dateOf(word) ? [word] : word.split(WORD_JOINT);
}

function searchTerm(query) {
  return typedWords(query).map(dateWord).join(" ");
}

// The query's words as the reader typed them, for marking them in the results: a date as typed.
function typedWords(query) {
  const term = normalise(query).replace(/["“”„«»]/g, " ").trim();
  return term.split(/\s+/).flatMap((word) => dashParts(word).filter((_, i) => i % 2 === 0))
    .map(phraseOf);
}

// A date typed ("1/12/2025", "1-12-2025", "01.12.2025", "1/12/25"): its day, month and year,
// or null. A year of two digits is this century's ("25" is 2025), as in a text (core/search_text.py
// full_year).
const TYPED_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/;
function dateOf(word) {
  const match = bare(word).match(TYPED_DATE);  // "(1/12/2025)," as typed in a sentence
  if (!match) return null;
  const [day, month] = match.slice(1, 3).map(Number);
  const year = Number(match[3]) + (match[3].length === 2 ? 2000 : 0);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? [day, month, year] : null;
}

// A date typed, as its hidden word ("zxqd01122025"), which every record holding the date holds
// however written (core/search_text.py date_word): Pagefind drops the slashes, "1/12/2025" was the
// word of "11/2/2025" too, and "01/12/2025" matched the number "01.12.2025.001" (Pagefind
// matches the words starting with a word typed). Another word as typed.
function dateWord(word) {
  const date = dateOf(word);
  if (!date) return word;
  const [day, month, year] = date;
  return config.date_mark + String(day).padStart(2, "0") + String(month).padStart(2, "0") + year;
}

// A phrase typed without its spaces ("sodo", "hokhau"), as some type it, is read as its words;
// only a word typed that cannot be one syllable, whose vowels stand in two groups or more:
// "doan" is "Đoàn" or "đoạn", not "đồ án" (a Vietnamese syllable has one group of vowels).
function phraseOf(word) {
  const key = fold(word).toLowerCase();
  const phrase = joinedPhrases.get(key);
  return phrase && (key.match(/[aeiouy]+/g) || []).length > 1 ? phrase : word;
}

// Filters without words look up the word every record holds (config.every_record): Pagefind's
// search without a term fetched every word chunk of the indexes searched.
async function search(pagefind, term, filters) {
  const options = { filters };
  if (!term) options.sort = { date: "desc" };
  return pagefind.search(term || config.every_record, options);
}

// Results as the list shows them, a page at a time: `length`, and `slice(start, stop)`.
const listed = (results) => ({ length: results.length, slice: async (start, stop) => results.slice(start, stop) });

// Filters without words list the newest first. Pagefind sorts each index's results by date,
// then merges the indexes by score, which a sorted search makes each result's rank within its
// own index: the indexes' results interleave (21/9/2023, 16/4/2026, 18/8/2022…). Each index
// holds a span of dates, and `list` is newest first (core/search.py, shards), so the indexes
// are searched one at a time, in that order, as far as the results shown need; `answer`, the
// search of them all, says how many each holds.
function newestFirst(pagefind, filters, answer, list) {
  const counts = (answer.filters || {}).shard || {};
  const parts = list.filter((shard) => counts[shard.id] > 0)
    .map((shard) => ({ id: shard.id, count: counts[shard.id], results: null }));
  return {
    length: parts.reduce((total, part) => total + part.count, 0),
    async slice(start, stop) {
      const taken = [];
      let offset = 0;
      for (const part of parts) {
        if (offset >= stop) break;
        if (offset + part.count > start) {
          part.results ??= search(pagefind, "", { ...filters, shard: { any: [part.id] } })
            .then((result) => result.results);
          taken.push(...(await part.results).slice(Math.max(0, start - offset), stop - offset));
        }
        offset += part.count;
      }
      return taken;
    },
  };
}

// A topic's name or synonym typed as words ("so do") also matches every text with số, sở,
// đó, đỏ…: the records holding the phrase carry a word of its own (config.phrases, see
// core/search_text.py), looked up exactly, and are shown first: those whose own words say it, then
// those holding it only through their topics (the word with config.topic_mark).
// Their words are compared with i for y (iForY; core/search_text.py same_spelling): `qui hoach`
// puts first the records holding the phrase "quy hoạch", as `quy hoach` does.
const phrases = new Map(Object.entries(config.phrases || {}).map(([p, word]) => [iForY(p), word]));
const phraseLength = Math.max(0, ...[...phrases.keys()].map((p) => p.split(" ").length));
// The phrases by their words joined (`phraseOf`), as the registry spells them and with i for y.
const joinedPhrases = new Map(Object.keys(config.phrases || {})
  .flatMap((p) => [p, iForY(p)].map((spelt) => [spelt.replaceAll(" ", ""), p])));

// The phrases typed, each as its accent-free words with i for y (["qui", "hoach"]).
function typedPhrases(term) {
  const words = iForY(fold(term).toLowerCase()).match(/[a-z0-9]+/g) || [];
  const found = [];
  for (let i = 0; i < words.length;) {
    let n = Math.min(phraseLength, words.length - i);
    while (n > 1 && !phrases.has(words.slice(i, i + n).join(" "))) n--;
    if (n > 1) found.push(words.slice(i, i + n));
    i += Math.max(n, 1);
  }
  return found;
}

const phraseWords = (term) => typedPhrases(term).map((words) => phrases.get(words.join(" ")));

const phraseForms = (word) => [word, word + config.topic_mark];
const both = (a, b) => (a ? new Set([...a].filter((id) => b.has(id))) : b);

// The ids of the records holding every phrase typed (null: the query has none): `own`, those
// whose own words say each, and `all`, those holding each in their words or through a topic.
async function phraseHolders(pagefind, term) {
  const typed = term ? phraseWords(term) : [];
  if (!typed.length) return null;
  const ids = async (word) => new Set((await pagefind.search(`"${word}"`)).results.map((r) => r.id));
  let own = null;
  let all = null;
  for (const word of typed) {
    const [said, tagged] = await Promise.all(phraseForms(word).map(ids));
    own = both(own, said);
    all = both(all, new Set([...said, ...tagged]));
  }
  return { own, all };
}

// Pagefind answers a word an index does not hold with the longest start of it that the index
// holds ("xyzqwk" finds the "X" of "khóa X", "1.009994" the "12" of "12/2026"), and ranks such
// matches with the others, even above the records of another index that hold the word. Each
// index lists its words (words.da_words, fetched with the index) and each record names its
// index (the "shard" filter): an index without a word starting with each word typed is left
// out of the results, counts and filters; when none holds the query, there is no result.
const fragments = new WeakMap();
function fragment(result) { // each result's excerpt is fetched once
  if (!fragments.has(result)) fragments.set(result, result.data());
  return fragments.get(result);
}

// Our files beside an index, each fetched at most once per search, by its path under the
// index ("2025-1/sessions.da_json"). One lost is kept as lost (null) until the next search
// starts (forgetLost, in run), then fetched again: kept until the page was reloaded, every
// result's session said "Phiên" however often the reader searched again; forgotten the moment
// it failed, it was fetched again by each result of the same search (a lost excerpt asks each
// index's records.da_json: 80 requests in a search of 4 indexes, 400 with 20).
const fetched = new Map();
const lostPaths = new Set();
function fetchOnce(path, get) {
  if (!fetched.has(path)) {
    fetched.set(path, get().catch(() => {
      lostPaths.add(path);
      return null;
    }));
  }
  return fetched.get(path);
}

function forgetLost() {
  lostPaths.forEach((path) => fetched.delete(path));
  lostPaths.clear();
}

// Each index's version: the hash its pagefind-entry.json names, fetched afresh as Pagefind
// fetches it (its other files have the hash in their names). Our files beside an index keep
// their names from build to build, and a browser or CDN that kept an earlier copy (a server
// sending no Cache-Control) searched with an earlier index's words: what was published since
// was not found. Null when the entry cannot be had.
function versionOf(shardId) {
  return fetchOnce(`${shardId}/pagefind-entry.json`, async () => {
    const response = await fetch(`${indexPath({ id: shardId })}pagefind-entry.json?ts=${Date.now()}`);
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    const entry = await response.json();
    return Object.values((entry && entry.languages) || {}).map((l) => l.hash).join("-") || null;
  });
}

// A gzipped file beside an index (config.files), parsed; fetched once, at its index's version.
// Null when it cannot be had: an index without its words is then kept, a result without its
// session's title says "Phiên".
function shardFile(shardId, file, parse) {
  return fetchOnce(`${shardId}/${file}`, async () => {
    const version = await versionOf(shardId);
    const response = await fetch(indexPath({ id: shardId }) + file + (version ? `?v=${encodeURIComponent(version)}` : ""));
    if (!response.ok) throw new Error(`${response.status} ${response.url}`);
    let body = new Blob([await response.arrayBuffer()]);
    const head = new Uint8Array(await body.slice(0, 2).arrayBuffer());
    if (head[0] === 0x1f && head[1] === 0x8b) { // still gzipped (no server decompressed it)
      body = await new Response(body.stream().pipeThrough(new DecompressionStream("gzip"))).blob();
    }
    return parse(await body.text());
  });
}

const wordsOf = (shardId) => shardFile(shardId, config.files.words, (text) => text.split("\n"));

// Each session's [title, date] by its URL. Not in the records' metadata, which Pagefind makes
// searchable: an item would be found by any query matching its session's title.
const sessionsOf = (shardId) => shardFile(shardId, config.files.sessions, JSON.parse);

// The facets' counts before anything is typed or ticked: each index's counts of its records by
// filter value (core/search_index.py write_totals, read from its filter files), summed. Not
// Pagefind's filters(), which fetches every index's filter files first (9 an index: 4.8 MB for
// a whole archive of 10,000 sessions), and a query typed at once waited behind them. Null
// when one cannot be had.
async function totalsOf(list) {
  const totals = await Promise.all(list.map((shard) => shardFile(shard.id, config.files.totals, JSON.parse)));
  if (totals.includes(null)) return null;
  const counts = {};
  for (const [key, values] of totals.flatMap(Object.entries)) {
    counts[key] ??= {};
    for (const [value, count] of Object.entries(values)) counts[key][value] = (counts[key][value] || 0) + count;
  }
  return counts;
}

// Each record's [Pagefind path, title] by its result's id (core/search_index.py write_records):
// fetched only when a result's excerpt is lost (lostResult), its fragment alone holding its address.
const recordsOf = (shardId) => shardFile(shardId, config.files.records, JSON.parse);

// Where `word` is or would be in the sorted words of an index.
function position(sorted, word) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < word) low = middle + 1; else high = middle;
  }
  return low;
}

// Whether a word of the index starts with `prefix`; the words only this page looks up (the word
// every record holds, the phrases' words: config.hidden_mark) do not count (a query "z" found
// every record through the first).
function holdsPrefix(sorted, prefix) {
  for (let i = position(sorted, prefix); i < sorted.length && sorted[i].startsWith(prefix); i++) {
    if (!sorted[i].startsWith(config.hidden_mark)) return true;
  }
  return false;
}

// Whether the index holds the words of `query`: each word typed as the start of one of its
// words, a date typed as its hidden word (dateWord), whole.
function holdsQuery(sorted, query) {
  const words = typedWords(query);
  return words.filter(dateOf).map(dateWord).every((word) => sorted[position(sorted, word)] === word)
    && lookedUp(words.filter((word) => !dateOf(word)).join(" ")).every((word) => holdsPrefix(sorted, word));
}

// The words Pagefind looks up for `term`, as its search makes them: lower-case, without
// punctuation, and without diacritics (its index keys words so; đ is a letter of its own).
const lookedUp = (term) => (term || "").split(" ")
  .map((word) => word.replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").toLocaleLowerCase("vi")
    .normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC"))
  .filter(Boolean);

// The words of `query` as typed (a date aside) that no index of `list` holds as the start of
// one of its words: what to check when nothing is found ("xay dug"). None when a list of words
// cannot be had.
async function missingWords(query, list) {
  const lists = await Promise.all(list.map((shard) => wordsOf(shard.id)));
  if (lists.includes(null)) return [];
  return typedWords(query).filter((word) => !dateOf(word)).filter((word) => {
    const keys = lookedUp(searchTerm(word));
    return keys.length && !lists.some((sorted) => keys.every((key) => holdsPrefix(sorted, key)));
  });
}

// The message `name`, or its form without the advice to remove filters when none is chosen,
// or without the advice to try other words when none were typed (`term` empty).
function unfilteredOr(name, filters, term) {
  if (!term && Object.keys(filters).length) return messages[`${name}_unworded`];
  return Object.keys(filters).length ? messages[name] : messages[`${name}_unfiltered`];
}

// The indexes of `list` to keep for `query` (null: every one). Told by their words, not by the
// results' "shard" counts: those need the filter index, which a search with words does not wait for.
async function shardsHolding(query, list) {
  if (!lookedUp(searchTerm(query)).length) return null;
  const ids = list.map((shard) => shard.id);
  const lists = await Promise.all(ids.map(wordsOf));
  const kept = ids.filter((_, i) => !lists[i] || holdsQuery(lists[i], query));
  return kept.length === ids.length ? null : kept;
}

// Results in three runs, each in Pagefind's order: the records whose own words say every phrase
// typed, those holding them through their topics too, then the others.
function phrasesFirst(results, holding) {
  if (!holding) return results;
  const run = (r) => (holding.own.has(r.id) ? 0 : holding.all.has(r.id) ? 1 : 2);
  return [0, 1, 2].flatMap((n) => results.filter((r) => run(r) === n));
}

// As Pagefind's own interface does: while the page waits for typing to pause, the word
// chunks the query will need are already being fetched. A failed preload only means the
// search fetches them itself.
async function preload(term) {
  const list = scopeShards();
  if (!term || !list.length) return;
  try {
    const pagefind = await instanceFor(list);
    await Promise.all([pagefind.preload(term, { filters: activeFilters() }),
      ...phraseWords(term).flatMap(phraseForms).map((word) => pagefind.preload(`"${word}"`))]);
  } catch (error) {
    // reported by the search that follows, if it fails too
  }
}

const pageTitle = document.title;
let loaded = false; // whether an index has loaded: the first search waits for it

async function run() {
  const current = ++generation;
  unfolded = null;
  forgetLost(); // fetched again now, once for the whole search
  voidingLosses = [];
  const term = searchTerm(state.query);
  const filters = activeFilters();
  // History and a screen reader's list of tabs tell searches apart by their query.
  document.title = state.query.trim()
    ? fill(messages.page_title_query, { query: state.query.trim(), page: pageTitle }) : pageTitle;
  clear.hidden = Object.keys(filters).length === 0;
  renderActive();
  if (!shards.length) { // nothing published yet: there is no index to load
    showResults(listed([]), term || Object.keys(filters).length ? unfilteredOr("no_results", filters, term) : messages.prompt);
    return;
  }
  const list = scopeShards();
  if (!list.length) { // a year filter naming no year with sessions (a shared link to 2025, say),
    // or filters no shard holds a record of
    const years = state.filters.year || [];
    showScope();
    renderFacets({}, list); // every year stays choosable, without a count
    showResults(listed([]), years.length && !shards.some((shard) => years.includes(String(shard.year)))
      ? fill(messages.no_sessions_in_years, { years: years.join(", ") })
      : fill(unfilteredOr("no_results_within", filters, term), { scope: describeSearch(list) }));
    return;
  }
  // Said by the script, not the page: without it (JavaScript off, a page opened from file://)
  // nothing loads, and the page said so forever.
  status.textContent = loaded ? messages.searching : messages.loading;
  const instance = instanceFor(list);
  searching = instance;
  waiting = true;
  let pagefind;
  try {
    pagefind = await instance;
  } catch (error) {
    if (current === generation) waiting = false;
    showLoadFailed();
    return;
  }
  loaded = true;
  if (current !== generation) return;
  waiting = false;
  if (filtersPanel.open) counterFor(instance, list); // its files now come from the cache
  showScope();
  if (!term && !Object.keys(filters).length) {
    showResults(listed([]), messages.prompt);
    await showFacets(current, instance, list, () => totalsOf(list));
    return;
  }
  // Filters without words list the newest first, as far as each index's count ("shard") says.
  const [answer, holding, kept] = await Promise.all([
    search(pagefind, term, term ? filters : { ...filters, shard: { any: list.map((shard) => shard.id) } }),
    phraseHolders(pagefind, term), shardsHolding(state.query, list)]);
  const only = kept ? { shard: { any: kept } } : {}; // every search below: the kept indexes only
  const held = !kept || kept.length > 0;
  const result = kept && held ? await search(pagefind, term, { ...filters, ...only }) : answer;
  const results = !held ? listed([])
    : term ? listed(phrasesFirst(result.results, holding)) : newestFirst(pagefind, filters, result, list);
  if (current !== generation) return;
  // The results' sessions are named from their indexes' files: fetched with the first excerpts.
  shownShards = held ? kept || list.map((shard) => shard.id) : [];
  shownShards.forEach(sessionsOf);
  const found = results.length;
  let message = unfilteredOr("no_results", filters, term);
  const whole = list.length >= shards.filter(holds).length;
  if (found) {
    message = countMessage("results_count", found);
    if (state.query.trim()) message += " " + fill(messages.results_for, { query: state.query.trim() });
    message += " " + describeSearch(list) + ".";
  } else if (!whole) {
    const advice = unfilteredOr(widenable() ? "no_results_in" : "no_results_within", filters, term);
    message = fill(advice, { scope: describeSearch(list) });
  }
  const missing = !found && whole && term ? await missingWords(state.query, list) : [];
  if (current !== generation) return;
  if (missing.length) message += " " + fill(messages.missing_words, { words: missing.map((w) => `“${w}”`).join(", ") });
  // Typed with marks, a word may carry one the text does not; typed without, the advice is moot.
  if (!found && /[^\u0000-\u007f]/.test(state.query)) message += " " + messages.accents_hint;
  // A word chunk lost, or a filter index when filters choose the results: what was found is
  // shown, but neither its count nor "no result" holds.
  const voiding = term && !Object.keys(filters).length && !kept ? ["words"] : ["words", "filters"];
  const incomplete = voiding.some((loss) => lostBy(instance, loss));
  if (incomplete) message = messages.search_incomplete;
  // Ticking a filter on a phone changes results a screen below: the link says how many, when known.
  toResults.textContent = incomplete ? messages.to_results : countMessage("to_results_count", found);
  facetsBox.setAttribute("aria-busy", "true"); // its counts are still those of the search before
  voidingLosses = voiding;
  // The counts are made once the first results are shown: asked for first on a slow link (a
  // browser opens 6 connections to a server), their filter indexes (9 files an index) held the
  // excerpts of a search by filters alone back by 2 s (a phone review's find); asked for as
  // soon as the excerpts were, the counts' instance loading beside them held the whole
  // archive's first results at 10,000 sessions back by 0.6 s.
  const { shown } = await showResults(results, message, held && holding ? holding.all : null);
  await shown;
  if (current !== generation) return;
  await showFacets(current, instance, list, async () => (held ? facetCounts(instance, list, term, only) : {}));
}

// The facets' counts of a search, made while the filter panel is unfolded, else once the reader
// unfolds it: on a phone it starts folded, and the filter indexes the counts need are 9 files an
// index (72 KB for 2,100 records, 4.8 MB for a whole archive of 10,000 sessions), fetched for no
// one while the panel stays shut. Until then the panel's counts are those of a search before.
async function showFacets(current, instance, list, counted) {
  facetsBox.setAttribute("aria-busy", "true");
  if (!filtersPanel.open) {
    unfolded = () => showFacets(current, instance, list, counted);
    return;
  }
  unfolded = null;
  const counts = await counted();
  if (current !== generation) return;
  if (counts && !lostBy(instance, "filters")) renderFacets(counts, list); else showFiltersLost();
}
filtersPanel.addEventListener("toggle", () => {
  if (filtersPanel.open && unfolded) unfolded();
});

// The facets' counts for a search (counterFor): its searches again, their words already
// fetched. Null when the filter indexes cannot be had.
async function facetCounts(instance, list, term, only) {
  const counter = await counterFor(instance, list, true);
  if (!counter) return null;
  const filters = activeFilters();
  const counts = { ...(await search(counter, term, { ...filters, ...only })).filters };
  counts.searched = {}; // by filter, the indexes its counts were made in, when not `list`'s
  for (const key of Object.keys(filters)) {
    // A facet's own counts ignore its own selection, so other values stay choosable; they are
    // counted in the indexes of the search's scope that hold the other filters' choices, which
    // may be more than those holding this one's (a value with no count read as "nothing", yet
    // ticked brought results: a citizen review's find). When those are more than twice the
    // search's (a ward merged away in 2025, searched back through 10,000 sessions, would load
    // every index's filters, 4.8 MB), a value they may hold gets no count (countedWhole)
    // rather than a part of one, as does a year not searched (renderFacets).
    const wider = key === "year" ? list : shardsCounting(key);
    const extra = wider.filter((shard) => !list.includes(shard)).length;
    const other = extra > 0 && extra <= list.length ? await widerCounter(wider) : null;
    if (!other) {
      counts[key] = (await search(counter, term, { ...activeFilters(key), ...only })).filters[key] || {};
      continue;
    }
    const kept = await shardsHolding(state.query, wider);
    counts.searched[key] = new Set(wider.map((shard) => shard.id));
    counts[key] = kept && !kept.length ? {}
      : (await search(other, term, { ...activeFilters(key), ...(kept ? { shard: { any: kept } } : {}) })).filters[key] || {};
  }
  return counts;
}

// The indexes of the search's scope (its years, or its newest `depth`) that may hold a record
// of every filter's choice but `key`'s.
function shardsCounting(key) {
  const years = state.filters.year || [];
  const pool = years.length ? shards.filter((shard) => years.includes(String(shard.year)))
    : shards.slice(0, state.depth);
  return pool.filter((shard) => holds(shard, key));
}

// A counts' instance (its own worker, its filter indexes loaded) for the indexes `list`, made
// once per set of indexes; null when it cannot be had (the values it would count get none).
const widerCounters = new Map();
function widerCounter(list) {
  const key = list.map((shard) => shard.id).join(" ");
  if (!widerCounters.has(key)) {
    countersLoading += 1;
    widerCounters.set(key, createInstance(list, "#counts").then(async (pagefind) => {
      await pagefind.filters();
      return pagefind;
    }).catch(() => {
      widerCounters.delete(key);
      return null;
    }).finally(() => {
      countersLoading -= 1;
    }));
  }
  return widerCounters.get(key);
}

// Coming back from a result (Back), the reader finds the list as long as it was, the page
// where it was, and the focus on the link followed (a keyboard or screen-reader user went on
// from the page's start): all are kept in the history entry when the page is left.
let returning = window.history.state && window.history.state.shown ? window.history.state : null;
let followed = null; // the link clicked last, by its position among the results' links
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  followed = link && list.contains(link) ? [...list.querySelectorAll("a[href]")].indexOf(link) : null;
});
window.addEventListener("pagehide", () => {
  window.history.replaceState({ shown: shownCount, y: window.scrollY, followed }, "");
});

// Resolves once the first page's excerpts are asked for (they show as they arrive), with the
// promise of their being shown.
async function showResults(results, message, holders = null) {
  const current = generation;
  shownResults = results;
  shownHolders = holders;
  shownCount = 0;
  list.replaceChildren();
  status.textContent = message;
  return { shown: showFirst(await requestMore(), current) };
}

// The first page of results (requestMore); back from a result, as many as were shown then.
async function showFirst(batch, current) {
  await showBatch(batch, false);
  if (reveal && current === generation) { // the search submitted, not one it replaced
    reveal = false;
    resultsHeading.scrollIntoView({ block: "start" });
  }
  const back = returning;
  returning = null;
  if (!back) return;
  while (current === generation && shownCount < Math.min(back.shown, shownResults.length)) {
    await showMore(false);
  }
  if (current !== generation) return;
  window.scrollTo(0, back.y);
  const link = Number.isInteger(back.followed) ? list.querySelectorAll("a[href]")[back.followed] : null;
  if (link) link.focus({ preventScroll: true });
}

// `focusNew`: after "Xem thêm kết quả", focus moves to the first added result (the button
// may vanish) and the status line says how many are shown.
async function showMore(focusNew) {
  await showBatch(await requestMore(), focusNew);
}

// The next page of results, its excerpts asked for (all together: the first result need not
// wait for the last); null when another search has replaced this one.
async function requestMore() {
  const current = generation;
  const first = shownCount;
  shownCount = Math.min(shownResults.length, shownCount + PAGE_SIZE);
  more.hidden = shownCount >= shownResults.length;
  more.disabled = true; // one batch at a time: the focus goes to the first of this one
  const slice = await shownResults.slice(first, shownCount);
  if (current !== generation) return null;
  // A result whose excerpt the network lost says so in its place; the others still show.
  const pending = slice.map((result) => fragment(result)
    .then(async (data) => [data, await sessionsOf(data.filters.shard[0])], () => null));
  return { current, first, slice, pending };
}

// A page of results (requestMore), shown in order as their excerpts arrive.
async function showBatch(batch, focusNew) {
  if (!batch) return;
  const { current, first, slice, pending } = batch;
  for (const [i, promise] of pending.entries()) {
    const got = await promise;
    if (current !== generation) return;
    if (got) {
      const [data, sessions] = got;
      list.append(renderResult(data, sessions, Boolean(shownHolders && shownHolders.has(slice[i].id))));
    } else {
      const shown = await lostResult(slice[i]);
      if (current !== generation) return;
      list.append(shown);
      if (!status.textContent.endsWith(messages.results_failed)) {
        status.textContent += " " + messages.results_failed;
      }
    }
    if (focusNew && list.children.length === first + 1) { // the first of the batch, as it appears
      (list.children[first].querySelector(".da-result__title a") || list.children[first]).focus();
      shownStatus.textContent = countMessage("shown_count", shownResults.length,
        { shown: shownCount.toLocaleString(locale.number) });
    }
  }
  more.disabled = false;
}

// A result whose excerpt (its fragment, which alone holds its address) the network lost: it
// linked nowhere. Its link and title come from its index's records file, and a note stands in
// place of the excerpt; the note alone when that file is lost too. Which index holds it is in
// the fragment: each index searched is asked.
async function lostResult(result) {
  const files = await Promise.all(shownShards.map(recordsOf));
  const record = files.map((records) => records && records[result.id]).find(Boolean);
  if (!record) return element("li", { class: "da-result", tabindex: "-1" }, element("p", {}, messages.result_failed));
  const [path, title] = record; // as written, under the site's path (as Pagefind's fullUrl gives it)
  return element("li", { class: "da-result" },
    element("article", {},
      element("h3", { class: "da-result__title", ...contentLang },
        element("a", { href: new URL(recordUrl(path.replace(/^\/+/, "")), base).href }, title)),
      element("p", { class: "da-result__excerpt" }, messages.excerpt_failed)));
}

// --- rendering -----------------------------------------------------------------------

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== ""));
  return node;
}

// A word as typed, for comparing accents: "Sổ," -> "sổ" ("Lý" -> "lí": i and y alike); its key,
// accents aside: "so"; and the start of longer words it may be, as written ("quy" of "quyền").
const bare = (word) => normalise(word).toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
const spelling = (word) => iForY(bare(word));
// A date's key is its day, month and year ("01/7/2025," and "1-7-2025": "1/7/2025").
const wordKey = (word) => {
  const date = dateOf(bare(word));
  return date ? date.join("/") : fold(spelling(word));
};
const startKey = (word) => fold(bare(word));

// Pagefind counts words split on white space; matches in the hidden part after the
// separator (synonyms, accent-free copies) highlight the same words in the shown text. Each
// is cut again where a dash or a slash joins words, as a query is (searchTerm): "CCCD-gắn-chip"
// was one word, which no word typed equals, and `gan chip` marked nothing (Pagefind marks it
// whole). `text`, `at`: the index of Pagefind's word it is part of, `joint`: what joins it to
// the one before, a space, its dash or its slash.
function contentWords(data) {
  return data.content.split(/[\r\n\s]+/g).flatMap((word, at) => dashParts(word)
    .flatMap((text, i, parts) => (i % 2 ? [] : [{ text, at, joint: i ? parts[i - 1] : " " }])));
}


// The shown words to highlight. Pagefind also matches the words that start with a word typed
// and ignores accents, so "so do" matched sơ, số, đốc, đơn, doanh…, "tam tru" Trung and Trưởng.
// A Vietnamese word typed is a whole syllable: highlighted are the words equal to a word typed,
// accents aside, and only for the last word typed, of 3 letters or more, when the record holds
// no word equal to it, the words Pagefind matched that start with it (a reader still typing:
// "sinh vie" marks "viên"); for a word typed with accents, only those spelt so ("sổ", not "sơ",
// which rank below); a typed topic phrase ("sổ đỏ") where its words follow each other, and in a
// record holding it (often through its topic, see core/search_text.py) its words nowhere else ("hồ
// sơ", "do cha mẹ"). `words`: all the record's words, the hidden ones from `end` on.
function highlighted(words, end, locations, holdsPhrase) {
  const typed = typedWords(state.query).filter((word) => wordKey(word));
  const keys = new Set(typed.map(wordKey));
  const last = typed.length ? typed[typed.length - 1] : "";
  const start = startKey(last);
  const started = new Set(); // the keys of the words the last word typed starts
  if (start.length >= 3 && !words.some((word) => wordKey(word) === wordKey(last))) {
    for (const at of locations) {
      if (startKey(words[at] || "").startsWith(start)) started.add(wordKey(words[at]));
    }
  }
  const accented = new Map(); // key -> the spellings typed with accents
  for (const word of typed) {
    if (fold(word) !== word) {
      accented.set(wordKey(word), (accented.get(wordKey(word)) || new Set()).add(spelling(word)));
    }
  }
  // The word typed that `word` is marked for (null: none), which the excerpt counts (bestWindow):
  // one typed with accents by its spelling, one without by its key ("có cơ cô" are three words
  // typed, "co" one), the start of a word by the last word typed.
  const answered = (word) => {
    const key = wordKey(word);
    if (accented.has(key)) return accented.get(key).has(spelling(word)) ? spelling(word) : null;
    return keys.has(key) ? key : started.has(key) ? wordKey(last) : null;
  };
  const hits = new Set();
  const inPhrases = new Set();
  for (const phrase of typedPhrases(searchTerm(state.query))) {
    phrase.forEach((key) => inPhrases.add(key));
    for (let i = 0; i + phrase.length <= end; i++) {
      if (phrase.every((key, j) => wordKey(words[i + j]) === key && answered(words[i + j]) !== null)) {
        phrase.forEach((_, j) => hits.add(i + j));
      }
    }
  }
  for (let i = 0; i < end; i++) {
    if (answered(words[i]) !== null && !(holdsPhrase && inPhrases.has(wordKey(words[i])))) hits.add(i);
  }
  return new Map([...hits].sort((a, b) => a - b).map((i) => [i, answered(words[i])]));
}

function excerpt(data, holdsPhrase) {
  const parts = contentWords(data);
  const words = parts.map((part) => part.text);
  let end = words.indexOf(config.separator);
  if (end < 0) end = words.length;
  const located = new Set(data.locations);
  const locations = parts.flatMap((part, i) => (located.has(part.at) ? [i] : []));
  const marked = highlighted(words, end, locations, holdsPhrase);
  const shown = shownLengths(parts);
  const [start, stop] = bestWindow(parts, marked, end, shown);
  // Longer than EXCERPT_CHARS, the window is one part (a code or an address without spaces or
  // dashes): cut there, it was shown whole (a word of 300 characters, marked, made the excerpt).
  const cut = shown(start, stop) > EXCERPT_CHARS;
  const paragraph = element("p", { class: "da-result__excerpt", ...contentLang });
  if (start > 0) paragraph.append(parts[start].joint === " " ? "… " : "…"); // "…" in a word cut
  for (let i = start; i < stop; i++) {
    if (i > start) paragraph.append(parts[i].joint);
    const text = cut ? [...words[i]].slice(0, EXCERPT_CHARS - 1).join("") : words[i];
    paragraph.append(marked.has(i) ? element("mark", {}, text) : text);
  }
  if (cut) paragraph.append("…");
  else if (stop < end) paragraph.append(parts[stop].joint === " " ? " …" : "…");
  return paragraph;
}

// The excerpt holding the most distinct words typed marked (`marked`: each word marked, by
// position, with the word typed it is marked for), the earliest of those that hold as many: it
// started at the first one, and `muong be tong cot thep` showed the "mương" of a long text's
// opening lines, not the sentence below saying all four words. Counted accents aside, `có cơ
// cô` counted at most one in any window, and the first "có" won. [start, stop) of `parts`.
// A window is tried at each word marked (windowAt), and the words it holds are counted as it
// slides over them (`hits` are in order): a window is at most about 40 parts, so this is linear
// in the words marked. Counted afresh for each window, each time filtering them all, it was
// quadratic: `co` in an answer of 12,000 words, a quarter of them "có", "cơ"…, held the page
// hundreds of milliseconds more.
function bestWindow(parts, marked, end, shown) {
  const hits = [...marked.keys()];
  if (!hits.length) return windowAt(parts, hits, 0, end, shown);
  const typed = [...marked.values()];
  const held = new Map(); // the distinct words typed the window holds, each with how many times
  const hold = (n, change) => {
    const count = (held.get(typed[n]) || 0) + change;
    if (count) held.set(typed[n], count); else held.delete(typed[n]);
  };
  let best = null;
  let most = -1;
  let from = 0; // hits[from, to) are those in the window
  let to = 0;
  for (let n = 0; n < hits.length; n++) {
    const [start, stop] = windowAt(parts, hits, n, end, shown); // it holds hits[n]
    while (to < hits.length && hits[to] < stop) hold(to++, 1);
    while (hits[to - 1] >= stop) hold(--to, -1);
    while (hits[from] < start) hold(from++, -1);
    while (from > 0 && hits[from - 1] >= start) hold(--from, 1);
    if (held.size > most) [best, most] = [[start, stop], held.size];
  }
  return best;
}

// The excerpt's parts [start, stop) from a few words before the marked part hits[n] (the
// text's start when none is marked).
function windowAt(parts, hits, n, end, shown) {
  const first = hits.length ? hits[n] : 0;
  let start = Math.max(0, Math.min(first - 8, end - EXCERPT_WORDS));
  let stop = Math.min(end, start + EXCERPT_WORDS);
  for (let i = 0; i < WHOLE_WORD_PARTS && start > 0 && parts[start].joint !== " "; i++) start--;
  for (let i = 0; i < WHOLE_WORD_PARTS && stop < end && parts[stop].joint !== " "; i++) stop++;
  // Within EXCERPT_CHARS: parts dropped at the ends, a third as many characters kept before
  // the first word marked as after the last one that fits with it, the marked ones kept.
  let last = first;
  for (let i = n; i < hits.length && hits[i] < stop && shown(first, hits[i] + 1) <= EXCERPT_CHARS; i++) last = hits[i];
  while (shown(start, stop) > EXCERPT_CHARS && (start < first || stop > last + 1)) {
    const before = shown(start, first);
    if (start < first && (stop === last + 1 || 3 * before > shown(last + 1, stop))) start++;
    else stop--;
  }
  return [start, stop];
}

// The characters of parts[from, to) as an excerpt shows them, with the spaces or dashes
// joining them: a function of `from` and `to`, each answer a subtraction (sums of the parts'
// lengths), for the windows tried at every word marked.
function shownLengths(parts) {
  const sums = [0];
  parts.forEach((part, i) => sums.push(sums[i] + part.joint.length + part.text.length));
  return (from, to) => (to > from ? sums[to] - sums[from] - parts[from].joint.length : 0);
}

const typeNames = config.facets.find((facet) => facet.key === "type").values;

// A record's address on the site, from the path Pagefind gives for it (core/search_index.py,
// record_file), under the site's own path: "sessions/…/slug/" is a write-up,
// "sessions/…/slug/_item.html" an item.
function recordUrl(path) {
  const [, folder, file] = new URL(path, base).href.slice(base.href.length).match(/^(.*)\/([^/]*)$/);
  const page = folder.endsWith(".html") ? folder : folder + "/";
  return file ? `${page}#${file.slice(1, -".html".length)}` : page;
}

// `sessions`: the result's index's sessions (sessionsOf); an item's session is its URL up to the anchor.
function renderResult(data, sessions, holdsPhrase) {
  const meta = data.meta;
  const url = recordUrl(data.url);
  const href = new URL(url, base).href;
  const sessionUrl = url.split("#")[0];
  const [sessionTitle, date] = (sessions && sessions[sessionUrl]) || [messages.session, ""];
  const facts = [];
  if (meta.organizer) facts.push(element("span", {}, `${messages.organized_by}: ${meta.organizer}`));
  if (meta.agencies) facts.push(element("span", {}, `${messages.answered_by}: ${meta.agencies}`));
  if (meta.referred) facts.push(element("span", {}, `${messages.referred}: ${meta.referred}`));
  if (meta.status) facts.push(element("span", { class: "da-result__status" }, `${messages.commitment}: ${meta.status}`));
  return element("li", { class: "da-result" },
    element("article", {},
      element("p", { class: "da-result__kind" }, typeNames[data.filters.type[0]], " · ",
        element("a", { href: new URL(sessionUrl, base).href, ...contentLang }, sessionTitle), date ? " · " + date : ""),
      element("h3", { class: "da-result__title", ...contentLang }, element("a", { href }, meta.title || href)),
      excerpt(data, holdsPhrase),
      facts.length ? element("p", { class: "da-result__facts" }, ...facts.flatMap((f, i) => (i ? [" · ", f] : [f]))) : null));
}

// A long list of values (150 agencies: 5,000 px on a phone) gets a box that narrows it to the
// names holding what is typed, accents aside; what is typed stays while the filters change.
const FIND_FROM = 12;
const SAY_AFTER_MS = 600; // what a filter's box leaves is said once typing pauses, not per letter
const facetFinds = {};

// Whether a name holds what is typed in a filter's box (folded): as typed so far ("quy" finds
// Quỳnh), with i and y alike in the words typed whole ("quan li" and "quan li d" find Quản lý
// đô thị; "ky" does not find Kinh tế), or each word typed as the start of one of its words, in
// any order ("phong 12" finds Phòng Quản lý khu 12).
function nameHas(name, wanted) {
  const folded = fold(normalise(name)).toLowerCase();
  if (folded.includes(wanted)) return true;
  const words = ` ${iForY(folded)} `;
  const whole = wanted.split(" ");
  const last = whole.pop();
  return words.includes(` ${iForY(wanted)} `) || words.includes(` ${[...whole.map(iForY), last].join(" ")}`)
    || wanted.split(" ").every((word) => ` ${folded}`.includes(` ${word}`) || words.includes(` ${iForY(word)} `));
}

function facetFinder(facet, fieldset) {
  const input = element("input", { type: "search", id: `da-find-${facet.key}`, class: "da-facet__find",
    placeholder: messages.facet_find, "aria-label": `${facet.label}: ${messages.facet_find}`, autocomplete: "off" });
  input.value = facetFinds[facet.key] || "";
  const none = element("p", { class: "da-facet__none", hidden: "" }, messages.facet_none);
  // The list narrowing is silent to a screen reader: it is told how many names are left.
  const said = element("p", { class: "da-visually-hidden", role: "status", "aria-live": "polite" });
  let pause = null;
  const apply = () => {
    facetFinds[facet.key] = input.value;
    const wanted = fold(normalise(input.value)).toLowerCase().replace(/\s+/g, " ").trim();
    let shown = 0;
    for (const option of fieldset.querySelectorAll(".da-facet__option")) {
      const box = option.querySelector("input");
      const names = [option.querySelector("label").firstChild.textContent, // not its count
        ...((facet.also || {})[box.value] || [])]; // a short name, an alias, a synonym
      option.hidden = Boolean(wanted) && !names.some((name) => nameHas(name, wanted)) && !box.checked;
      if (!option.hidden) shown += 1;
    }
    none.hidden = shown > 0;
    return shown;
  };
  input.addEventListener("input", () => {
    const shown = apply();
    window.clearTimeout(pause);
    pause = window.setTimeout(() => {
      said.textContent = !input.value.trim() ? "" : shown ? countMessage("facet_shown", shown) : messages.facet_none;
    }, SAY_AFTER_MS);
  });
  queueMicrotask(apply); // once the options are in the fieldset
  return [input, none, said];
}

// Years outside the searched shards are listed without a count: choosing one searches it. So is
// a year of several shards that the scope searches only in part (its count was of that part).
function renderFacets(counts, list) {
  const searchedAll = new Set(list.map((shard) => shard.id));
  const searchedYears = new Set(list.map((shard) => String(shard.year))
    .filter((year) => shards.every((shard) => String(shard.year) !== year || searchedAll.has(shard.id) || !holds(shard))));
  const open = new Set([...facetsBox.querySelectorAll("details[open]")].map((d) => d.dataset.facet));
  const firstRender = !facetsBox.children.length;
  const inPanel = document.activeElement && facetsBox.contains(document.activeElement) ? document.activeElement : null;
  const focused = inPanel ? inPanel.id : null;
  const focusedGroup = inPanel && inPanel.closest("details[data-facet]") ? inPanel.closest("details[data-facet]").dataset.facet : null;
  const caret = focused && inPanel.type === "search" ? inPanel.selectionStart : null;
  facetsBox.replaceChildren();
  facetsBox.removeAttribute("aria-busy");
  for (const facet of config.facets) {
    const facetCounts = counts[facet.key] || {};
    const searched = (counts.searched || {})[facet.key] || searchedAll; // facetCounts
    const selected = new Set(state.filters[facet.key] || []);
    const uncounted = (v) => (facet.key === "year" ? !searchedYears.has(v) : !countedWhole(facet.key, v, searched));
    let values = Object.keys(facet.values).filter((v) => (facetCounts[v] || 0) > 0 || selected.has(v) || uncounted(v));
    for (const value of selected) if (!(value in facet.values)) values.push(value);
    if (!values.length) continue;
    if (["topic", "agency", "place"].includes(facet.key)) {
      values.sort((a, b) => (facetCounts[b] || 0) - (facetCounts[a] || 0)
        || (facet.values[a] || a).localeCompare(facet.values[b] || b, "vi", { numeric: true }));
    }
    // what its numbers count is said to a screen reader entering the group, as shown above
    const fieldset = element("fieldset", { class: "da-facet", "aria-describedby": "da-facet-counts" },
      element("legend", { class: "da-visually-hidden" }, facet.label));
    if (values.length > FIND_FROM) fieldset.append(...facetFinder(facet, fieldset));
    for (const value of values) {
      const id = `da-f-${facet.key}-${value}`;
      const box = element("input", { type: "checkbox", id, name: facet.key, value });
      box.checked = selected.has(value);
      box.addEventListener("change", () => toggle(facet.key, value, box.checked));
      const count = uncounted(value) ? null
        : element("span", { class: "da-facet__count" }, `(${(facetCounts[value] || 0).toLocaleString(locale.number)})`);
      fieldset.append(element("div", { class: "da-facet__option" }, box,
        element("label", { for: id }, facet.values[value] || value, count ? " " : "", count)));
    }
    const details = element("details", { class: "da-facet-group", "data-facet": facet.key },
      element("summary", { id: `da-fs-${facet.key}` }, facet.label + (selected.size ? ` (${selected.size})` : "")), fieldset);
    details.open = open.has(facet.key) || selected.size > 0
      || (firstRender && values.length <= 6 && !narrow.matches); // on a phone, results first
    facetsBox.append(details);
  }
  // The focus stays where it was (each control has a stable id); on a value the redrawn list no
  // longer holds, it goes to that value's group heading, then to the panel's: never to the page.
  const again = focused && document.getElementById(focused);
  if (again) {
    again.focus();
    if (caret !== null) again.setSelectionRange(caret, caret); // typing goes on where it was
  } else if (inPanel) {
    (document.getElementById(`da-fs-${focusedGroup}`) || document.querySelector("#da-filters > summary")).focus();
  }
}

// The filters in force above the results, each a button that removes it: on a phone the
// filter panel starts folded so that results come first, and this says what narrows them.
function renderActive() {
  const items = [];
  for (const facet of config.facets) {
    for (const value of state.filters[facet.key] || []) {
      const index = items.length;
      const button = element("button", { type: "button", class: "da-chip" },
        element("span", { class: "da-visually-hidden" }, fill(messages.remove_filter, { facet: facet.label }) + " "),
        facet.values[value] || value, element("span", { "aria-hidden": "true" }, " ×"));
      button.addEventListener("click", () => {
        toggle(facet.key, value, false);
        // The focus stays among the filters left, or goes to the results they leave.
        const left = activeList.querySelectorAll("button");
        (left[index] || left[index - 1] || resultsHeading).focus();
      });
      items.push(element("li", {}, button));
    }
  }
  activeList.replaceChildren(...items);
  active.hidden = !items.length;
}

function toggle(key, value, on) {
  refilter(() => {
    const values = new Set(state.filters[key] || []);
    if (on) values.add(value); else values.delete(value);
    if (values.size) state.filters[key] = [...values]; else delete state.filters[key];
  });
  writeUrl(true);
  run();
}

// Filters changed by `change`, and the scope with them: the default one of the new filters
// (the shards holding a ward's records reach further back than the newest), or as far as the
// reader widened it, if further.
function refilter(change) {
  const widened = state.depth > defaultDepth() ? state.depth : 0;
  change();
  state.depth = Math.max(widened, defaultDepth());
}

// --- wiring --------------------------------------------------------------------------

let timer = null;
input.addEventListener("input", () => {
  state.query = input.value;
  window.clearTimeout(timer);
  timer = window.setTimeout(() => { writeUrl(); run(); }, DEBOUNCE_MS);
  preload(searchTerm(input.value));
});
// On a phone the keyboard's Search key left the keyboard open over the results, which are below
// the filters: the focus leaves the box (the keyboard closes) for the results' heading, which is
// brought to the top once they show. Only on submit: typing keeps the box; on a wide screen the
// results are beside the box, which keeps the focus to refine the words.
let reveal = false;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(timer);
  state.query = input.value;
  writeUrl();
  if (narrow.matches) {
    resultsHeading.focus({ preventScroll: true });
    reveal = true;
  }
  run();
});
clear.addEventListener("click", () => {
  refilter(() => { state.filters = {}; });
  writeUrl(true);
  run();
  input.focus();
});
more.addEventListener("click", () => showMore(true));
older.addEventListener("click", () => widen(deeper(state.depth)));
everything.addEventListener("click", () => widen(shards.length));

// The button pressed may leave with the scope it widened (the last shard searched, or the
// whole archive's button): the focus then goes to the results, not to the page's top.
function widen(depth) {
  state.depth = depth;
  writeUrl(true);
  const pressed = document.activeElement;
  run(); // shows or hides the buttons at once (showScope) when the indexes are loaded already
  if (pressed === everything || (pressed === older && unsearched().length < 2)) resultsHeading.focus();
}

window.addEventListener("popstate", () => { // Back or Forward between filters
  window.clearTimeout(timer);
  readUrl();
  input.value = state.query;
  run();
});

readUrl();
input.value = state.query;
// On a phone the filters start folded under their heading, so that results show first (also
// when a link sets filters: those are listed above the results, see renderActive).
filtersPanel.open = !narrow.matches;
// Opened empty (a phone's header has only the button), the page is ready for typing.
if (!state.query && !Object.keys(state.filters).length && !returning) input.focus();
run();
