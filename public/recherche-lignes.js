// The search page's rows (src/search/bundle-rows.ts): each bundle's pages, newest first, with
// their topics, sources and year as numbers. They filter a search's results, count each filter's
// choices and order the results newest first, in one pass over the results (public/recherche.js).
// A filter is named by its place in the page's list of filters (`names`: `config.filters`).

/** More than a bundle's rows: a page's place is its bundle's number times this, plus its rank. */
export const SLOT = 2 ** 20;
export const tableOf = (tables, place) => tables[Math.floor(place / SLOT)];

// Where the numbers of a page's values of the filter `f` (its place in `names`) end in the
// table's flat list; they start after the count, at `table.starts[f][rank] + 1`.
const valuesEnd = (table, f, rank) => table.starts[f][rank] + 1 + (table.flats[f][table.starts[f][rank]] ?? 0);

/**
 * A bundle's rows (src/search/bundle-rows.ts, `encodeRows`): gzip (a server that says so itself
 * leaves it to the browser) of a JSON header's length, the header, then each filter's flat list
 * (a page after the other: how many values, then their numbers) as LEB128 numbers.
 */
export async function readRows(url) {
  // Asked of the server each time (an unchanged file costs a 304), as Pagefind asks each bundle's
  // entry: the rows' name does not change with the build, and rows kept from an earlier one would
  // name other pages than its page list (a result whose prefix no row has is left out).
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  const bytes = await ungzipBytes(new Uint8Array(await response.arrayBuffer()));
  await pause();
  const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  const table = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + size)));
  let at = 4 + size;
  const next = () => {
    let n = 0;
    for (let shift = 1; ; shift *= 128) {
      const byte = bytes[at++];
      n += (byte & 127) * shift;
      if (byte < 128) return n;
    }
  };
  const filters = {};
  for (const name of table.filters) {
    // No more numbers than bytes left.
    const flat = new Uint32Array(bytes.length - at);
    let k = 0;
    for (let page = 0; page < table.pages; page++) {
      const count = next();
      flat[k++] = count;
      for (let v = 0; v < count; v++) flat[k++] = next();
    }
    filters[name] = flat.subarray(0, k);
  }
  table.filters = filters;
  return table;
}

/**
 * Makes a bundle's rows ready to read: each filter's values, its flat list (a page after the
 * other: how many, then their numbers) and where each page starts in it.
 */
export function indexRows(table, names) {
  table.lists = names.map((name) => table.values[name] ?? []);
  table.flats = names.map((name) => table.filters[name] ?? []);
  table.starts = table.flats.map((flat) => {
    const starts = new Uint32Array(table.pages);
    for (let rank = 0, k = 0; rank < starts.length; rank++) {
      starts[rank] = k;
      k += 1 + (flat[k] ?? 0);
    }
    return starts;
  });
  return table;
}

// Lets the page's thread handle what waits (input, paint) before more of the preparation.
export const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
async function ungzipBytes(bytes) {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
}
export const ungzip = async (bytes) => new TextDecoder().decode(await ungzipBytes(bytes));

/** What `misser` says of a page that has every value chosen: a result listed. */
export const HAS_ALL = -1;
/** What `misser` says of a page that misses the values chosen of two filters or more (or has no row): counted in no filter. */
export const MISSES_MORE = -2;

/**
 * Which of the values chosen a page's row misses: `HAS_ALL`, the filter (its place in
 * `names`) when it misses that filter's alone, or `MISSES_MORE`. Each bundle numbers its
 * own values, so the choice is looked up once per bundle (a bundle without the value has none of
 * its pages chosen).
 */
export function misser(tables, names, filters) {
  const chosen = names.map((name) => filters[name]);
  const numbers = tables.map((table) => chosen.map((value, f) => (value === undefined ? undefined : table.lists[f].indexOf(value))));
  return (place) => {
    const b = Math.floor(place / SLOT);
    const table = tables[b];
    const rank = place % SLOT;
    let missed = HAS_ALL;
    for (let f = 0; f < numbers[b].length; f++) {
      const n = numbers[b][f];
      if (n === undefined) continue;
      let has = false;
      for (let k = table.starts[f][rank] + 1, end = valuesEnd(table, f, rank); k < end && !has; k++) has = table.flats[f][k] === n;
      if (has) continue;
      if (missed !== HAS_ALL) return MISSES_MORE;
      missed = f;
    }
    return missed;
  };
}

/**
 * Each choice's count, as many results as choosing it would list: a filter's choices are counted
 * among the results that have the other filters' values chosen, not its own (disjunctive faceting),
 * so that with 2021 chosen, 2026 still says how many results it has, not « (0) ». A page that
 * misses one filter's value alone counts in that filter; `missed[i]` is what `misser` says of
 * `places[i]`. Counted by number in each bundle, then by value.
 */
export function countChoices(tables, names, places, missed) {
  const perBundle = tables.map((table) => table.lists.map((list) => new Uint32Array(list.length)));
  for (let i = 0; i < places.length; i++) {
    if (missed[i] === MISSES_MORE) continue;
    const b = Math.floor(places[i] / SLOT);
    const table = tables[b];
    const rank = places[i] % SLOT;
    for (let f = 0; f < table.flats.length; f++) {
      if (missed[i] !== HAS_ALL && missed[i] !== f) continue;
      for (let k = table.starts[f][rank] + 1, end = valuesEnd(table, f, rank); k < end; k++) perBundle[b][f][table.flats[f][k]]++;
    }
  }
  const counts = Object.fromEntries(names.map((name) => [name, {}]));
  tables.forEach((table, b) => {
    names.forEach((name, f) => {
      perBundle[b][f].forEach((n, v) => {
        if (n > 0) counts[name][table.lists[f][v]] = (counts[name][table.lists[f][v]] ?? 0) + n;
      });
    });
  });
  return counts;
}

// How many of a bundle's pages have the value numbered `v` of the filter `f`: counted only for a
// value a query names, not with search's fixed costs.
export function pagesWith(table, f, v) {
  if (v < 0) return 0;
  let n = 0;
  for (let rank = 0; rank < table.pages; rank++) {
    for (let k = table.starts[f][rank] + 1, end = valuesEnd(table, f, rank); k < end; k++) if (table.flats[f][k] === v) n++;
  }
  return n;
}
