// `npm start`: the database (embedded unless NEO4J_URI is set), the API and the playground, until Ctrl-C.
import type { App } from './app.js';
import { loadConfig } from './config.js';
import { connect, type Connection } from './db/connect.js';
import { createLogger } from './server/log.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const started = performance.now();
let conn: Connection | undefined;
let app: App | undefined;
let stopping = false;

// Graceful shutdown, also when a signal arrives while starting: stop accepting, finish in-flight requests,
// close the driver, stop the embedded Neo4j.
async function shutdown(reason: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ reason }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown took longer than 60 s; exiting now');
    process.exit(1);
  }, 60_000);
  force.unref();
  try {
    await app?.stop();
    await conn?.close();
  } catch (e) {
    logger.error({ err: e }, 'error while shutting down');
    code = 1;
  }
  logger.info('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  // The JVM first: it takes longest. The API's modules load and its schema is built while it starts.
  const connecting = connect(config, (msg) => logger.info(msg)).then((c) => {
    conn = c;
    logger.info({ ms: Math.round(performance.now() - started) }, 'database reachable');
    return c.db;
  });
  connecting.catch(() => undefined); // startApp awaits it and reports the failure
  const { startApp } = await import('./app.js');
  if (!stopping) app = await startApp(connecting, config, logger);
} catch (e) {
  logger.fatal({ err: e }, `could not start: ${(e as Error).message}`);
  await shutdown('start-up failed', 1);
}

if (app && !stopping) {
  logger.info(
    { ms: Math.round(performance.now() - started), neo4j: conn?.embedded ? 'embedded' : config.neo4j.uri },
    'ready',
  );
  process.stdout.write(`\n  Playground: ${app.url}/playground\n  GraphQL:    ${app.url}/graphql\n\n`);
}
