// What a web page in someone's browser may make this server do, in one place:
//  - Host allowlist (TG_ALLOWED_HOSTS): a DNS-rebinding page (attacker.example resolving to 127.0.0.1) is
//    same-origin to the browser, so CORS does not stop it; only the Host header it must send gives it away.
//    IP literals are always allowed (rebinding needs a name); /healthz and /readyz are exempt, so a load
//    balancer may probe by any name (they answer no data and change nothing).
//  - Origin check: a request other than GET/HEAD/OPTIONS (a POST, so a mutation or a non-simple read) from a
//    browser origin that is neither this server's own nor in TG_CORS_ORIGINS is refused, whoever the caller is.
//  - CORS response headers for the origins of TG_CORS_ORIGINS.
//  - Apollo's CSRF prevention (server/hardening.ts, csrfPrevention) refuses "simple" requests a form or an <img>
//    could send without a preflight; with the two checks above it is the whole defence against hostile pages.
//  - Security headers on every response: nosniff, no framing (so the playground cannot be framed with an
//    operation preloaded through ?query=), no referrer, and a Content-Security-Policy: 'none' for API answers,
//    'self' for the playground and explorer pages, which load nothing from elsewhere.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface Refusal {
  status: number;
  message: string;
  code: string;
}

export const CORS_ALLOW_HEADERS =
  'authorization, content-type, accept, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-neo4j-bookmark';
export const CORS_EXPOSE_HEADERS = 'x-request-id, x-neo4j-bookmark, retry-after';

/** Paths a load balancer probes; exempt from the Host check. */
const PROBES = new Set(['/healthz', '/readyz']);

/** The name in a Host header, lowercased, without port, brackets or a trailing dot. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.includes(']') ? h.slice(1, h.indexOf(']')) : '';
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

/** Whether a Host header names this server: an IP literal, or a name on the list (`*.x` covers x's subdomains). */
export function hostAllowed(host: string | undefined, allowed: readonly string[]): boolean {
  if (host === undefined) return true; // HTTP/1.0 without Host: not a browser, so not rebinding
  if (allowed.includes('*')) return true;
  const name = hostName(host);
  if (name === '' || isIP(name) !== 0) return name !== '';
  return allowed.some((a) => (a.startsWith('*.') ? name.endsWith(a.slice(1)) : name === hostName(a)));
}

/** Whether a browser Origin is this server's own: the host and port the browser addressed, in the Host header. */
function ownOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host.trim().toLowerCase();
  } catch {
    return false; // "null" (a sandboxed frame, a file) or garbage
  }
}

function originListed(origin: string, cors: readonly string[]): boolean {
  return cors.includes('*') || cors.includes(origin);
}

/** Why this request is refused before anything else runs, or undefined. */
export function refusal(
  req: IncomingMessage,
  path: string,
  allowedHosts: readonly string[],
  cors: readonly string[],
): Refusal | undefined {
  const host = req.headers.host;
  if (!PROBES.has(path) && !hostAllowed(host, allowedHosts)) {
    return {
      status: 421,
      code: 'HOST_NOT_ALLOWED',
      message:
        `This server does not answer to the host "${String(host).slice(0, 100)}" (a guard against DNS rebinding). ` +
        'Use localhost or an IP address, or add the name to TG_ALLOWED_HOSTS.',
    };
  }
  const origin = req.headers.origin;
  const method = (req.method ?? 'GET').toUpperCase();
  if (
    origin !== undefined &&
    method !== 'GET' &&
    method !== 'HEAD' &&
    method !== 'OPTIONS' &&
    !ownOrigin(origin, host) &&
    !originListed(origin, cors)
  ) {
    return {
      status: 403,
      code: 'FORBIDDEN',
      message: `Requests from the web origin "${origin.slice(0, 100)}" may only read with GET. Add it to TG_CORS_ORIGINS to allow it more.`,
    };
  }
  return undefined;
}

/** CORS headers for this request's origin (none when CORS is off or the origin is not allowed). */
export function corsHeaders(req: IncomingMessage, cors: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || cors.length === 0 || !originListed(origin, cors)) return {};
  return {
    'access-control-allow-origin': cors.includes('*') ? '*' : origin,
    'access-control-expose-headers': CORS_EXPOSE_HEADERS,
    ...(cors.includes('*') ? {} : { vary: 'Origin' }),
  };
}

/** On every response; an API answer (JSON, metrics text) is never a document to render or a frame to show. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** A CSP source allowing one inline <style> by its text. */
export function styleHash(css: string): string {
  return `sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}`;
}

/** For the playground and explorer pages: their own scripts, styles and API only. Fonts and icons are bundled as
 *  data: URLs. `styleHashes` (styleHash) allow known inline <style> elements, not every inline style. */
export function pageSecurityPolicy(styleHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${styleHashes.map((h) => ` '${h}'`).join('')}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
