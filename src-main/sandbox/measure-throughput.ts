import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Measures GET /api/v2/tickets/:id per second against a sandbox in its own process, from one
 * keep-alive client (one connection, requests back to back), then with a few connections.
 *   npx tsx src-main/sandbox/measure-throughput.ts [--seconds 5] [--connections 4]
 */

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const seconds = arg('seconds', 5);
const connections = arg('connections', 4);

const here = path.dirname(fileURLToPath(import.meta.url));
const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'cli.ts'), '--port', '0', '--seed', '42'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
const info = JSON.parse(line) as { url: string; accounts: { agents: { apiKey: string }[]; fixtures: { richTicketId: number } }[] };
const url = new URL(info.url);
const account = info.accounts[0]!;
const auth = `Basic ${Buffer.from(`${account.agents[0]!.apiKey}:X`).toString('base64')}`;

function request(agent: http.Agent, method: string, p: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: p,
        agent,
        headers: {
          Authorization: auth,
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Server CPU time in ms (Linux /proc; undefined elsewhere). */
function serverCpuMs(): number | undefined {
  try {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function run(conns: number): Promise<{ perSecond: number; count: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
  const target = `/api/v2/tickets/${account.fixtures.richTicketId}`;
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const status = await request(agent, 'GET', target);
      if (status !== 200) throw new Error(`unexpected status ${status}`);
      count++;
    }
  };
  const start = Date.now();
  await Promise.all(Array.from({ length: conns }, worker));
  agent.destroy();
  return { perSecond: count / ((Date.now() - start) / 1000), count };
}

try {
  const setup = new http.Agent({ keepAlive: false });
  await request(setup, 'PUT', '/_sandbox/accounts/acme/limits', JSON.stringify({ perMinute: 1_000_000_000 }));
  const warm = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 1000; i++) await request(warm, 'GET', `/api/v2/tickets/${account.fixtures.richTicketId}`);
  warm.destroy();
  const cpuBefore = serverCpuMs();
  const single = await run(1);
  const cpuAfter = serverCpuMs();
  const multi = await run(connections);
  let cpu = '';
  if (cpuBefore !== undefined && cpuAfter !== undefined) {
    const perRequest = (cpuAfter - cpuBefore) / single.count;
    cpu = `; server CPU ${(perRequest * 1000).toFixed(0)} µs/request (≈${(1000 / perRequest).toFixed(0)} req/s per core)`;
  }
  process.stdout.write(
    `GET /api/v2/tickets/:id — 1 keep-alive connection: ${single.perSecond.toFixed(0)} req/s; ${connections} connections: ${multi.perSecond.toFixed(0)} req/s${cpu}\n`,
  );
} finally {
  child.kill('SIGTERM');
}
