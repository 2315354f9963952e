// The HTTP server: /graphql (Apollo), /playground (offline GraphiQL), /healthz, /readyz and /metrics.
// Before Apollo sees a request it: gives it a request id (x-request-id, echoed back), refuses foreign Hosts and
// web origins and answers CORS (server/browser.ts, which also gives every response its security headers),
// identifies the caller by API key (server/auth.ts), reads the body itself with a size limit (so a malformed or
// oversized body gets a clear 4xx), and bounds the whole request by a timeout. Apollo's answer gets the status
// GraphQL over HTTP asks for its media type (server/media-status.ts). Every error it sends itself is
// GraphQL-shaped with an extensions.code. A client that hangs up mid-body is counted as 499, not logged as an error.
// A request that times out, or whose client goes away, is stopped, not just answered: its AbortSignal reaches every
// database call (db/driver.ts), which rolls back what is running and starts nothing new. So a 503 TIMEOUT means
// that nothing of the request was written (unless a commit was already under way; the answer then waits for it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { isLoopback, type Config } from '../config.js';
import { QueryStats, RequestStoppedError, type Database } from '../db/driver.js';
import { AuthError, assertCanRead, identify, type Caller, type KeyStore } from './auth.js';
import type { Context } from '../graph/context.js';
import { createContext } from './context.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import { explorerFile } from './explorer.js';
import { playgroundFile } from './playground.js';
import { internalErrorStatus } from './hardening.js';
import { statusForMediaType } from './media-status.js';
import { CORS_ALLOW_HEADERS, SECURITY_HEADERS, corsHeaders, refusal } from './browser.js';

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  db: Database;
  config: Config;
  logger: Logger;
  keys: KeyStore;
  metrics?: Metrics;
  /** True once migrations and seeds are done, false again once shutdown begins. */
  ready: () => boolean;
  /** True once shutdown has begun: responses then close their connections. */
  stopping?: () => boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  requestId: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, requestId } }] }, headers);
}

/** How long a stopped request may take to roll back (or finish a commit already sent) before the 503 goes out. */
const STOP_GRACE_MS = 5000;

/** Requests whose body is still arriving (a timeout then is the client's slowness: 408, not 503). */
const reading = new WeakSet<IncomingMessage>();

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit)
    throw new HttpError(413, `The request body is ${declared} bytes; the limit is ${limit}.`, 'PAYLOAD_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit)
      throw new HttpError(413, `The request body exceeds the limit of ${limit} bytes.`, 'PAYLOAD_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  try {
    // Strictly: invalid UTF-8 would otherwise turn into U+FFFD silently, and be stored changed.
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, 'The request body is not valid UTF-8.', 'BAD_REQUEST');
  }
}

/**
 * Refuses strings that are not well-formed Unicode (a lone surrogate, which JSON can carry as "\ud800"): Neo4j
 * would store U+FFFD instead, so the text would not come back as it was sent. Iterative: bodies may nest deeply.
 */
function assertWellFormed(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!(v as string & { isWellFormed(): boolean }).isWellFormed()) {
        throw new HttpError(
          400,
          'The request holds text that is not well-formed Unicode (a lone surrogate such as \\ud800).',
          'BAD_REQUEST',
        );
      }
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x); // no spread: an array may be too long to pass as arguments
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push(k, x);
    }
  }
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return undefined;
  if (/^application\/(graphql-response\+)?json\b/i.test(contentType.trim())) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
    }
    assertWellFormed(parsed);
    return parsed;
  }
  // Apollo refuses other bodies with a 400 (and CSRF prevention blocks the simple content types).
  return raw;
}

/** Whether the peer is this machine, and not a proxy forwarding someone else's request. */
function loopbackPeer(req: IncomingMessage): boolean {
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return isLoopback(req.socket.remoteAddress ?? '');
}

function routeOf(path: string): string {
  if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (path.startsWith('/playground') || path === '/') return '/playground';
  if (path.startsWith('/explore')) return '/explore';
  return 'other';
}

