import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './messages';

/** Typed senders and listeners; only types come from messages.ts, so no zod ships to pages. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
