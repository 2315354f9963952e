// The soak's requests: one loopback HTTP client that can also misbehave (abort mid-body, mid-flight or
// mid-response; forge keys, bookmarks, Host and Origin; send oversized bodies), the operations of operations/
// as reads, and writes whose effect can be checked afterwards (imports tagged with a marker; create/update/delete
// lifecycles). Every request is classified into one outcome class; the harness (run.ts) decides which classes
// each kind may end in.
import { request, Agent, type IncomingHttpHeaders } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Outcome =
  | 'ok' // 2xx, no errors
  | 'refused' // 2xx, the mutation said no in its payload (userErrors / ok: false)
  | 'client_error' // 4xx, or a client error code in the body
  | 'unavailable' // 503 SERVICE_UNAVAILABLE (the database was not reachable)
  | 'timeout' // 503/408 TIMEOUT (the API's request timeout)
  | 'not_ready' // /readyz 503
  | 'internal' // 500 or INTERNAL_SERVER_ERROR anywhere in the body: never expected
  | 'aborted' // we destroyed the socket on purpose before the answer
  | 'reset' // the server closed the connection without an answer
  | 'stale_socket' // a kept-alive connection the server had just closed (Node's docs: retry such a request)
  | 'hang'; // no answer within the client's own timeout

export interface Sent {
  status?: number;
  body?: any;
  headers?: IncomingHttpHeaders;
  /** Error codes found in the body's errors. */
  codes: string[];
  outcome: Outcome;
  t0: number;
  t1: number;
}

export type AbortMode = 'mid-body' | 'in-flight' | 'mid-response';

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A fresh connection (needed for aborts and forged Host headers, so the keep-alive pool stays clean). */
  fresh?: boolean;
  abort?: AbortMode;
  timeoutMs: number;
}

const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
]);

export function classify(status: number, body: any): { outcome: Outcome; codes: string[] } {
  const codes: string[] = Array.isArray(body?.errors)
    ? body.errors.map((e: any) => String(e?.extensions?.code ?? 'NO_CODE'))
    : [];
  if (status >= 500 && status !== 503) return { outcome: 'internal', codes };
  if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('NO_CODE')) return { outcome: 'internal', codes };
  if (codes.includes('TIMEOUT') || status === 408) return { outcome: 'timeout', codes };
  if (codes.includes('SERVICE_UNAVAILABLE')) return { outcome: 'unavailable', codes };
  if (status === 503) return { outcome: body?.status === 'not ready' ? 'not_ready' : 'unavailable', codes };
  if (status >= 400 || codes.some((c) => CLIENT_CODES.has(c))) return { outcome: 'client_error', codes };
  if (codes.length > 0) return { outcome: 'internal', codes }; // an error we cannot explain
  const payloads = body?.data && typeof body.data === 'object' ? Object.values(body.data) : [];
  const said = payloads.some(
    (p: any) =>
      p && typeof p === 'object' && ((Array.isArray(p.userErrors) && p.userErrors.length > 0) || p.ok === false),
  );
  return { outcome: said ? 'refused' : 'ok', codes };
}

/** The soak's HTTP client: loopback only, a bounded keep-alive pool, and a hard timeout on every request. */
export class Client {
  private readonly agent: Agent;
  readonly port: number;

