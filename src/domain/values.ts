// Checks one property value against the model (src/domain/model.ts). Shared by the import validator and the
// mutations, so a level of 120 or a country of "Korea" is refused with the same words everywhere.
import { COUNTRY_CODES } from './countries.js';
import type { PropType } from './model.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A message saying what is wrong with `value`, or null when it fits `type`. `value` is never null here. */
export function valueProblem(type: PropType, value: unknown): string | null {
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') return `must be a string, got ${describe(value)}`;
      if (value.trim() === '') return 'must not be empty';
      if (type.max !== undefined && value.length > type.max)
        return `must be at most ${type.max} characters, got ${value.length}`;
      return null;
    case 'url':
      if (typeof value !== 'string') return `must be an absolute http:// or https:// URL, got ${describe(value)}`;
      if (type.max !== undefined && value.length > type.max)
        return `must be at most ${type.max} characters, got ${value.length}`;
      if (!isHttpUrl(value)) return `must be an absolute http:// or https:// URL, got ${JSON.stringify(clip(value))}`;
      return null;
    case 'int':
    case 'float': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, got ${describe(value)}`;
      if (type.kind === 'int' && !Number.isInteger(value)) return `must be a whole number, got ${value}`;
      if (type.min !== undefined && value < type.min) return `must be at least ${type.min}, got ${value}`;
      if (type.max !== undefined && value > type.max) return `must be at most ${type.max}, got ${value}`;
      return null;
    }
    case 'year':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return `must be a year (a whole number), got ${describe(value)}`;
      if (value < MIN_YEAR || value > MAX_YEAR)
        return `must be a year between ${MIN_YEAR} and ${MAX_YEAR}, got ${value}`;
      return null;
    case 'krw':
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        return `must be a whole number of won, got ${describe(value)}`;
      if (value < 0) return `must not be negative, got ${value}`;
      return null;
    case 'bool':
      return typeof value === 'boolean' ? null : `must be true or false, got ${describe(value)}`;
    case 'date': {
      if (typeof value !== 'string') return `must be a date YYYY-MM-DD, got ${describe(value)}`;
      const m = DATE.exec(value);
      if (!m) return `must be a date YYYY-MM-DD, got "${clip(value)}"`;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const dt = new Date(Date.UTC(y, mo - 1, d));
      if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
        return `is not a calendar date: "${value}"`;
      if (y < MIN_YEAR || y > MAX_YEAR) return `must be a date between ${MIN_YEAR} and ${MAX_YEAR}, got "${value}"`;
      return null;
    }
    case 'country':
      if (typeof value !== 'string' || !COUNTRY_CODES.has(value)) {
        return `must be an ISO 3166-1 alpha-2 country code such as KR, US or DE, got ${typeof value === 'string' ? `"${clip(value)}"` : describe(value)}`;
      }
      return null;
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) {
        return `must be one of ${type.values.join(', ')}, got ${typeof value === 'string' ? `"${clip(value)}"` : describe(value)}`;
      }
      return null;
    case 'names': {
      if (!Array.isArray(value)) return `must be a list of names, got ${describe(value)}`;
      if (value.length > type.maxItems) return `must hold at most ${type.maxItems} names, got ${value.length}`;
      for (const [i, v] of value.entries()) {
        if (typeof v !== 'string' || v.trim() === '') return `[${i}] must be a non-empty name, got ${describe(v)}`;
        if (v.length > type.max) return `[${i}] must be at most ${type.max} characters, got ${v.length}`;
        if (v.includes(';')) return `[${i}] must not contain ";" (it separates names in CSV), got "${clip(v)}"`;
      }
      if (new Set(value).size !== value.length) return 'lists a name twice';
      return null;
    }
  }
}

/**
 * An absolute http(s) URL with a host, as written: the scheme and `//` at the very start and no whitespace or control
 * characters anywhere. The check is on the text itself because a URL parser (and a browser) drops leading spaces
 * and tabs inside the scheme (" javascript:", "java\tscript:") and resolves "http:host" against the page.
 */
export function isHttpUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
  if (!/^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(value)) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${clip(value)}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
