// The floor served over HTTP, so autocannon measures it the same way as the API: a bare node:http server that
// takes POST /<workload> with a JSON body {"variables": {...}}, runs that workload's one Cypher statement
// (bench/floor.ts) through neo4j-driver and answers {"data": ..., "extensions": {"dbRoundTrips": 1}}.
// Started as a child process by bench/run.ts; prints "FLOOR_READY <port>". Settings: NEO4J_URI, NEO4J_USER,
// NEO4J_PASSWORD, NEO4J_DATABASE.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { FLOOR, runFloor } from './floor.js';
import type { WorkloadId } from './workloads.js';

const database = process.env.NEO4J_DATABASE ?? 'neo4j';
const driver = neo4j.driver(
  process.env.NEO4J_URI!,
  neo4j.auth.basic(process.env.NEO4J_USER ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
  {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
  },
);

const server = createServer(async (req, res) => {
  try {
    const id = (req.url ?? '/').slice(1) as WorkloadId;
    if (req.method !== 'POST' || !(id in FLOOR)) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const data = await runFloor(driver, database, id, body.variables ?? {});
    const text = JSON.stringify({ data, extensions: { dbRoundTrips: 1 } });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  } catch (e) {
    const text = JSON.stringify({ errors: [{ message: (e as Error).message }] });
    res.writeHead(500, { 'content-type': 'application/json' }).end(text);
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`FLOOR_READY ${(server.address() as AddressInfo).port}\n`);
});
process.stdin.on('end', () => process.exit(0)); // the bench went away
process.stdin.resume();
process.on('SIGTERM', () => {
  server.close();
  void driver.close().then(() => process.exit(0));
});
