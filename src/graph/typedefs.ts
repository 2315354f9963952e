// The SDL of schema/*.graphql, and what the code-defined parts of the schema take from it: the custom scalars'
// descriptions and @specifiedBy URLs, so that the running schema says what schema.graphql says (resolvers that
// are GraphQLScalarType objects replace the SDL's scalars whole).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ConstValueNode } from 'graphql';
import { PROJECT_ROOT } from '../config.js';

export function loadTypeDefs(dir = join(PROJECT_ROOT, 'schema')): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

export interface ScalarDoc {
  description: string | undefined;
  specifiedByURL: string | undefined;
}

function stringValue(v: ConstValueNode | undefined): string | undefined {
  return v?.kind === Kind.STRING ? v.value : undefined;
}

/** Each custom scalar's description and @specifiedBy URL as the SDL declares them. */
export function scalarDocs(sdl = loadTypeDefs()): Record<string, ScalarDoc> {
  const docs: Record<string, ScalarDoc> = {};
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.SCALAR_TYPE_DEFINITION) continue;
    const specifiedBy = def.directives?.find((d) => d.name.value === 'specifiedBy');
    docs[def.name.value] = {
      description: def.description?.value,
      specifiedByURL: stringValue(specifiedBy?.arguments?.find((a) => a.name.value === 'url')?.value),
    };
  }
  return docs;
}
