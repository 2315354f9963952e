// Persisted (trusted) operations. The manifest (operations/manifest.json, written by `npm run codegen` from
// operations/*.graphql; or any file in Apollo's persisted-query-manifest format or a plain {id: document} map,
// TG_OPERATIONS_MANIFEST) lists the registered operations by the sha256 of their document. A request may name
// one instead of sending its text: `documentId` (GraphQL-over-HTTP persisted documents, `sha256:<hex>` or
// `<hex>`) or `extensions.persistedQuery.sha256Hash` (Apollo's protocol).
// With TG_REGISTERED_OPERATIONS_ONLY=true, requests made with a *service* key may run registered operations
// only: by id, or by sending a document that is a registered one in canonical form (server/canonical-document.ts:
// layout, order and the `__typename`s that Apollo Client and urql add aside), its text or, through Apollo's
// automatic persisted queries, its hash. People's keys and requests without a key, the playground's among them,
// may still send any query.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Config } from '../config.js';
import { canonicalDocument } from './canonical-document.js';
import type { Context, KeyKind } from '../graph/context.js';

export interface RegisteredOperation {
  id: string;
  name: string | null;
  body: string;
}

export class OperationManifest {
  private readonly byId = new Map<string, RegisteredOperation>();
  /** sha256 of each document's canonical form (server/canonical-document.ts). */
  private readonly canonical = new Set<string>();

  constructor(operations: RegisteredOperation[] = []) {
    for (const op of operations) {
      this.byId.set(normalizeId(op.id), op);
      const c = canonicalHash(op.body);
      if (c) this.canonical.add(c);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): RegisteredOperation | undefined {
    return this.byId.get(normalizeId(id));
  }

  /**
   * Whether `document` is one of the registered operations: the same text, or the same canonical form, which
   * is what Apollo Client and urql send (the document in source order, with `__typename` in every selection set).
   */
  registers(document: string): boolean {
    if (this.byId.has(sha256(document))) return true;
    const c = canonicalHash(document);
    return c !== undefined && this.canonical.has(c);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonicalHash(document: string): string | undefined {
  const canonical = canonicalDocument(document);
  return canonical === undefined ? undefined : sha256(canonical);
}

/** `sha256:ABC…` and `abc…` name the same document. */
export function normalizeId(id: string): string {
  return id
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase();
}

/** Reads a manifest: Apollo's format ({format, version, operations: [{id, name, body}]}) or a map {id: document}. */
export function loadManifest(file: string): OperationManifest {
  if (!existsSync(file)) return new OperationManifest();
  const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (json && typeof json === 'object' && Array.isArray((json as { operations?: unknown }).operations)) {
    const ops = (json as { operations: Array<{ id: string; name?: string; body: string }> }).operations;
    return new OperationManifest(ops.map((o) => ({ id: o.id, name: o.name ?? null, body: o.body })));
  }
  if (json && typeof json === 'object') {
    return new OperationManifest(
      Object.entries(json as Record<string, string>).map(([id, body]) => ({ id, name: null, body })),
    );
  }
  throw new Error(`${file} is neither a persisted-query manifest nor a map of ids to documents`);
}

/** Whether a request made with a key of this kind may run only registered operations. */
export function registeredOnlyApplies(keyKind: KeyKind, registeredOnly: boolean): boolean {
  return registeredOnly && keyKind === 'service';
}

/** The persisted-document id a request names, if any (documentId in the body or URL, or Apollo's extension). */
export function requestedId(request: GraphQLRequest): string | undefined {
  const body = request.http?.body as { documentId?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body.documentId === 'string') return body.documentId;
  const fromUrl = new URLSearchParams(request.http?.search ?? '').get('documentId');
  if (fromUrl) return fromUrl;
  const hash = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

export interface PersistedOptions {
  manifest: OperationManifest;
  registeredOnly: boolean;
  /** The kind of key this request was made with (server/auth.ts decides; no key = anonymous). */
  keyKind: (ctx: Context) => KeyKind;
}

export function persistedOperationsPlugin(opts: PersistedOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const id = requestedId(request);
      if (id !== undefined && !request.query) {
        const op = opts.manifest.get(id);
        if (op) {
          // A registered operation: run its document. Apollo's own APQ cache is not consulted.
          request.query = op.body;
          const { persistedQuery: _p, ...rest } = request.extensions ?? {};
          request.extensions = rest;
        } else {
          // Not in the manifest: let Apollo's APQ answer (PERSISTED_QUERY_NOT_FOUND unless it has it cached).
          request.extensions = {
            ...(request.extensions ?? {}),
            persistedQuery: { version: 1, sha256Hash: normalizeId(id) },
          };
        }
      }
      return {
        async didResolveOperation({ source, contextValue }) {
          if (!registeredOnlyApplies(opts.keyKind(contextValue), opts.registeredOnly)) return;
          if (opts.manifest.registers(source)) return;
          throw new GraphQLError(
            'This API key may run registered operations only: send the documentId (sha256) of an operation in the ' +
              'manifest, or ask for your operation to be registered.',
            { extensions: { code: 'FORBIDDEN', reason: 'OPERATION_NOT_REGISTERED', http: { status: 403 } } },
          );
        },
      };
    },
  };
}

/** The plugin as the settings ask for it; the key kind comes from the request's context (no key: anonymous). */
export function persistedOperationsFromConfig(config: Pick<Config, 'operations'>): ApolloServerPlugin<Context> {
  return persistedOperationsPlugin({
    manifest: loadManifest(config.operations.manifestFile),
    registeredOnly: config.operations.registeredOnly,
    keyKind: (ctx) => ctx.keyKind ?? 'anonymous',
  });
}
