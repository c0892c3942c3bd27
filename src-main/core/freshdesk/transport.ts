// One HTTP exchange with a helpdesk over node:http/https with keep-alive agents.
// `*.localhost` hosts (the built-in sandbox) resolve to loopback; nothing else is special-cased.
// Basic auth is built here (once per key, kept only in this module) and never leaves it.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import dns from 'node:dns';

/** Where requests go: an origin parsed once (see parseOrigin), not a URL object per call. */
export interface TransportOrigin {
  https: boolean;
  /** without IPv6 brackets, as node:http wants it */
  hostname: string;
  /** undefined for the scheme's default port */
  port: number | undefined;
}

export interface TransportRequest {
  method: string;
  origin: TransportOrigin;
  /** path and query string, e.g. `/api/v2/tickets?page=2` */
  path: string;
  apiKey: string;
  body?: string;
  signal?: AbortSignal;
  timeoutMs: number;
}

export type TransportResult =
  | { kind: 'response'; status: number; headers: Record<string, string>; bodyText: string }
  | {
      kind: 'failure';
      failure: 'network' | 'timeout' | 'aborted';
      /** true when the request (headers and body) may have reached the server */
      mayHaveBeenReceived: boolean;
      code?: string;
      message: string;
    };

const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options && (options as dns.LookupOptions).all) {
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    } else {
      callback(null, '127.0.0.1', 4);
    }
    return;
  }
  dns.lookup(hostname, options, callback);
};

/** Parses an http(s) origin once; callers keep the answer (the client caches it per origin). */
export function parseOrigin(origin: string): TransportOrigin {
  const u = new URL(origin);
  const hostname = u.hostname.startsWith('[') && u.hostname.endsWith(']') ? u.hostname.slice(1, -1) : u.hostname;
  return { https: u.protocol === 'https:', hostname, port: u.port === '' ? undefined : Number(u.port) };
}

/** Basic auth (`key:X`), built once per key: a few keys per process, so a small map. */
const AUTH_CACHE_LIMIT = 64;
const authCache = new Map<string, string>();
function basicAuth(apiKey: string): string {
  let v = authCache.get(apiKey);
  if (v === undefined) {
    v = 'Basic ' + Buffer.from(`${apiKey}:X`).toString('base64');
    if (authCache.size >= AUTH_CACHE_LIMIT) authCache.clear();
    authCache.set(apiKey, v);
  }
  return v;
}

const NETWORK_CODES_NOT_SENT = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

export interface Transport {
  send(req: TransportRequest): Promise<TransportResult>;
  /** closes idle keep-alive sockets; later sends open new ones */
  close(): void;
}

/** One set of keep-alive agents. Each client owns its own, so closing one core never breaks another. */
export function createTransport(): Transport {
  // Free sockets are dropped after 4 s, before a typical server's 5 s keep-alive timeout, so a
  // write is not sent on a socket the server is closing (that would make its outcome uncertain).
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16, timeout: 4_000, lookup: loopbackLookup } as http.AgentOptions);
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16, timeout: 4_000 });
  return {
    send: (req) => sendWith(req, req.origin.https ? httpsAgent : httpAgent),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

const shared = createTransport();

/** Sends over a process-wide transport (kept for callers outside a client). */
export function send(req: TransportRequest): Promise<TransportResult> {
  return shared.send(req);
}

function sendWith(req: TransportRequest, agent: http.Agent): Promise<TransportResult> {
  return new Promise((resolve) => {
    const mod = req.origin.https ? https : http;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: basicAuth(req.apiKey),
      'User-Agent': 'TriageDesk/0.1',
    };
    if (req.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    }
    let settled = false;
    let requestFlushed = false;
    const finish = (r: TransportResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    // Cancelled before anything was sent: open no request. (Destroying one before its 'error'
    // listener below is attached throws "socket hang up" out of the process.)
    if (req.signal?.aborted) {
      resolve({ kind: 'failure', failure: 'aborted', mayHaveBeenReceived: false, message: 'Cancelled.' });
      return;
    }
    // Plain options (no URL object to convert on every call): the origin was parsed once.
    const options: http.RequestOptions = {
      protocol: req.origin.https ? 'https:' : 'http:',
      hostname: req.origin.hostname,
      port: req.origin.port,
      path: req.path,
      method: req.method,
      headers,
      agent,
    };
    const clientReq = mod.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // node already lower-cases incoming header names; only a repeated header (an array)
        // needs a copy, so the usual answer's headers are used as node parsed them
        const h = res.headers;
        let flat = h as Record<string, string>;
        for (const k in h) {
          if (typeof h[k] !== 'string') {
            flat = flatHeaders(h);
            break;
          }
        }
        const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        finish({ kind: 'response', status: res.statusCode ?? 0, headers: flat, bodyText: body });
      });
      const broken = (code?: string) =>
        finish({
          kind: 'failure',
          failure: 'network',
          mayHaveBeenReceived: true,
          code,
          message: 'The connection broke while reading the answer.',
        });
      res.on('error', (err: NodeJS.ErrnoException) => broken(err.code));
      res.on('close', () => {
        if (!res.complete) broken('ECONNRESET');
      });
    });
    const timer = setTimeout(() => {
      finish({
        kind: 'failure',
        failure: 'timeout',
        mayHaveBeenReceived: requestFlushed,
        message: `No answer within ${formatDuration(req.timeoutMs)}.`,
      });
      clientReq.destroy();
    }, req.timeoutMs);
    const onAbort = () => {
      finish({ kind: 'failure', failure: 'aborted', mayHaveBeenReceived: requestFlushed, message: 'Cancelled.' });
      clientReq.destroy();
    };
    if (req.signal?.aborted) {
      onAbort();
      return;
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    clientReq.on('error', (err: NodeJS.ErrnoException) => {
      const notSent = err.code !== undefined && NETWORK_CODES_NOT_SENT.has(err.code);
      finish({
        kind: 'failure',
        failure: 'network',
        mayHaveBeenReceived: !notSent && requestFlushed,
        code: err.code,
        message: describeNetworkError(err.code),
      });
    });
    clientReq.end(req.body, () => {
      requestFlushed = true;
    });
  });
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return flat;
}

function describeNetworkError(code: string | undefined): string {
  switch (code) {
    case 'ENOTFOUND':
      return 'The helpdesk address could not be found (DNS).';
    case 'EAI_AGAIN':
      return 'DNS lookup failed; check your internet connection.';
    case 'ECONNREFUSED':
      return 'The helpdesk refused the connection.';
    case 'ECONNRESET':
      return 'The connection was reset.';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return 'The network is unreachable; check your internet connection.';
    default:
      return `Network error${code ? ` (${code})` : ''}.`;
  }
}

export function closeTransport(): void {
  shared.close();
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