  constructor(
    readonly url: string,
    maxSockets: number,
  ) {
    const u = new URL(url);
    if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost' && u.hostname !== '[::1]')
      throw new Error(`the soak only talks to loopback, not ${u.hostname}`);
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  close(): void {
    this.agent.destroy();
  }

  send(o: SendOptions): Promise<Sent> {
    const t0 = performance.now();
    return new Promise<Sent>((resolve) => {
      let settled = false;
      let aborted = false;
      const done = (s: Omit<Sent, 't0' | 't1'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...s, t0, t1: performance.now() });
      };
      const body = o.body === undefined ? undefined : Buffer.isBuffer(o.body) ? o.body : Buffer.from(o.body);
      const headers: Record<string, string> = {
        ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}),
        ...o.headers,
      };
      const req = request({
        host: '127.0.0.1',
        port: this.port,
        method: o.method ?? (body ? 'POST' : 'GET'),
        path: o.path ?? '/graphql',
        headers,
        agent: o.fresh || o.abort ? false : this.agent,
      });
      const abortNow = () => {
        aborted = true;
        req.destroy();
        done({ codes: [], outcome: 'aborted' });
      };
      const timer = setTimeout(() => {
        req.destroy();
        done({ codes: [], outcome: 'hang' });
      }, o.timeoutMs);
      req.on('error', () =>
        done({ codes: [], outcome: aborted ? 'aborted' : req.reusedSocket ? 'stale_socket' : 'reset' }),
      );
      req.on('response', (res) => {
        if (o.abort === 'mid-response') {
          // Gone as soon as the answer starts: the server is left writing to a closed socket.
          res.once('data', abortNow);
          res.on('end', () => done({ status: res.statusCode, headers: res.headers, codes: [], outcome: 'aborted' }));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', () => done({ codes: [], outcome: aborted ? 'aborted' : 'reset' }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const status = res.statusCode ?? 0;
          done({ status, body: parsed, headers: res.headers, ...classify(status, parsed) });
        });
      });
      if (o.abort === 'mid-body' && body) {
        // Half the declared body, then gone: the server is left waiting for the rest.
        req.write(body.subarray(0, Math.max(1, Math.floor(body.length / 2))));
        setTimeout(abortNow, 20);
        return;
      }
      req.end(body);
      if (o.abort === 'in-flight') setTimeout(abortNow, 5 + Math.random() * 40);
    });
  }
}

// --- what the traffic asks ------------------------------------------------------------------------------------

export interface Operation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The example operations (operations/*.graphql) with the variables their second line documents. */
export function readOperations(dir: string): Operation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const m = /^#\s*variables:\s*(\{.*\})\s*$/m.exec(text);
      return { name: f.replace(/\.graphql$/, ''), query: text, variables: m ? JSON.parse(m[1]) : {} };
    });
}

/** Each import writes this many nodes and relationships, all with ids carrying its marker. */
export const IMPORT_NODES = 5;
export const IMPORT_RELATIONSHIPS = 8;

/**
 * A graph document tagged with `marker`: a sector, a chain of four technologies in it, and the chain's head
 * depending on a seeded technology (so the cycle check walks into the seeded graph).
 */
export function importDocument(marker: string, seededTech: string): Record<string, unknown> {
  const techs = [0, 1, 2, 3].map((k) => `tech:${marker}-${k}`);
  const rel = (type: string, from: string, to: string) => ({ type, from, to, provenance: 'ILLUSTRATIVE', sources: [] });
  return {
    format: 'techgraph/graph@1',
    sectors: [{ id: `sector:${marker}`, name: `Soak sector ${marker}`, provenance: 'ILLUSTRATIVE', sources: [] }],
    technologies: techs.map((id, k) => ({
      id,
      name: `Soak technology ${marker} ${k}`,
      kind: 'ORIGINAL',
      provenance: 'ILLUSTRATIVE',
      sources: [],
    })),
    relationships: [
      ...techs.map((t) => rel('IN_SECTOR', t, `sector:${marker}`)),
      ...techs.slice(1).map((t, k) => rel('DEPENDS_ON', techs[k], t)),
      rel('DEPENDS_ON', techs[0], seededTech),
    ],
  };
}

export const IMPORT_MUTATION =
  'mutation SoakImport($d: JSON!) { importGraph(document: $d) { ok nodes relationships userErrors { code message } } }';
/** Would close the cycle tech-0 → … → tech-3 → tech-0: must be refused, with nothing written. */
export const CYCLE_MUTATION =
  'mutation SoakCycle($i: DependencyInput!) { addDependency(input: $i) { userErrors { code message } } }';
export const CREATE_MUTATION =
  'mutation SoakCreate($i: CreateTechnologyInput!) { createTechnology(input: $i) { technology { id name } userErrors { code message } } }';
export const UPDATE_MUTATION =
  'mutation SoakUpdate($i: UpdateTechnologyInput!) { updateTechnology(input: $i) { technology { id name } userErrors { code message } } }';
export const DELETE_MUTATION =
  'mutation SoakDelete($i: DeleteInput!) { deleteTechnology(input: $i) { deletedId userErrors { code message } } }';

// The forged tokens: built by the tests' helper, never with the API's own encoder, so that a forged token stays
// forged whatever the API does to sign its own.
export { forgeAhead as bookmarkAhead, unsignedToken } from '../../tests/helpers/bookmarks.js';

/** A small deterministic PRNG (the bench's mulberry32), so a run's mix can be replayed with --seed. */
export { rng as prng } from '../../bench/generate.js';
