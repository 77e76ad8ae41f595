import { endpointUrl, type Endpoint, type Fetch } from './http';
import { STREAM_EVENT, StreamEventSchema } from './protocol';

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits server-sent-event text into complete events and the unfinished rest. Comment lines
 * (keep-alives) and fields other than `event` and `data` are ignored.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Follows `/v1/stream` until the signal aborts or the connection ends, calling `onVersion` with the
 * team's version on every announcement. A streamed fetch, not EventSource: EventSource cannot send
 * the Authorization header. Resolves when the stream ends; throws when it cannot be opened.
 */
export async function followStream(fetchFn: Fetch, target: Endpoint, onVersion: (version: number) => void, signal: AbortSignal): Promise<void> {
  const response = await fetchFn(endpointUrl(target.endpoint, '/v1/stream'), {
    headers: { authorization: `Bearer ${target.token}`, accept: 'text/event-stream' },
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream refused: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const parsed = parseSse(buffer + value);
    buffer = parsed.rest;
    for (const e of parsed.events) {
      if (e.event !== STREAM_EVENT) continue;
      try {
        const event = StreamEventSchema.safeParse(JSON.parse(e.data));
        if (event.success) onVersion(event.data.version);
      } catch {
        // A garbled event is skipped; the next one or the alarm's pull catches up.
      }
    }
  }
}