export function createHttpServer(deps: HttpDeps): Server {
  const { apollo, db, config, logger, keys, metrics } = deps;
  const cors = config.corsOrigins;

  function caller(req: IncomingMessage): Caller {
    const header = req.headers.authorization;
    return identify(Array.isArray(header) ? header.join(', ') : header, keys);
  }

  async function graphql(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    requestId: string,
    extra: Record<string, string>,
    stats: QueryStats,
  ): Promise<void> {
    const who = caller(req);
    assertCanRead(who, config.auth);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    let raw: string | undefined;
    if (method === 'POST') {
      reading.add(req);
      raw = await readBody(req, config.limits.maxBodyBytes);
      reading.delete(req);
    }
    const body = raw !== undefined ? parseBody(raw, headers.get('content-type') ?? '') : undefined;
    let context: Context | undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: async () => {
        const ctx = createContext(db, config, who.role, requestId, {
          keyId: who.keyId,
          loopback: loopbackPeer(req),
          stats,
        });
        if (who.kind) (ctx as Context & { keyKind?: string }).keyKind = who.kind;
        return (context = ctx);
      },
    });
    if (res.headersSent) return; // the request timed out meanwhile
    // Stopped with nothing written: the timeout's 503 is the whole truth. With a write committed, this answer
    // (the stopped fields as TIMEOUT errors) tells the client what did happen.
    if (stats.signal?.aborted && stats.writesCommitted === 0) return;
    const outHeaders: Record<string, string> = { ...extra };
    for (const [k, v] of result.headers) outHeaders[k] = v;
    if (deps.stopping?.()) outHeaders.connection = 'close'; // shutting down: no more requests on this connection
    if (result.body.kind === 'complete') {
      const status = statusForMediaType(
        internalErrorStatus(result.status ?? 200, context),
        outHeaders['content-type'],
        result.body.string,
      );
      res.writeHead(status, outHeaders);
      res.end(result.body.string);
    } else {
      res.writeHead(internalErrorStatus(result.status ?? 200, context), outHeaders);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  async function readyz(res: ServerResponse, headers: Record<string, string>): Promise<void> {
    const started = deps.ready();
    const database = started && (await db.ping(2000));
    // Ready means a client can be served: with anonymous reads off and no API key, every request gets 401.
    const access = config.auth.anonymousReads ? 'anonymous reads' : keys.size > 0 ? 'API keys' : 'none';
    const ok = started && database && access !== 'none';
    sendJson(
      res,
      ok ? 200 : 503,
      {
        status: ok ? 'ready' : 'not ready',
        checks: { started, database: database ? 'reachable' : started ? 'unreachable' : 'not checked', access },
      },
      { ...headers, 'cache-control': 'no-store' },
    );
  }

  async function metricsEndpoint(
    req: IncomingMessage,
    res: ServerResponse,
    headers: Record<string, string>,
  ): Promise<void> {
    assertCanRead(caller(req), config.auth);
    if (!metrics) throw new HttpError(404, 'Metrics are not enabled.', 'NOT_FOUND');
    const { contentType, body } = await metrics.text();
    res.writeHead(200, { ...headers, 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    base: Record<string, string>,
    stats: QueryStats,
  ): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    // DNS rebinding and foreign web origins (server/browser.ts), before anything else.
    const refused = refusal(req, url.pathname, config.allowedHosts, cors);
    if (refused) throw new HttpError(refused.status, refused.message, refused.code);
    if (method === 'OPTIONS') {
      // CORS preflight (or a plain OPTIONS): what may be asked, and by whom.
      res.writeHead(204, {
        ...base,
        allow: 'GET, POST, OPTIONS',
        ...(base['access-control-allow-origin']
          ? {
              'access-control-allow-methods': 'GET, POST, OPTIONS',
              'access-control-allow-headers': CORS_ALLOW_HEADERS,
              'access-control-max-age': '600',
            }
          : {}),
      });
      res.end();
      return;
    }
    if (url.pathname === '/graphql') {
      await graphql(req, res, url, requestId, base, stats);
    } else if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' }, { ...base, 'cache-control': 'no-store' });
    } else if (url.pathname === '/readyz') {
      await readyz(res, base);
    } else if (url.pathname === '/metrics') {
      await metricsEndpoint(req, res, base);
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204, base).end();
    } else if (url.pathname === '/' && method === 'GET') {
      res.writeHead(302, { ...base, location: '/playground' }).end();
    } else {
      const file =
        method === 'GET' || method === 'HEAD'
          ? (playgroundFile(url.pathname) ?? explorerFile(url.pathname))
          : undefined;
      if (!file) {
        throw new HttpError(
          404,
          `Nothing at ${url.pathname}. The API is at /graphql, the playground at /playground, the gap explorer at /explore.`,
          'NOT_FOUND',
        );
      }
      res.writeHead(200, {
        ...base,
        ...(file.csp ? { 'content-security-policy': file.csp } : {}),
        'content-type': file.type,
        'cache-control': 'no-cache',
      });
      res.end(method === 'HEAD' ? undefined : file.body);
    }
  }

  const server = createServer(async (req, res) => {
    const requestId =
      typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id'])
        ? req.headers['x-request-id']
        : randomUUID();
    const started = performance.now();
    const base: Record<string, string> = { ...SECURITY_HEADERS, 'x-request-id': requestId, ...corsHeaders(req, cors) };
    if (deps.stopping?.()) base.connection = 'close';
    metrics?.inFlight.inc();
    const stop = new AbortController();
    const stats = new QueryStats();
    stats.signal = stop.signal;
    // A client that goes away before its answer: stop its work (reads and writes alike; it cannot learn the outcome).
    res.once('close', () => {
      if (!res.writableFinished)
        stop.abort(new RequestStoppedError('The client went away before the answer; the request was stopped.'));
    });
    let timer: NodeJS.Timeout | undefined;
    let clientGone = false;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.limits.requestTimeoutMs);
    });
    try {
      const work = handle(req, res, requestId, base, stats);
      const outcome = await Promise.race([work, timeout]);
      if (outcome === 'timeout' && !res.headersSent) {
        const slowClient = reading.has(req);
        stop.abort(
          new RequestStoppedError(
            `The request took longer than ${config.limits.requestTimeoutMs} ms and was stopped; nothing of it was written.`,
          ),
        );
        if (!slowClient) {
          // Let the stopped work roll back (or a commit already sent finish) so that the answer is true.
          let grace: NodeJS.Timeout | undefined;
          await Promise.race([
            work.catch(() => undefined),
            new Promise((r) => {
              grace = setTimeout(r, STOP_GRACE_MS);
            }),
          ]);
          clearTimeout(grace);
        }
        if (!res.headersSent) {
          const uncertain = stats.commitsInFlight > 0 || stats.writesCommitted > 0;
          sendError(
            res,
            slowClient ? 408 : 503,
            slowClient
              ? `The request body did not arrive within ${config.limits.requestTimeoutMs} ms.`
              : uncertain
                ? `The request took longer than ${config.limits.requestTimeoutMs} ms and was stopped, but a write of it had committed or was committing; check what took effect before retrying.`
                : `The request took longer than ${config.limits.requestTimeoutMs} ms and was stopped; nothing of it was written.`,
            'TIMEOUT',
            requestId,
            { ...base, connection: 'close' },
          );
        }
      }
    } catch (e) {
      if (res.headersSent) {
        logger.error({ err: e, requestId }, 'request failed after its response began');
        res.destroy();
      } else if (e instanceof AuthError) {
        sendError(res, e.status, e.message, e.code, requestId, {
          ...base,
          ...(e.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
        });
      } else if (e instanceof HttpError) {
        // Our own refusal (a 413 stops reading the body, which marks the request destroyed: answer all the same).
        sendError(res, e.status, e.message, e.code, requestId, { ...base, ...e.headers });
      } else if (!req.complete && (req.destroyed || req.socket.destroyed)) {
        // The client hung up before its request was all here: nobody to answer, and no fault of ours.
        clientGone = true;
      } else {
        logger.error({ err: e, requestId }, 'request failed');
        sendError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR', requestId, base);
      }
    } finally {
      clearTimeout(timer);
      metrics?.inFlight.dec();
      const path = (req.url ?? '/').split('?')[0];
      // 499 (nginx's "client closed request") for a client that left mid-request: not a 5xx of ours.
      const status = clientGone ? 499 : res.statusCode;
      metrics?.httpResponses.inc({ route: routeOf(path), status: String(status) });
      logger.info(
        {
          requestId,
          method: req.method,
          path,
          status,
          ms: Math.round(performance.now() - started),
          ...(clientGone ? { clientClosed: true } : {}),
        },
        'request',
      );
    }
  });
  // Slow clients: the whole request (headers and body) must arrive within the request timeout.
  server.requestTimeout = config.limits.requestTimeoutMs;
  server.headersTimeout = Math.min(config.limits.requestTimeoutMs, 20_000);
  return server;
}
