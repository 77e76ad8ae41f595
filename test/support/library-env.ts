import { libraryEnv, type LibraryEnv } from '../../components/library/env';
import type { LessonDb } from '../../lib/db/database';
import { dispatch } from '../../lib/service';
import { workerHandlers } from './handlers';

/** The library's env on the worker's own handlers over `db`: every write is validated and stored as in the extension. */
export function workerLibraryEnv(db: LessonDb): LibraryEnv {
  const handlers = workerHandlers(db);
  return libraryEnv(db, (name, data) => dispatch(handlers, name, data));
}
