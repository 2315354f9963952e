// Decoders for the rows a statement returns. The driver hands back `unknown`s; a decoder states the shape the
// statement promises and checks it once, where the row arrives, so a statement changed without its reader fails
// at the field that no longer fits (an internal error naming it) instead of travelling on as a wrong value.

export type Decoder<T> = (value: unknown, at: string) => T;

/** The error of a row that does not have the promised shape: a defect of ours, never the caller's. */
export class RowShapeError extends Error {
  constructor(at: string, expected: string, value: unknown) {
    super(
      `statement row: ${at} should be ${expected}, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`,
    );
    this.name = 'RowShapeError';
  }
}

function check<T>(expected: string, test: (v: unknown) => boolean): Decoder<T> {
  return (value, at) => {
    if (!test(value)) throw new RowShapeError(at, expected, value);
    return value as T;
  };
}

export const num: Decoder<number> = check('a number', (v) => typeof v === 'number' && !Number.isNaN(v));
export const str: Decoder<string> = check('a string', (v) => typeof v === 'string');
export const bool: Decoder<boolean> = check('a boolean', (v) => typeof v === 'boolean');
/** A map of the statement's own making (`properties(n)`, `{a: ...}`), whose fields its readers take as they are. */
export const map: Decoder<Record<string, unknown>> = check(
  'a map',
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
);

/** `decoder`'s value, or null. */
export function nullable<T>(decoder: Decoder<T>): Decoder<T | null> {
  return (value, at) => (value === null || value === undefined ? null : decoder(value, at));
}

/** A list whose every element `decoder` accepts. */
export function list<T>(decoder: Decoder<T>): Decoder<T[]> {
  return (value, at) => {
    if (!Array.isArray(value)) throw new RowShapeError(at, 'a list', value);
    return value.map((v, i) => decoder(v, `${at}[${i}]`));
  };
}

/** One of the given strings (an enum the statement writes itself). */
export function oneOf<T extends string>(values: readonly T[]): Decoder<T> {
  return check(
    `one of ${values.join(', ')}`,
    (v) => typeof v === 'string' && (values as readonly string[]).includes(v),
  );
}

type Shape = Record<string, Decoder<unknown>>;
export type Decoded<S extends Shape> = { [K in keyof S]: S[K] extends Decoder<infer T> ? T : never };

/** A record with (at least) the fields of `shape`, each decoded; other fields are dropped. */
export function record<S extends Shape>(shape: S): Decoder<Decoded<S>> {
  return (value, at) => {
    const m = map(value, at);
    const out: Record<string, unknown> = {};
    for (const [key, decoder] of Object.entries(shape)) out[key] = decoder(m[key], `${at}.${key}`);
    return out as Decoded<S>;
  };
}

/** Decodes the row a statement named `name` returned. */
export function decodeRow<S extends Shape>(name: string, shape: S, row: unknown): Decoded<S> {
  return record(shape)(row, name);
}

/** A node's stored properties (`properties(n)` or a projection of them): its id at least. */
export type NodeProps = { id: string; provenance: string; sourceIds: string[]; [k: string]: unknown };
export const node: Decoder<NodeProps> = (value, at) => {
  const m = map(value, at);
  str(m.id, `${at}.id`);
  return m as NodeProps;
};

/**
 * A node's properties read by graph/projection.ts `cypherPropsOf`: the whole map (`props` null), or the values of
 * `props` in that order.
 */
export function projectedNode(props: readonly string[] | null): Decoder<NodeProps> {
  if (!props) return node;
  return (value, at) => {
    if (!Array.isArray(value) || value.length !== props.length) {
      throw new RowShapeError(at, `a list of the ${props.length} values of ${props.join(', ')}`, value);
    }
    return node(Object.fromEntries(props.map((p, i) => [p, value[i]])), at);
  };
}
