import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';

/**
 * A Dexie middleware for a store kept beside `lessons` and written in the same transaction as every
 * write to them (saves, edits, tombstones, sync, imports, `clear`), so no call site has to remember
 * it: read-write transactions that touch `lessons` are widened to `store`, and each write to
 * `lessons` goes through `mutate`, which makes the write itself (`table.mutate(req)`) and its own.
 */
export function besideLessons(
  name: string,
  store: string,
  mutate: (down: DBCore, table: DBCoreTable, req: DBCoreMutateRequest) => Promise<DBCoreMutateResponse>,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(mode === 'readwrite' && stores.includes('lessons') && !stores.includes(store) ? [...stores, store] : stores, mode, options),
      table: (tableName) => {
        const table = down.table(tableName);
        if (tableName !== 'lessons') return table;
        return { ...table, mutate: (req) => mutate(down, table, req) };
      },
    }),
  };
}
