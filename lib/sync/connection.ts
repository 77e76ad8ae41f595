import { endpointProblem } from '../settings';
import { SyncClient, SyncHttpError, type Endpoint, type Fetch } from './http';
import { PROTOCOL_VERSION } from './protocol';

export type ConnectionResult =
  | { ok: true; team: string; message: string; expiresAt: string | null }
  | { ok: false; reason: string; message: string };

/** Asks the endpoint who the token belongs to and says, in one sentence, whether sync will work. */
export async function testConnection(fetchFn: Fetch, target: Endpoint, timeoutMs = 10_000): Promise<ConnectionResult> {
  if (!target.endpoint) return { ok: false, reason: 'no_endpoint', message: 'Enter the team endpoint address first.' };
  const bad = endpointProblem(target.endpoint);
  if (bad) return { ok: false, reason: 'insecure', message: bad };
  if (!target.token) return { ok: false, reason: 'no_token', message: 'Enter the token your team admin gave you.' };
  try {
    const me = await new SyncClient(fetchFn, target, timeoutMs).me();
    if (me.protocolVersion !== PROTOCOL_VERSION) {
      return {
        ok: false,
        reason: 'protocol',
        message: `Incompatible protocol version: the endpoint speaks version ${me.protocolVersion}, this extension version ${PROTOCOL_VERSION}. Update the ${me.protocolVersion > PROTOCOL_VERSION ? 'extension' : 'endpoint'}.`,
      };
    }
    const expiry = me.token.expiresAt ? ` (token expires ${me.token.expiresAt.slice(0, 10)})` : '';
    return { ok: true, team: me.team.name, expiresAt: me.token.expiresAt, message: `OK — team ${me.team.name}${expiry}` };
  } catch (error) {
    if (!(error instanceof SyncHttpError)) throw error;
    return { ok: false, reason: error.kind, message: explain(error) };
  }
}

/** One sentence a person can act on, for the status line and the connection test. */
export function explain(error: SyncHttpError): string {
  switch (error.kind) {
    case 'unreachable':
      return 'Unreachable: nothing answered at that address. Check the URL and that the endpoint is running.';
    case 'timeout':
      return 'Unreachable: the endpoint did not answer in time.';
    case 'unauthorized':
      return 'Bad token (401): the endpoint does not know this token. Check for a copy-paste mistake.';
    case 'token_expired':
      return 'Expired token (401): ask your team admin for a new one.';
    case 'token_revoked':
      return 'Revoked token (401): ask your team admin for a new one.';
    case 'https_required':
      return 'The endpoint refuses plain HTTP from this address: use its https:// address.';
    case 'rate_limited':
      return `Too many requests: the endpoint asked to wait${error.retryAfter ? ` ${error.retryAfter} s` : ''}.`;
    case 'server':
      return error.status === 503 && error.retryAfter
        ? `The endpoint is busy or restarting (HTTP 503); nothing was lost, sync tries again in ${error.retryAfter} s.`
        : `The endpoint failed (HTTP ${error.status}); sync will retry.`;
    case 'not_lessonmark':
      return `Not a Lessonmark endpoint: ${error.message}`;
    case 'rejected':
      return `The endpoint refused the request: ${error.message}`;
  }
}
