// An example consumer of the techgraph API in TypeScript: another service that lists chokepoint technologies
// and who can do the first of them. It uses the typed documents that graphql-codegen generates in client/
// from operations/*.graphql, so variables and results are checked by the compiler, and it sends each
// operation by its registered id (documentId), never its text, so it works where the API runs with
// TG_REGISTERED_OPERATIONS_ONLY=true. It carries the x-neo4j-bookmark of each response into the next request
// so that it reads its own writes even when a load balancer sends requests to different API instances.
//
//   npx tsx examples/consumer.ts [http://127.0.0.1:4000/graphql]     (TECHGRAPH_API_KEY: an API key, if needed)
import { pathToFileURL } from 'node:url';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { TechnologiesDocument, TechnologyCapabilitiesDocument } from '../client/graphql.js';

export interface TechgraphClientOptions {
  url: string;
  apiKey?: string;
  /** Send the document's text rather than its registered id. */
  sendText?: boolean;
}

export class TechgraphError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A minimal typed client: any client that accepts TypedDocumentNode (urql, Apollo Client, graphql-request) works as well. */
export function createTechgraphClient(opts: TechgraphClientOptions) {
  let bookmark: string | undefined;
  return {
    get bookmark() {
      return bookmark;
    },
    async request<Result, Variables extends Record<string, unknown>>(
      document: TypedDocumentNode<Result, Variables>,
      variables: Variables,
    ): Promise<Result> {
      const id = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      const payload = id && !opts.sendText ? { documentId: id, variables } : { query: print(document), variables };
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
          ...(bookmark ? { 'x-neo4j-bookmark': bookmark } : {}),
        },
        body: JSON.stringify(payload),
      });
      bookmark = res.headers.get('x-neo4j-bookmark') ?? bookmark;
      const body = (await res.json()) as {
        data?: Result | null;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      if (body.errors?.length)
        throw new TechgraphError(body.errors[0].message, body.errors[0].extensions?.code, res.status);
      return body.data as Result;
    },
  };
}

/** Lists chokepoint technologies, then the organizations able to do the first one, best first. */
export async function main(url: string, apiKey?: string): Promise<string[]> {
  const client = createTechgraphClient({ url, apiKey });
  const { technologies } = await client.request(TechnologiesDocument, { kind: 'CHOKEPOINT', first: 5 });
  const lines = [`${technologies.totalCount} chokepoint technologies; the first ${technologies.nodes.length}:`];
  for (const t of technologies.nodes)
    lines.push(`  ${t.id}  ${t.name}${t.nameKo ? ` (${t.nameKo})` : ''}  [${t.provenance}]`);

  const first = technologies.nodes[0];
  if (first) {
    const { technology } = await client.request(TechnologyCapabilitiesDocument, { id: first.id });
    lines.push(`Who can do "${technology?.name}" (${technology?.capabilities.totalCount ?? 0} organizations):`);
    for (const { node } of technology?.capabilities.edges ?? []) {
      lines.push(
        `  ${String(node.level).padStart(3)}  ${node.organization.name} (${node.organization.country})${node.holdsCoreIp ? '  core IP' : ''}`,
      );
    }
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.argv[2] ?? process.env.TECHGRAPH_URL ?? 'http://127.0.0.1:4000/graphql';
  main(url, process.env.TECHGRAPH_API_KEY).then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (e: Error) => {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    },
  );
}
