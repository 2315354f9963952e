// Starts the embedded Neo4j (neo4j/src/EmbeddedNeo4j.java on the jars scripts/setup.mjs fetched) as a child
// JVM, waits until Bolt answers, and makes sure it stops with us: on stop(), on exit, on Ctrl-C/SIGTERM,
// and, because the JVM watches its stdin, even when this process is killed outright.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { NO_ARCHIVE, neo4jClassPath, planClassArchive } from './class-archive.js';

export interface EmbeddedOptions {
  dataDir: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  /** 'quick': C1 only (-XX:TieredStopAtLevel=1), a cheaper start but slower hot code; default 'full'. */
  jit?: 'quick' | 'full';
  txTimeoutSeconds: number;
  /** How long a transaction waits for a bookmark the database has not reached (default 3000; Neo4j's own is 30 s,
   *  which let one forged bookmark hold a pooled connection that long). */
  bookmarkTimeoutMs?: number;
  /** The password to set; default: a fresh random one at each start (restarting with the same one keeps
   *  a running API's driver able to reconnect). */
  password?: string;
  /** Where scripts/setup.mjs put the jars and the compiled launcher. */
  cacheDir?: string;
  /** Where the JVM's class-data sharing archive is kept (class-archive.ts); default `<cacheDir>/cds`, false = none. */
  classArchiveDir?: string | false;
  /** A folder of plugin jars (the bench's APOC): put on the classpath, where Neo4j finds a plugin's extensions, and
   *  made the plugin folder, where it finds its procedures. */
  plugins?: string;
  /** Procedure patterns allowed full access (dbms.security.procedures.unrestricted), e.g. ['apoc.*']. */
  unrestrictedProcedures?: string[];
  log?: (line: string) => void;
  /** Told of each step of the JVM's start as it is done (`ms` after the JVM's own start): where a slow start went. */
  onPhase?: (what: string, ms: number) => void;
}

export interface EmbeddedNeo4j {
  uri: string;
  user: string;
  password: string;
  pid: number;
  stop(): Promise<void>;
}

const READY = /^NEO4J_READY (bolt:\/\/\S+)/m;
const PHASE = /^NEO4J_PHASE (\d+) (.+)$/;
/** The launcher's exit code when another process holds the store's lock. */
const STORE_IN_USE = 3;

/** Folders 0700 and files 0600 under `dir` (symbolic links left alone). */
function ownerOnly(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) ownerOnly(path);
    else if (entry.isFile() && (lstatSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  }
}

export async function startEmbeddedNeo4j(opts: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const cache = opts.cacheDir ?? process.env.TG_NEO4J_CACHE ?? join(PROJECT_ROOT, '.neo4j');
  const classPath = neo4jClassPath(cache);
  if (!classPath) {
    throw new Error(
      `The embedded Neo4j is not installed in ${cache}. Run "npm run setup" (npm install does it), or set NEO4J_URI.`,
    );
  }
  // Plugins go after the archived entries: CDS accepts a class path that extends the recorded one.
  const entries = [...classPath.entries, ...(opts.plugins ? [join(opts.plugins, '*')] : [])];
  const archive =
    opts.classArchiveDir === false
      ? NO_ARCHIVE
      : planClassArchive(classPath, opts.classArchiveDir ?? join(cache, 'cds'));
  const home = join(opts.dataDir, 'neo4j');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  // The store holds the whole graph and the system database: owner only, also for stores made by older versions.
  chmodSync(opts.dataDir, 0o700);
  ownerOnly(home);
  // A fresh password each start unless one is given: it never needs storing. The launcher makes it the store's
  // password before Bolt accepts a connection (the initial password of a fresh store; see EmbeddedNeo4j.java).
  const password = opts.password ?? randomBytes(18).toString('base64url');
  // The JVM inherits the umask at spawn: every file Neo4j creates is then 0600 and every folder 0700.
  const umask = process.umask(0o077);
  let child: ChildProcess;
  try {
    child = spawnJava();
  } finally {
    process.umask(umask);
  }
  function spawnJava(): ChildProcess {
    return spawn(
      'java',
      [
        `-Xmx${opts.heap}`, // no -Xms: an idle server should not hold its whole heap
        '-XX:+UseSerialGC', // two cores: a parallel collector only competes with the API for them
        '-XX:+ExitOnOutOfMemoryError',
        // C1 only (TG_NEO4J_JIT=quick): the C2 compiler's threads compete with a start and its first plans for two
        // cores (a third less CPU until ready), but hot analysis statements then run 2-3 times slower.
        ...(opts.jit === 'quick' ? ['-XX:TieredStopAtLevel=1'] : []),
        ...archive.args,
        '-Dfile.encoding=UTF-8',
        '-cp',
        entries.join(delimiter),
        'EmbeddedNeo4j',
      ],
      {
        env: {
          ...process.env,
          TG_NEO4J_HOME: home,
          TG_NEO4J_PORT: String(opts.boltPort),
          TG_NEO4J_PAGECACHE: opts.pageCache,
          TG_NEO4J_TX_TIMEOUT: String(opts.txTimeoutSeconds),
          TG_NEO4J_BOOKMARK_TIMEOUT_MS: String(opts.bookmarkTimeoutMs ?? 3000),
          TG_NEO4J_PASSWORD: password,
          TG_NEO4J_PLUGINS: opts.plugins ?? '',
          TG_NEO4J_PROCEDURES_UNRESTRICTED: (opts.unrestrictedProcedures ?? []).join(','),
        },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
  }
  const stopOnExit = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', stopOnExit);
  child.once('exit', () => archive.finish());

  const uri = await new Promise<string>((resolveReady, reject) => {
    let out = '';
    let err = '';
    let seen = 0; // characters of `out` whose lines were looked at
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const end = out.lastIndexOf('\n') + 1;
      for (const line of out.slice(seen, end).split('\n')) {
        const p = PHASE.exec(line);
        if (p) opts.onPhase?.(p[2], Number(p[1]));
      }
      seen = Math.max(seen, end);
      const m = READY.exec(out);
      if (m) resolveReady(m[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => {
      err = (err + c.toString()).slice(-4000);
    });
    child.once('error', (e) => reject(new Error(`Could not start java for the embedded Neo4j: ${e.message}`)));
    child.once('exit', (code) => {
      if (code === STORE_IN_USE) {
        reject(
          new Error(
            `The Neo4j store in ${home} is in use by another process (another "npm start" or test run on the same data folder?). Stop it, or set TG_DATA_DIR to another folder.`,
          ),
        );
      } else {
        reject(new Error(`The embedded Neo4j exited (code ${code}) before it was ready.\n${err}${out}`));
      }
    });
  });
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  child.stderr!.removeAllListeners('data');
  child.stderr!.on('data', (c: Buffer) => opts.log?.(c.toString().trimEnd()));

  let stopping: Promise<void> | undefined;
  return {
    uri,
    user: 'neo4j',
    password,
    pid: child.pid!,
    stop() {
      stopping ??= new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        // Recording the class archive at exit adds seconds to the first stop.
        const killer = setTimeout(() => child.kill('SIGKILL'), archive.recording ? 60_000 : 20_000);
        child.once('exit', () => {
          clearTimeout(killer);
          process.off('exit', stopOnExit);
          done();
        });
        child.kill('SIGTERM');
      });
      return stopping;
    },
  };
}
