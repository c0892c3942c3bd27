// Triage rig helpers: a colleague's change straight to the sandbox. Scripting propose_triage
// lives in test/fakes/triage.ts.
import http from 'node:http';
import type { World } from '../chat/setup';

/** PUT straight to the sandbox with an agent's key: a colleague's change. */
export async function rawFreshdeskPut(world: World, subdomain: string, apiKey: string, path: string, body: unknown): Promise<number> {
  const url = new URL(path, world.sandbox.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'PUT',
        headers: {
          host: `${subdomain}.localhost:${world.sandbox.port}`,
          authorization: `Basic ${Buffer.from(`${apiKey}:X`).toString('base64')}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
