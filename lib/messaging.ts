import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

/** Typed senders and listeners; only types come from protocol.ts, so no zod ships to pages. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
