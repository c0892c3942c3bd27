// The baseline every core figure is compared against: a bare keep-alive HTTP client with no
// validation, no vault, no governor and no JSON parsing. It talks to the sandbox on loopback
// and names the helpdesk in the Host header, exactly as a `*.localhost` origin would.
import http from 'node:http';

export interface BareResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface BareClient {
  /** One request. `apiKey` adds Basic auth the way Freshdesk expects (`key:X`). */
  request(method: string, path: string, opts?: { apiKey?: string; body?: unknown; subdomain?: string }): Promise<BareResponse>;
  get(path: string, apiKey?: string): Promise<BareResponse>;
  close(): void;
}

export interface BareClientOptions {
  port: number;
  /** helpdesk named in the Host header; control routes work with any host */
  subdomain?: string;
  /** sockets kept open; 1 = one keep-alive connection used in turn */
  maxSockets?: number;
  /** default true; false for rare calls, which could otherwise meet a socket the server is just
   *  closing after its keep-alive timeout ("socket hang up") */
  keepAlive?: boolean;
}

export function basicAuth(apiKey: string): string {
  return 'Basic ' + Buffer.from(`${apiKey}:X`).toString('base64');
}

export function createBareClient(opts: BareClientOptions): BareClient {
  const agent = new http.Agent({ keepAlive: opts.keepAlive ?? true, maxSockets: opts.maxSockets ?? 1 });
  // Auth headers are built once per key, as any hand-written integration would.
  const authCache = new Map<string, string>();
  const auth = (key: string) => {
    let v = authCache.get(key);
    if (v === undefined) {
      v = basicAuth(key);
      authCache.set(key, v);
    }
    return v;
  };

  const request: BareClient['request'] = (method, path, ro = {}) =>
    new Promise<BareResponse>((resolve, reject) => {
      const sub = ro.subdomain ?? opts.subdomain;
      const headers: Record<string, string> = {
        Host: sub ? `${sub}.localhost:${opts.port}` : `127.0.0.1:${opts.port}`,
        Accept: 'application/json',
      };
      if (ro.apiKey !== undefined) headers.Authorization = auth(ro.apiKey);
      let payload: string | undefined;
      if (ro.body !== undefined) {
        payload = JSON.stringify(ro.body);
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(payload));
      }
      const req = http.request({ host: '127.0.0.1', port: opts.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });

  return {
    request,
    get: (path, apiKey) => request('GET', path, { apiKey }),
    close: () => agent.destroy(),
  };
}
