#!/usr/bin/env node
// `npm run test:db`: the two database layers side by side. `db` (the files sharing the run's Neo4j, one at a time)
// and `own` (the files that start a Neo4j of their own: the embedded server's tests, the outage test, the bench)
// never touch each other's database, so `own` need not wait for `db`; one vitest process cannot run them together
// (a project without file parallelism makes the whole run one worker), so they are two processes. Each line of
// output is prefixed with its layer; each layer writes its own JSON report; the exit code is the worse of the two.
// Arguments (e.g. test files) pass to both.
import { spawn } from 'node:child_process';

const extra = process.argv.slice(2);
const layers = ['db', 'own'];

function run(layer) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        'node_modules/vitest/vitest.mjs',
        'run',
        '--project',
        layer,
        `--outputFile.json=test-results/${layer}.json`,
        '--passWithNoTests',
        ...extra,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
    );
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = '';
      from.setEncoding('utf8');
      from.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        for (const line of lines) to.write(`[${layer}] ${line}\n`);
      });
      from.on('end', () => rest && to.write(`[${layer}] ${rest}\n`));
    }
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const codes = await Promise.all(layers.map(run));
process.exit(Math.max(...codes));
