import type { Table } from 'dexie';

/** Below this many ids a get each is cheapest. */
const FEW = 50;
/** Ids for a 1/DENSE share of the table or more: the key range they span is read whole. */
const DENSE = 4;
const PAGE = 5000;

/**
 * The stored rows of `ids` in a table keyed by string ids (absent ids have none). Each read is an
 * IPC round trip in Chromium, so the requests fit the ids: a get each for a few; for a good part
 * of the table (an export of all), the key range they span in pages, one `getAll` each. Else a get
 * per id, unless most ids are expected to be absent (an import, the outbox rows of a pulled page):
 * then every key is listed first (one request, no values) and only the ids present are read.
 */
export async function storedRows<T, I>(
  table: Table<T, string, I>,
  ids: readonly string[],
  { mostlyAbsent = false, pageSize = PAGE } = {},
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  const wanted = [...new Set(ids)];
  const keyOf = (row: T) => (row as Record<string, unknown>)[table.schema.primKey.keyPath as string] as string;
  const get = async (some: string[]) => {
    for (let i = 0; i < some.length; i += pageSize) for (const row of await table.bulkGet(some.slice(i, i + pageSize))) if (row) found.set(keyOf(row), row);
  };
  if (wanted.length < FEW) {
    await get(wanted);
    return found;
  }
  if (wanted.length * DENSE >= (await table.count())) {
    const want = new Set(wanted);
    const sorted = wanted.sort();
    const last = sorted[sorted.length - 1];
    let after: string | null = null;
    for (;;) {
      const range = after === null ? table.where(':id').between(sorted[0], last, true, true) : table.where(':id').between(after, last, false, true);
      const page = await range.limit(pageSize).toArray();
      for (const row of page) if (want.has(keyOf(row))) found.set(keyOf(row), row);
      if (page.length < pageSize) break;
      after = keyOf(page[page.length - 1]);
    }
    return found;
  }
  if (mostlyAbsent) {
    const keys = new Set(await table.toCollection().primaryKeys());
    await get(wanted.filter((id) => keys.has(id)));
  } else await get(wanted);
  return found;
}
