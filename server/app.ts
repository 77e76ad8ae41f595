import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { HttpBindings } from '@hono/node-server';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import type { Context, MiddlewareHandler } from 'hono';
import {
  ErrorResponseSchema,
  HealthResponseSchema,
  LIMITS,
  LessonResponseSchema,
  MeResponseSchema,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
  STREAM_EVENT,
  wellFormedText,
} from '../lib/sync/protocol';
import type { Db } from './db';
import type { RateLimit } from './rate-limit';
import { RateLimiter } from './rate-limit';
import { clientView, isLoopback, type ClientView, type TrustedProxies } from './proxy';
import { activeTokenIds, authenticate, type Principal } from './teams';
import { screenSecrets } from './secrets';
import { PushRefused, getLesson, pullPage, push, teamVersion, type TeamQuota } from './sync-store';
import { StreamRegistry, type StreamCaps, type VersionHub } from './version-hub';

export interface AppOptions {
  handle: Db;
  hub: VersionHub;
  rateLimit: RateLimit;
  quota: TeamQuota;
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy: TrustedProxies;
  streamCaps: StreamCaps;
  log: (entry: Record<string, unknown>) => void;
  /** Origins allowed besides extension pages and localhost. */
  corsOrigins?: string[];
  /** Comment lines keep idle event streams open through proxies. */
  heartbeatMs?: number;
}

type Env = { Bindings: HttpBindings; Variables: { principal: Principal; client: ClientView } };

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const errors = {
  400: json(ErrorResponseSchema, 'Malformed request; `issues` lists what is wrong'),
  401: json(ErrorResponseSchema, 'Missing, unknown, revoked or expired token'),
  429: json(ErrorResponseSchema, "Over the token's budget of requests, ops or bytes (or of open streams); see Retry-After"),
};
const security = [{ bearer: [] }];

