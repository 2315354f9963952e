// Shared by the command-line tools: settings, a database (the running service's embedded Neo4j, the one
// at NEO4J_URI, or a fresh embedded one), migrations, and a clean exit code.
import { loadConfig } from '../config.js';
import { connectShared } from '../db/connect.js';
import type { Database } from '../db/driver.js';
import { migrate } from '../db/migrations.js';

/** `migrate: false` for tools that only read (export): they must leave the database as they found it. */
export async function runWithDatabase(
  work: (db: Database) => Promise<number>,
  opts: { migrate?: boolean } = {},
): Promise<void> {
  const config = loadConfig();
  let code = 1;
  try {
    const conn = await connectShared(config, (m) => process.stderr.write(`${m}\n`));
    try {
      if (opts.migrate !== false) await migrate(conn.db);
      code = await work(conn.db);
    } finally {
      await conn.close();
    }
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n`);
  }
  process.exit(code);
}

export function usage(text: string): never {
  process.stderr.write(`${text}\n`);
  process.exit(2);
}
