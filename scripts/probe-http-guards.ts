// Probes a running API (loopback only) for the HTTP-layer findings of issue 20: DNS rebinding (a foreign Host and
// Origin), security headers, and how a client that aborts mid-body is counted. Prints one line per check.
//   npx tsx scripts/probe-http-guards.ts http://127.0.0.1:4000
// For the write check, start the API with TG_ALLOW_WRITES=true. The mutation deletes a sector that does not exist,
// so it changes nothing either way.
import { request } from 'node:http';

const base = new URL(process.argv[2] ?? 'http://127.0.0.1:4000');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) throw new Error('loopback targets only');
const port = Number(base.port || 80);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** node:http, because fetch will not send a Host header of our choosing. */
function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends half a body, then drops the connection. */
function abortMidBody(): Promise<void> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ query: '{ technologies(first: 1) { nodes { id } } }' });
    const req = request({
      host: base.hostname,
      port,
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    req.on('error', () => resolve());
    req.write(body.slice(0, 10));
    setTimeout(() => {
      req.destroy();
      setTimeout(resolve, 50);
    }, 50);
  });
}

function outcome(a: Answer): string {
  let json: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> } | undefined;
  try {
    json = JSON.parse(a.text);
  } catch {
    /* not JSON */
  }
  const code = json?.errors?.[0]?.extensions?.code;
  return `${a.status}${json?.data ? ' with data' : ''}${code ? ` ${code}` : ''}`;
}

async function metricCount(pattern: RegExp): Promise<number> {
  const m = await send('GET', '/metrics', { host: base.host });
  let n = 0;
  for (const line of m.text.split('\n')) if (pattern.test(line)) n += Number(line.split(' ').pop());
  return n;
}

const attacker = `attacker.example:${port}`;
const query = JSON.stringify({ query: '{ technologies(first: 2) { nodes { id } } }' });
const mutation = JSON.stringify({
  query: 'mutation { deleteSector(input: {id: "sector:probe-does-not-exist"}) { deletedId } }',
});
const json = { 'content-type': 'application/json' };

const rebindRead = await send('POST', '/graphql', { ...json, host: attacker, origin: `http://${attacker}` }, query);
console.log(`rebinding read  (Host ${attacker}, same Origin): ${outcome(rebindRead)}`);
const rebindMetrics = await send('GET', '/metrics', { host: attacker });
console.log(
  `rebinding /metrics (Host ${attacker}):           ${rebindMetrics.status}, ${rebindMetrics.text.length} bytes`,
);
const rebindWrite = await send('POST', '/graphql', { ...json, host: attacker, origin: `http://${attacker}` }, mutation);
console.log(`rebinding mutation (Host ${attacker}):           ${outcome(rebindWrite)}`);
const foreignWrite = await send(
  'POST',
  '/graphql',
  { ...json, host: base.host, origin: 'https://evil.example' },
  mutation,
);
console.log(`foreign-Origin mutation (Host ${base.host}):     ${outcome(foreignWrite)}`);
const local = await send('POST', '/graphql', { ...json, host: `localhost:${port}` }, query);
console.log(`loopback read (Host localhost:${port}):           ${outcome(local)}`);

const page = await send('GET', '/playground', { host: base.host });
for (const h of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) {
  console.log(`/playground ${h}: ${page.headers[h] ?? '(none)'}`);
}
const api = await send('POST', '/graphql', { ...json, host: base.host }, query);
console.log(`/graphql x-content-type-options: ${api.headers['x-content-type-options'] ?? '(none)'}`);

const ABORTS = 20;
const before500 = await metricCount(/^techgraph_http_responses_total\{route="\/graphql",status="500"\}/);
const before499 = await metricCount(/^techgraph_http_responses_total\{route="\/graphql",status="499"\}/);
for (let i = 0; i < ABORTS; i++) await abortMidBody();
const after500 = await metricCount(/^techgraph_http_responses_total\{route="\/graphql",status="500"\}/);
const after499 = await metricCount(/^techgraph_http_responses_total\{route="\/graphql",status="499"\}/);
console.log(
  `${ABORTS} bodies aborted mid-way: counted as 500: ${after500 - before500}, as 499: ${after499 - before499}`,
);
