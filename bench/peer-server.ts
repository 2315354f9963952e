// The peer: @neo4j/graphql 7 over the same Neo4j and data, serving workload 1 through the same Apollo Server 5
// setup as our API (same options, the same kind of node:http front: body read by us, executeHTTPGraphQLRequest).
// Its type definitions describe only what workload 1 reads. Started as a child process by bench/run.ts; prints
// "PEER_READY <port>". It needs the APOC core plugin in the Neo4j it talks to (bench/plugins.ts).
// Each response carries extensions.dbRoundTrips: the transactions' statements run while the request was being
// served, counted through a wrapped driver (exact for one request at a time, as the bench's check sends them).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j, { type Driver } from 'neo4j-driver';

const typeDefs = /* GraphQL */ `
  type Technology @node {
    id: ID!
    name: String!
    capabilities: [Organization!]! @relationship(type: "HAS_CAPABILITY", direction: IN, properties: "Capability")
  }
  type Organization @node {
    id: ID!
    name: String!
    country: String!
  }
  type Capability @relationshipProperties {
    level: Float!
  }
`;

const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const raw = neo4j.driver(
  process.env.NEO4J_URI!,
  neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
  {
    maxConnectionPoolSize: 50,
  },
);

let statements = 0;
/** The driver with every transaction's run() counted. */
function counted(driver: Driver): Driver {
  const wrapTx = (tx: any) =>
    new Proxy(tx, {
      get(target, prop) {
        if (prop === 'run')
          return (...a: unknown[]) => {
            statements += 1;
            return target.run(...a);
          };
        const v = target[prop];
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return new Proxy(driver, {
    get(target, prop) {
      if (prop === 'session') {
        return (...args: unknown[]) => {
          const s = (target.session as any)(...args);
          return new Proxy(s, {
            get(st, p) {
              if (p === 'executeRead' || p === 'executeWrite')
                return (work: (tx: unknown) => unknown, cfg?: unknown) => st[p]((tx: unknown) => work(wrapTx(tx)), cfg);
              if (p === 'beginTransaction') return (...x: unknown[]) => wrapTx(st.beginTransaction(...x));
              if (p === 'run')
                return (...x: unknown[]) => {
                  statements += 1;
                  return st.run(...x);
                };
              const v = st[p];
              return typeof v === 'function' ? v.bind(st) : v;
            },
          });
        };
      }
      const v = (target as any)[prop];
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Driver;
}

const neoSchema = new Neo4jGraphQL({ typeDefs, driver: counted(raw) });
const apollo = new ApolloServer<Record<string, unknown>>({
  schema: await neoSchema.getSchema(),
  introspection: true,
  csrfPrevention: true,
  includeStacktraceInErrorResponses: false,
  plugins: [
    ApolloServerPluginLandingPageDisabled(),
    {
      async requestDidStart() {
        const before = statements;
        return {
          async willSendResponse({ response }) {
            if (response.body.kind === 'single')
              (response.body.singleResult.extensions ??= {}).dbRoundTrips = statements - before;
          },
        };
      },
    },
  ],
});
await apollo.start();

const server = createServer(async (req, res) => {
  try {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: new URL(req.url ?? '/', 'http://x').search,
        body,
      },
      context: async () => ({ sessionConfig: { database } }),
    });
    const out: Record<string, string> = {};
    for (const [k, v] of result.headers) out[k] = v;
    res.writeHead(result.status ?? 200, out);
    if (result.body.kind === 'complete') res.end(result.body.string);
    else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (e) {
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PEER_READY ${(server.address() as AddressInfo).port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => {
  server.close();
  void raw.close().then(() => process.exit(0));
});
