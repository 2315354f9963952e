// `npm run db:init`: the schema migrations, and the seeds when the graph is empty (with TG_SEED_DEMO=true, the
// fictional demo set too). Run it once, as a one-off job, before starting (or rolling out) API replicas with
// TG_SEED_ON_START=false: N instances starting at once then never race to create indexes or to load the seeds
// (docker-compose.yml's `init` service does this).
import { seedIfEmpty } from '../app.js';
import { loadConfig } from '../config.js';
import { runWithDatabase } from './run.js';

await runWithDatabase(async (db) => {
  const seeded = await seedIfEmpty(db, { demo: loadConfig().seedDemo });
  process.stdout.write(
    seeded
      ? 'migrated; loaded the seeds into the empty graph\n'
      : 'migrated; the graph is not empty, so the seeds were left alone\n',
  );
  return 0;
});
