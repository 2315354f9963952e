// Class-data sharing for the embedded Neo4j's JVM (AppCDS, JDK 13+): the first start records the classes the JVM
// loaded (Neo4j's, the Cypher planner's) into an archive when it exits; later starts map that archive instead of
// reading, parsing and verifying some 20 000 classes from 200 jars again. The archive only holds for the exact
// class path (the same jars, same sizes and dates) and the exact JDK, so its name carries a hash of both: a new
// jar or JDK simply makes a new one, and the stale ones are deleted.
import { randomBytes, createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export interface ClassPath {
  /** The entries in order: the launcher, then Neo4j's jars sorted by name (a stable order, which CDS needs). */
  entries: string[];
  /** False when the launcher is a folder of classes (a cache from before launcher.jar): CDS needs jars only. */
  archivable: boolean;
}

/** The embedded Neo4j's class path in `cache` (scripts/setup.mjs), or undefined when it is not installed there. */
export function neo4jClassPath(cache: string): ClassPath | undefined {
  const lib = join(cache, 'lib');
  if (!existsSync(lib)) return undefined;
  const jars = readdirSync(lib)
    .filter((f) => f.endsWith('.jar'))
    .sort()
    .map((f) => join(lib, f));
  const jar = join(cache, 'launcher.jar');
  if (existsSync(jar)) return { entries: [jar, ...jars], archivable: true };
  const classes = join(cache, 'classes');
  if (existsSync(join(classes, 'EmbeddedNeo4j.class'))) return { entries: [classes, ...jars], archivable: false };
  return undefined;
}

/** The `java` that spawn('java') runs (first on PATH), followed to the JDK it belongs to; undefined if not found. */
function javaHome(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'java');
    if (existsSync(candidate)) {
      try {
        return dirname(dirname(realpathSync(candidate)));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * What the archive depends on: each class path entry with its size and date (CDS refuses a jar that changed), and
 * the JDK (its `release` file names the exact build). Undefined when the JDK cannot be identified.
 */
export function archiveKey(cp: ClassPath, home = javaHome()): string | undefined {
  if (!home) return undefined;
  let release: string;
  try {
    release = readFileSync(join(home, 'release'), 'utf8');
  } catch {
    return undefined;
  }
  const h = createHash('sha256').update(home).update('\0').update(release);
  for (const entry of cp.entries) {
    const st = statSync(entry);
    h.update('\0').update(entry).update(`:${st.size}:${st.mtimeMs}`);
  }
  return h.digest('hex').slice(0, 16);
}

export interface ArchivePlan {
  /** JVM options: -XX:SharedArchiveFile to use the archive, -XX:ArchiveClassesAtExit to record it, or none. */
  args: string[];
  /** Whether this JVM records the archive when it exits (which makes that exit slower). */
  recording: boolean;
  /** Call when the JVM has exited: a recorded archive takes its final name (the others go). */
  finish(): void;
}

export const NO_ARCHIVE: ArchivePlan = { args: [], recording: false, finish: () => undefined };

function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The archive options for a start with class path `cp`, the archive kept in `dir`. `key` is archiveKey(cp)
 * (a parameter so tests can give one). Nothing when the class path cannot be archived, the JDK is unknown, or
 * there is no archive yet and `dir` cannot be written.
 */
export function planClassArchive(
  cp: ClassPath,
  dir: string,
  key = cp.archivable ? archiveKey(cp) : undefined,
): ArchivePlan {
  if (!cp.archivable || !key) return NO_ARCHIVE;
  const archive = join(dir, `neo4j-${key}.jsa`);
  if (existsSync(archive))
    return { args: [`-XX:SharedArchiveFile=${archive}`], recording: false, finish: () => undefined };
  if (!writable(dir)) return NO_ARCHIVE;
  // A name of its own: two JVMs may record at once (a test run beside a server); the first to finish wins.
  const recording = `${archive}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  return {
    args: [`-XX:ArchiveClassesAtExit=${recording}`],
    recording: true,
    finish() {
      if (!existsSync(recording)) return; // killed outright, or the JDK could not record: the next start tries again
      try {
        if (existsSync(archive)) {
          rmSync(recording, { force: true });
          return;
        }
        renameSync(recording, archive);
        // Archives of other class paths or JDKs are of no use, nor recordings nobody renamed (their Node process was
        // killed; its JVM still recorded as it exited) once they are ten minutes old.
        for (const f of readdirSync(dir)) {
          const path = join(dir, f);
          const stale = f.endsWith('.jsa')
            ? path !== archive
            : f.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs > 600_000;
          if (f.startsWith('neo4j-') && stale) rmSync(path, { force: true });
        }
      } catch {
        rmSync(recording, { force: true }); // best effort: without an archive the JVM only starts slower
      }
    },
  };
}
