// TG_NEO4J_JIT: which compilers the embedded Neo4j's JVM runs (src/db/embedded.ts passes them on; the embedded
// test sees them on the JVM's command line). Runs without a database.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('TG_NEO4J_JIT', () => {
  it('is full (C1 and C2) unless set, quick (C1 only) when asked, and refuses anything else naming the setting', () => {
    expect(loadConfig({}).neo4j.jit).toBe('full');
    expect(loadConfig({ TG_NEO4J_JIT: '' }).neo4j.jit).toBe('full');
    expect(loadConfig({ TG_NEO4J_JIT: 'quick' }).neo4j.jit).toBe('quick');
    expect(() => loadConfig({ TG_NEO4J_JIT: 'c2' })).toThrow(/TG_NEO4J_JIT must be one of full, quick, got "c2"/);
  });
});