const healthRoute = createRoute({ method: 'get', path: '/v1/health', responses: { 200: json(HealthResponseSchema, 'The server is up') } });
const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  security,
  responses: { 200: json(MeResponseSchema, "The token's team, the limits and the protocol version"), ...errors },
});
const pushRoute = createRoute({
  method: 'post',
  path: '/v1/push',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: PushRequestSchema } } } },
  responses: {
    200: json(PushResponseSchema, 'One result per applied op, in order; ops refused because their lesson holds a secret are listed in refused'),
    ...errors,
    409: json(ErrorResponseSchema, "An op's baseVersion is above the team's version; nothing was stored"),
    413: json(ErrorResponseSchema, "Body larger than the limit, or the team's storage quota would be exceeded; nothing was stored"),
  },
});
const pullRoute = createRoute({
  method: 'get',
  path: '/v1/pull',
  security,
  request: { query: PullQuerySchema },
  responses: { 200: json(PullResponseSchema, 'Changes after the cursor in version order, or a reset'), ...errors },
});
const lessonRoute = createRoute({
  method: 'get',
  path: '/v1/lessons/{id}',
  security,
  request: { params: z.object({ id: z.string().max(64).refine(wellFormedText, 'id must be well-formed Unicode without NUL') }) },
  responses: {
    200: json(LessonResponseSchema, "The team's copy of a lesson"),
    ...errors,
    404: json(ErrorResponseSchema, 'No such lesson in this team'),
  },
});
const streamRoute = createRoute({
  method: 'get',
  path: '/v1/stream',
  security,
  responses: {
    200: {
      description: `Server-sent events: \`event: ${STREAM_EVENT}\` with \`{"version": n}\` when the team's version moves; pull on receipt`,
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errors,
  },
});

export function createApp(options: AppOptions): { app: OpenAPIHono<Env>; closeStreams: () => void } {
  const { handle, hub } = options;
  const limiter = new RateLimiter(options.rateLimit);
  const streams = new StreamRegistry(
    options.streamCaps,
    (ids) => activeTokenIds(handle.db, ids),
    (error) => options.log({ level: 'error', message: `checking stream tokens: ${String(error)}` }),
  );

  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json({ error: 'invalid_request', message: 'request does not match the schema; nothing was stored', issues: result.error.issues }, 400);
      }
    },
  });

  app.use('*', async (c, next) => {
    const peer = c.env?.incoming?.socket.remoteAddress ?? '';
    c.set('client', clientView(options.trustProxy, peer, c.req.header('x-forwarded-for'), c.req.header('x-forwarded-proto')));
    return next();
  });
  app.use('*', requestLog(options.log));
  app.use(
    '*',
    cors({
      origin: (origin) => (EXTENSION_ORIGIN.test(origin) || LOCAL_ORIGIN.test(origin) || options.corsOrigins?.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', requireTls());
  app.use('/v1/*', async (c, next) => {
    if (c.req.path === '/v1/health' || c.req.path === '/v1/openapi.json') return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return c.json({ error: 'missing_token', message: 'send Authorization: Bearer <token>' }, 401);
    const auth = await authenticate(handle.db, match[1]);
    if (!auth.ok) return c.json({ error: auth.code, message: 'token not accepted' }, 401);
    // Bytes are counted before the body is read; a pull reserves a full page, settled once sent.
    const bytes = c.req.path === '/v1/pull' ? LIMITS.maxPullBytes : Math.min(Number(c.req.header('content-length')) || 0, LIMITS.maxBodyBytes);
    const wait = limiter.take(auth.principal.tokenId, { requests: 1, bytes });
    if (wait > 0) return rateLimited(c, wait, 'requests or bytes');
    c.set('principal', auth.principal);
    return next();
  });
  app.use(
    '/v1/push',
    bodyLimit({
      maxSize: LIMITS.maxBodyBytes,
      onError: (c) => {
        // The rest of the body is never read: close the connection so no client reuses it.
        c.header('Connection', 'close');
        return c.json({ error: 'body_too_large', message: `request body over ${LIMITS.maxBodyBytes} bytes` }, 413);
      },
    }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.openapi(healthRoute, (c) => c.json({ ok: true as const, protocolVersion: PROTOCOL_VERSION }, 200));

  app.openapi(meRoute, async (c) => {
    const p = c.get('principal');
    return c.json(
      {
        protocolVersion: PROTOCOL_VERSION,
        team: { id: p.teamId, name: p.teamName },
        token: { id: p.tokenId, name: p.tokenName, member: p.member, expiresAt: p.expiresAt },
        version: await teamVersion(handle, p.teamId),
        limits: {
          maxBodyBytes: LIMITS.maxBodyBytes,
          maxOpsPerPush: LIMITS.maxOpsPerPush,
          maxPullLimit: LIMITS.maxPullLimit,
          defaultPullLimit: LIMITS.defaultPullLimit,
          maxLessonBytes: LIMITS.maxLessonBytes,
          rateLimit: options.rateLimit,
          teamQuota: options.quota,
        },
      },
      200,
    );
  });

  app.openapi(pushRoute, async (c) => {
    const { teamId, member, tokenId } = c.get('principal');
    const request = c.req.valid('json');
    const wait = limiter.take(tokenId, { ops: request.ops.length });
    if (wait > 0) return rateLimited(c, wait, 'ops');
    try {
      const { allowed, refused } = screenSecrets(request.ops);
      const response = allowed.length ? await push(handle, { teamId, member }, { ...request, ops: allowed }, options.quota) : { results: [], version: await teamVersion(handle, teamId) };
      if (allowed.length) hub.publish(teamId, response.version);
      return c.json({ ...response, refused }, 200);
    } catch (error) {
      if (error instanceof PushRefused) return c.json({ error: error.code, message: error.message }, error.status);
      throw error;
    }
  });

  // Documented like the others, but answered with prebuilt JSON text, which the typed handler can't return.
  app.openAPIRegistry.registerPath(pullRoute);
  app.get(pullRoute.path, async (c) => {
    const query = PullQuerySchema.safeParse(c.req.query());
    if (!query.success) return c.json({ error: 'invalid_request', message: 'query does not match the schema', issues: query.error.issues }, 400);
    const { teamId, tokenId } = c.get('principal');
    const page = await pullPage(handle, teamId, query.data, LIMITS.maxPullBytes);
    if ('reset' in page) {
      limiter.adjust(tokenId, { bytes: page.reset.length - LIMITS.maxPullBytes });
      return c.body(page.reset, 200, { 'content-type': 'application/json' });
    }
    let sent = 0;
    const settle = () => limiter.adjust(tokenId, { bytes: sent - LIMITS.maxPullBytes });
    const encoder = new TextEncoder();
    // Read on demand: the page goes out as rows are read, never built whole in memory.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          let text = '';
          while (text.length < 16_384) {
            const next = await page.chunks.next();
            if (next.done) break;
            text += next.value;
          }
          if (text) {
            const bytes = encoder.encode(text);
            sent += bytes.length;
            controller.enqueue(bytes);
          }
          if (text.length < 16_384) {
            controller.close();
            settle();
          }
        } catch (error) {
          options.log({ level: 'error', message: `pull: ${String(error)}`, stack: error instanceof Error ? error.stack : undefined });
          controller.error(error);
          settle();
        }
      },
      async cancel() {
        await page.chunks.return(undefined);
        settle();
      },
    });
    return c.body(body, 200, { 'content-type': 'application/json' });
  });

  app.openapi(lessonRoute, async (c) => {
    const found = await getLesson(handle, c.get('principal').teamId, c.req.valid('param').id);
    if (!found) return c.json({ error: 'not_found', message: 'no such lesson' }, 404);
    return c.json(found, 200);
  });

  app.openapi(streamRoute, (c) => {
    const { teamId, tokenId } = c.get('principal');
    let finish = () => {};
    const done = new Promise<void>((resolve) => (finish = resolve));
    const release = streams.add(tokenId, teamId, () => finish());
    if (!release) {
      c.header('Retry-After', '30');
      return c.json(
        {
          error: 'too_many_streams',
          message: `at most ${options.streamCaps.perToken} open streams per token and ${options.streamCaps.perTeam} per team on this server; close one`,
        },
        429,
      );
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(finish);
      const send = (version: number) =>
        void stream.writeSSE({ event: STREAM_EVENT, id: String(version), data: JSON.stringify({ version }) }).catch(finish);
      const unsubscribe = hub.subscribe(teamId, send);
      const heartbeat = setInterval(() => void stream.write(': keep-alive\n\n').catch(finish), options.heartbeatMs ?? 25_000);
      try {
        send(await teamVersion(handle, teamId));
        await done;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        release();
      }
    });
  });

  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Lessonmark team endpoint', version: String(PROTOCOL_VERSION), description: 'See server/README.md for the protocol.' },
  });

  app.notFound((c) => c.json({ error: 'not_found', message: 'no such route' }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const code = error.status === 400 ? 'invalid_request' : error.status === 415 ? 'unsupported_media_type' : 'http_error';
      return c.json({ error: code, message: error.message }, error.status);
    }
    options.log({ level: 'error', message: String(error), stack: error instanceof Error ? error.stack : undefined });
    if (storeUnavailable(error)) {
      c.header('Retry-After', String(STORE_RETRY_S));
      return c.json({ error: 'unavailable', message: 'the team store is busy or restarting; nothing was written; retry shortly' }, 503);
    }
    return c.json({ error: 'internal', message: 'internal error' }, 500);
  });

  return { app, closeStreams: () => streams.closeAll() };
}

