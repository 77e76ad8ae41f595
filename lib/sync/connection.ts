import { endpointProblem } from '../settings';
import { SyncClient, SyncHttpError, type Endpoint, type Fetch } from './http';
import { PROTOCOL_VERSION } from './protocol';
import { formatDay, t } from '../i18n';

export type ConnectionResult =
  | { ok: true; team: string; message: string; expiresAt: string | null }
  | { ok: false; reason: string; message: string };

/** Asks the endpoint who the token belongs to and says, in one sentence, whether sync will work. */
export async function testConnection(fetchFn: Fetch, target: Endpoint, timeoutMs = 10_000): Promise<ConnectionResult> {
  if (!target.endpoint) return { ok: false, reason: 'no_endpoint', message: t('sync.noEndpoint') };
  const bad = endpointProblem(target.endpoint);
  if (bad) return { ok: false, reason: 'insecure', message: bad };
  if (!target.token) return { ok: false, reason: 'no_token', message: t('sync.noToken') };
  try {
    const me = await new SyncClient(fetchFn, target, timeoutMs).me();
    if (me.protocolVersion !== PROTOCOL_VERSION) {
      return {
        ok: false,
        reason: 'protocol',
        message:
          me.protocolVersion > PROTOCOL_VERSION
            ? t('sync.updateExtension', { theirs: me.protocolVersion, ours: PROTOCOL_VERSION })
            : t('sync.updateEndpoint', { theirs: me.protocolVersion, ours: PROTOCOL_VERSION }),
      };
    }
    const message = me.token.expiresAt
      ? t('sync.okExpires', { team: me.team.name, expires: formatDay(new Date(me.token.expiresAt)) })
      : t('sync.ok', { team: me.team.name });
    return { ok: true, team: me.team.name, expiresAt: me.token.expiresAt, message };
  } catch (error) {
    if (!(error instanceof SyncHttpError)) throw error;
    return { ok: false, reason: error.kind, message: explain(error) };
  }
}

/** One sentence a person can act on, for the status line and the connection test. */
export function explain(error: SyncHttpError): string {
  switch (error.kind) {
    case 'unreachable':
      return t('sync.unreachable');
    case 'timeout':
      return t('sync.timeout');
    case 'unauthorized':
      return t('sync.unauthorized');
    case 'token_expired':
      return t('sync.expired');
    case 'token_revoked':
      return t('sync.revoked');
    case 'https_required':
      return t('sync.httpsRequired');
    case 'rate_limited':
      return error.retryAfter ? t('sync.rateLimitedFor', { seconds: error.retryAfter }) : t('sync.rateLimited');
    case 'server':
      return error.status === 503 && error.retryAfter
        ? t('sync.busy', { seconds: error.retryAfter })
        : t('sync.serverFailed', { status: error.status ?? '' });
    case 'not_lessonmark':
      return t('sync.notLessonmark', { detail: error.message });
    case 'rejected':
      return t('sync.rejected', { detail: error.message });
  }
}
