// The HTTP server: /graphql (Apollo), /playground (offline GraphiQL), /healthz and /readyz.
// It reads request bodies itself, with a size limit, so a malformed or oversized body gets a clear 4xx.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Config } from '../config.js';
import type { Database } from '../db/driver.js';
import { createContext, type Context } from './context.js';
import type { Logger } from './log.js';
import { playgroundFile } from './playground.js';

export const MAX_BODY_BYTES = 1_000_000;

export interface HttpDeps {
  apollo: ApolloServer<Context>;
  db: Database;
  config: Config;
  logger: Logger;
  /** True once migrations and seeds are done. */
  ready: () => boolean;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly code: string) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, message: string, code: string, requestId: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, requestId } }] });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `The request body is ${declared} bytes; the limit is ${limit}.`, 'PAYLOAD_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `The request body exceeds the limit of ${limit} bytes.`, 'PAYLOAD_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return undefined;
  if (/^application\/(graphql-response\+)?json\b/i.test(contentType) || /^application\/json/i.test(contentType)) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
    }
  }
  return raw;
}

export function createHttpServer(deps: HttpDeps): Server {
  const { apollo, db, config, logger } = deps;

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const body = method === 'POST' ? parseBody(await readBody(req, MAX_BODY_BYTES), headers.get('content-type') ?? '') : undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search: url.search, body },
      context: async () => createContext(db, config, 'anonymous', requestId),
    });
    const outHeaders: Record<string, string> = { 'x-request-id': requestId };
    for (const [k, v] of result.headers) outHeaders[k] = v;
    res.writeHead(result.status ?? 200, outHeaders);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  return createServer(async (req, res) => {
    const requestId = (typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id']))
      ? req.headers['x-request-id'] : randomUUID();
    const started = performance.now();
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/graphql') {
        await graphql(req, res, url, requestId);
      } else if (url.pathname === '/healthz') {
        sendJson(res, 200, { status: 'ok' });
      } else if (url.pathname === '/readyz') {
        const ready = deps.ready() && (await db.driver.getServerInfo({ database: db.database }).then(() => true, () => false));
        sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
      } else if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(302, { location: '/playground' }).end();
      } else {
        const file = req.method === 'GET' || req.method === 'HEAD' ? playgroundFile(url.pathname) : undefined;
        if (!file) return sendError(res, 404, `Nothing at ${url.pathname}. The API is at /graphql, the playground at /playground.`, 'NOT_FOUND', requestId);
        res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-cache' });
        res.end(req.method === 'HEAD' ? undefined : file.body);
      }
    } catch (e) {
      if (e instanceof HttpError) {
        sendError(res, e.status, e.message, e.code, requestId);
      } else {
        logger.error({ err: e, requestId }, 'request failed');
        if (!res.headersSent) sendError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR', requestId);
        else res.end();
      }
    } finally {
      logger.debug({ requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request');
    }
  });
}
