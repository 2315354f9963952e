// Puts the service together on a database: schema migrations, seeds into an empty graph, Apollo, HTTP.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Database } from './db/driver.js';
import { migrate } from './db/migrations.js';
import { importDocument } from './import/index.js';
import { readSeeds } from './import/seeds.js';
import { createApollo } from './server/apollo.js';
import { createHttpServer } from './server/http.js';
import type { Logger } from './server/log.js';

export interface App {
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/** Loads the seeds when the graph is empty; returns whether it did. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [{ n }] = await db.read('MATCH (n:Entity) RETURN count(n) AS n LIMIT 1');
  if ((n as number) > 0) return false;
  const result = await importDocument(db, readSeeds());
  if (!result.ok) {
    throw new Error(`The seeds are invalid:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  }
  return true;
}

export async function startApp(db: Database, config: Config, logger: Logger): Promise<App> {
  let ready = false;
  await migrate(db);
  if (config.seedOnStart && (await seedIfEmpty(db))) logger.info('loaded the seeds into the empty database');
  const apollo = createApollo(logger, config);
  await apollo.start();
  const server = createHttpServer({ apollo, db, config, logger, ready: () => ready });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  ready = true;
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    server,
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    async stop() {
      ready = false;
      // Stop accepting, let in-flight requests finish, then stop Apollo.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
