// `npm start`: the database (embedded unless NEO4J_URI is set), the API and the playground, until Ctrl-C.
import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { createLogger } from './server/log.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const started = performance.now();

const conn = await connect(config, (msg) => logger.info(msg)).catch((e: Error) => {
  logger.fatal(e.message);
  process.exit(1);
});
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  app = await startApp(conn.db, config, logger);
} catch (e) {
  logger.fatal({ err: e }, 'could not start');
  await conn.close();
  process.exit(1);
}

logger.info({ ms: Math.round(performance.now() - started), neo4j: conn.embedded ? 'embedded' : config.neo4j.uri }, 'ready');
process.stdout.write(`\n  Playground: ${app.url}/playground\n  GraphQL:    ${app.url}/graphql\n\n`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 30_000);
  force.unref();
  await app?.stop();
  await conn.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
