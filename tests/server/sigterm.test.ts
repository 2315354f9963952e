// `npm start` as it runs in production (NODE_ENV=production, as in the Dockerfile): SIGTERM stops it at once.
// Under NODE_ENV=test (vitest's) Apollo installs no signal handlers of its own, so only a child process with the
// production setting shows whether two stops wait on each other.
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

describe('the API process in production mode', () => {
  it('exits with code 0 on SIGTERM instead of hanging until its 60 s shutdown limit', async () => {
    const n = inject('neo4j');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEO4J_URI: n.uri,
        NEO4J_USER: n.user,
        NEO4J_PASSWORD: n.password ?? '',
        NEO4J_DATABASE: n.database,
        PORT: '0',
        HOST: '127.0.0.1',
        TG_SEED_ON_START: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (/GraphQL:\s+http/.test(out)) resolve();
        });
        child.stderr!.on('data', (c: Buffer) => {
          out += c.toString();
        });
        child.once('exit', (code) => reject(new Error(`exited (${code}) before it was ready:\n${out}`)));
      });
      const url = /GraphQL:\s+(http\S+)/.exec(out)![1];
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(res.status).toBe(200);
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      const code = await Promise.race([
        exited,
        new Promise<string>((r) => setTimeout(() => r('still running 30 s after SIGTERM'), 30_000)),
      ]);
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
