// Puts the service together on a database: schema migrations, seeds into an empty graph, Apollo, HTTP.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Database } from './db/driver.js';
import { migrate } from './db/migrations.js';
import { importDocument } from './import/index.js';
import { readDefaultGraph } from './import/seeds.js';
import { isUnavailableError } from './db/driver.js';
import { createApollo } from './server/apollo.js';
import { KeyStore } from './server/auth.js';
import { createHttpServer } from './server/http.js';
import type { Logger } from './server/log.js';
import { Metrics } from './server/metrics.js';
import { warmUp, warmUpPlan } from './server/warm-up.js';
import type { Example } from './server/playground.js';

export interface App {
  server: Server;
  url: string;
  metrics: Metrics;
  keys: KeyStore;
  /** Graceful: stop accepting, let in-flight requests finish (up to TG_SHUTDOWN_GRACE_MS), then stop Apollo.
   *  Closing the database is the caller's (it opened it). */
  stop(): Promise<void>;
}

/**
 * Loads the default graph (with `demo`, the fictional demo set too) when the graph is empty; returns whether it did.
 * Start-up work: not bound by TG_TX_TIMEOUT_SECONDS.
 */
export async function seedIfEmpty(db: Database, opts: { demo?: boolean } = {}): Promise<boolean> {
  const startUp = db.startUp();
  const [{ n }] = await startUp.read('MATCH (n:Entity) RETURN count(n) AS n LIMIT 1');
  if ((n as number) > 0) return false;
  const result = await importDocument(startUp, readDefaultGraph(opts));
  if (!result.ok) {
    throw new Error(`The seeds are invalid:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
  return true;
}

/**
 * `db` may still be connecting (main.ts starts the embedded Neo4j first): Apollo builds its schema meanwhile. Logs
 * the time each step took, so a slow start shows where it went.
 */
export async function startApp(db: Database | Promise<Database>, config: Config, logger: Logger): Promise<App> {
  const began = performance.now();
  const since = () => Math.round(performance.now() - began);
  let ready = false;
  let stopping = false;
  const keys = new KeyStore(config.auth, (msg) => logger.warn(msg));
  const metrics = new Metrics();
  const apollo = createApollo(logger, config, metrics);
  const apolloStarted = apollo.start();
  apolloStarted.catch(() => undefined); // awaited below; a failure of the database first must not go unhandled
  let database: Database;
  let unobserve = () => undefined as void;
  try {
    database = await db;
    unobserve = database.observe(metrics.dbObserver(isUnavailableError));
    await migrate(database);
    logger.info({ ms: since() }, 'schema up to date');
    if (config.seedOnStart && (await seedIfEmpty(database, { demo: config.seedDemo }))) {
      logger.info(
        { ms: since() },
        config.seedDemo
          ? 'loaded the seeds and the fictional demo set into the empty database'
          : 'loaded the seeds into the empty database',
      );
    }
    await apolloStarted;
  } catch (e) {
    unobserve();
    await apolloStarted.then(
      () => apollo.stop(),
      () => undefined,
    );
    throw e;
  }
  const server = createHttpServer({
    apollo,
    db: database,
    config,
    logger,
    keys,
    metrics,
    ready: () => ready,
    stopping: () => stopping,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { beforeReady, afterReady } = warmUpPlan(config.warmUp);
  if (beforeReady.length || afterReady.length) {
    // Callers' GraphQL requests being answered: the warm-up waits for them before each of its operations.
    let answering = 0;
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.startsWith('/graphql')) return;
      answering += 1;
      res.once('close', () => {
        answering -= 1;
      });
    });
    // The log line that ends the whole warm-up is `warmed up the example operations` (scripts/measure-start.mjs).
    const warm = (operations: Example[], msg: string) =>
      warmUp(apollo, database, config, logger, {
        operations,
        stopping: () => stopping,
        busy: () => answering > 0,
      }).then((r) => {
        if (!stopping) logger.info({ ms: since(), took: r.ms, operations: r.operations, failed: r.failed }, msg);
      });
    // Listening already (/healthz answers); /readyz says ready once these are warm.
    const done = 'warmed up the example operations';
    if (beforeReady.length) await warm(beforeReady, afterReady.length ? 'warmed up before ready' : done);
    // After ready the rest begins a second later: a caller who asks at once (a script, a load balancer's first
    // request) then has the server to itself, and the warm-up waits for that answer. It stops before its next
    // operation once the app stops; the one under way fails when the driver closes.
    if (afterReady.length) {
      void new Promise((r) => setTimeout(r, 1000).unref()).then(() => warm(afterReady, done));
    }
  }
  ready = true;
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  if (!config.auth.anonymousReads && keys.size === 0) {
    logger.warn(
      'anonymous reads are off and no API key is configured: every request will be refused (npm run key -- --role reader)',
    );
  }
  let stopped: Promise<void> | undefined;
  return {
    server,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    metrics,
    keys,
    stop() {
      stopped ??= (async () => {
        ready = false;
        stopping = true; // responses from now on close their connections
        // Stop accepting; idle keep-alive connections close now, busy ones after their response.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const grace = setTimeout(() => {
          logger.warn(
            { graceMs: config.shutdownGraceMs },
            'in-flight requests did not finish in time; closing their connections',
          );
          server.closeAllConnections();
        }, config.shutdownGraceMs);
        grace.unref();
        await closed;
        clearTimeout(grace);
        await apollo.stop();
        unobserve();
      })();
      return stopped;
    },
  };
}
