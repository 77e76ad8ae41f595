import { libraryEnv, type LibraryEnv, type SendToWorker } from '@/components/library/env';
import { openDb } from '@/lib/db/database';
import { sendMessage } from '@/lib/messaging';

// The protocol's types, as @webext-core/messaging spells them: the same for every message name,
// but TypeScript cannot prove it for a name left generic.
const send = sendMessage as unknown as SendToWorker;

/** The library's services, loaded with the page's code while the newest lessons are read. */
export function pageEnv(): LibraryEnv {
  return libraryEnv(openDb(), send);
}