/** Seconds a client waits after the store was busy or restarting (a lock held past busy_timeout, a PostgreSQL restart). */
const STORE_RETRY_S = 2;

/**
 * The store is there but cannot answer now: SQLite locked by another process past the busy
 * timeout, PostgreSQL shutting down, starting up, or having ended our connection. Each request
 * runs in one transaction, so nothing of it was written; the pool reconnects by itself.
 */
export function storeUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT') return true;
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now; 08xxx connection exceptions.
  if (typeof code === 'string' && (/^57P0[123]$/.test(code) || /^08/.test(code) || code === 'ECONNREFUSED' || code === 'ECONNRESET')) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|terminating connection|the database system is (starting up|shutting down)/i.test(message);
}

/** How long a refusal is held: a client that ignores Retry-After cannot make refusals its loop. */
const REFUSAL_DELAY_MS = 1000;

async function rateLimited(c: Context<Env>, wait: number, what: string) {
  await new Promise((resolve) => setTimeout(resolve, Math.min(wait * 1000, REFUSAL_DELAY_MS)));
  c.header('Retry-After', String(wait));
  // An unread body would be drained byte by byte to keep the connection; a flooding client's
  // megabytes cost more than a new connection.
  if (c.req.method === 'POST') c.header('Connection', 'close');
  return c.json({ error: 'rate_limited', message: `over this token's budget of ${what}; retry after ${wait}s` }, 429);
}

function requestLog(log: AppOptions['log']): MiddlewareHandler<Env> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    log({
      t: new Date().toISOString(),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      team: c.get('principal')?.teamName ?? null,
      client: c.get('client')?.address ?? null,
    });
  };
}

/**
 * Tokens travel in headers: plain HTTP is accepted only from a loopback peer that is not a listed
 * proxy, or from a trusted proxy that says the client came by HTTPS.
 */
function requireTls(): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.req.path === '/v1/health') return next();
    const client = c.get('client');
    if (client.proxied ? client.https : isLoopback(client.address)) return next();
    return c.json(
      {
        error: 'https_required',
        message: client.proxied
          ? 'the proxy did not forward an https request'
          : 'plain HTTP is only served to localhost; run behind a TLS proxy whose address is listed in TRUST_PROXY',
      },
      403,
    );
  };
}
