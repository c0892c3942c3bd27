// One HTTP exchange with a helpdesk over node:http/https with keep-alive agents.
// `*.localhost` hosts (the built-in sandbox) resolve to loopback; nothing else is special-cased.
// Basic auth is built here, at the last moment, and never leaves this function.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import dns from 'node:dns';

export interface TransportRequest {
  method: string;
  url: URL;
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
      (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
    } else {
      callback(null, '127.0.0.1', 4);
    }
    return;
  }
  dns.lookup(hostname, options, callback);
};

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16, lookup: loopbackLookup } as http.AgentOptions);
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16 });

const NETWORK_CODES_NOT_SENT = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

export function send(req: TransportRequest): Promise<TransportResult> {
  return new Promise((resolve) => {
    const isHttps = req.url.protocol === 'https:';
    const mod = isHttps ? https : http;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: 'Basic ' + Buffer.from(`${req.apiKey}:X`).toString('base64'),
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
    const clientReq = mod.request(
      req.url,
      { method: req.method, headers, agent: isHttps ? httpsAgent : httpAgent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined) flat[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          }
          finish({ kind: 'response', status: res.statusCode ?? 0, headers: flat, bodyText: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err: NodeJS.ErrnoException) =>
          finish({ kind: 'failure', failure: 'network', mayHaveBeenReceived: true, code: err.code, message: 'The connection broke while reading the answer.' }),
        );
      },
    );
    const timer = setTimeout(() => {
      finish({ kind: 'failure', failure: 'timeout', mayHaveBeenReceived: requestFlushed, message: `No answer within ${Math.round(req.timeoutMs / 1000)} s.` });
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
  httpAgent.destroy();
  httpsAgent.destroy();
}
