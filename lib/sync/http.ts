import type { z } from 'zod';
import { errorText } from '../error-text';
import {
  ErrorResponseSchema,
  MeResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  type MeResponse,
  type PullResponse,
  type PushRequestInput,
  type PushResponse,
} from './protocol';

/** Why a request to the team endpoint failed, in the terms the options page explains. */
export type SyncErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'token_expired'
  | 'token_revoked'
  | 'https_required'
  | 'rate_limited'
  | 'server'
  | 'rejected'
  | 'not_lessonmark';

export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status = 0,
    /** Seconds the server asked us to wait (Retry-After of a 429, or of a 503 from a busy store). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface Endpoint {
  endpoint: string;
  token: string;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Every request is short: a stopped worker loses at most one in flight, and the outbox resends it. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Joins the endpoint base (with or without a trailing slash or path) and a `/v1/…` path. */
export function endpointUrl(endpoint: string, path: string): string {
  return endpoint.replace(/\/+$/, '') + path;
}

/** A thin typed client of the team endpoint; every answer is validated before it is used. */
export class SyncClient {
  constructor(
    private readonly fetchFn: Fetch,
    private readonly target: Endpoint,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  me(): Promise<MeResponse> {
    return this.request('/v1/me', { method: 'GET' }, MeResponseSchema);
  }

  push(body: PushRequestInput): Promise<PushResponse> {
    return this.request('/v1/push', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }, PushResponseSchema);
  }

  pull(cursor: string | undefined, limit: number): Promise<PullResponse> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (cursor !== undefined) q.set('cursor', cursor);
    return this.request(`/v1/pull?${q}`, { method: 'GET' }, PullResponseSchema);
  }

  private async request<S extends z.ZodType>(path: string, init: RequestInit, schema: S): Promise<z.output<S>> {
    const headers = { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.target.token}` };
    let response: Response;
    try {
      response = await this.fetchFn(endpointUrl(this.target.endpoint, path), { ...init, headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') throw new SyncHttpError('timeout', `no answer within ${this.timeoutMs / 1000} s`);
      throw new SyncHttpError('unreachable', `cannot reach ${this.target.endpoint}: ${errorText(error)}`);
    }
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok) {
      const parsed = schema.safeParse(body);
      if (!parsed.success) throw new SyncHttpError('not_lessonmark', `unexpected answer from ${path}: is this a Lessonmark endpoint?`, response.status);
      return parsed.data;
    }
    throw errorFor(response, body);
  }
}

function errorFor(response: Response, body: unknown): SyncHttpError {
  const parsed = ErrorResponseSchema.safeParse(body);
  const code = parsed.success ? parsed.data.error : '';
  const message = parsed.success ? parsed.data.message : `HTTP ${response.status}`;
  const status = response.status;
  if (status === 401) {
    const kind = code === 'token_expired' ? 'token_expired' : code === 'token_revoked' ? 'token_revoked' : 'unauthorized';
    return new SyncHttpError(kind, message, status);
  }
  const seconds = Number(response.headers.get('retry-after'));
  const retryAfter = Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  if (status === 429) return new SyncHttpError('rate_limited', message, status, retryAfter);
  if (status === 403 && code === 'https_required') return new SyncHttpError('https_required', message, status);
  // A 503 `unavailable`: our endpoint's store is busy or restarting, nothing was written, and it says when to come back.
  if (status >= 500) return new SyncHttpError('server', `the endpoint failed (HTTP ${status})`, status, code === 'unavailable' ? retryAfter : undefined);
  if (!parsed.success) return new SyncHttpError('not_lessonmark', `HTTP ${status} without a Lessonmark answer: is this the right address?`, status);
  return new SyncHttpError('rejected', `${code}: ${message}`, status);
}
