import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { basic, repoRoot, type Loose } from './helpers.js';

// `npm run sandbox -- --port 0 --seed 42` (= tsx src-main/sandbox/cli.ts): first stdout line is
// one JSON object { url, accounts }, and the process stops cleanly on SIGTERM / SIGINT.

/** `viaBinary`: node_modules/.bin/tsx as `npm run sandbox` does; otherwise node --import tsx. */
function startCli(viaBinary: boolean) {
  const cmd = viaBinary ? path.join(repoRoot, 'node_modules', '.bin', 'tsx') : process.execPath;
  const argv = [...(viaBinary ? [] : ['--import', 'tsx']), 'src-main/sandbox/cli.ts', '--port', '0', '--seed', '42'];
  const child = spawn(cmd, argv, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const firstLine = new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  return { child, firstLine, exited };
}

describe('sandbox CLI', () => {
  it('prints { url, accounts } first, serves, exits 0 on SIGTERM and SIGINT; same seed, same keys', async () => {
    const viaBinary = startCli(true);
    const viaNode = startCli(false);
    try {
      const [info, other] = (await Promise.all([viaBinary.firstLine, viaNode.firstLine])).map((l) => JSON.parse(l));
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.accounts.map((a: Loose) => [a.subdomain, a.plan])).toEqual([
        ['acme', 'trial'],
        ['globex', 'growth'],
      ]);
      const admin = info.accounts[0].agents[0];
      expect(admin).toMatchObject({ role: 'Account Administrator', ticketScope: 1, email: expect.stringMatching(/@acme\.example$/) });
      for (const k of ['id', 'name', 'email', 'role', 'ticketScope', 'apiKey']) expect(admin).toHaveProperty(k);
      const r = await fetch(`${info.url}/api/v2/agents/me`, { headers: { Authorization: basic(admin.apiKey) } });
      expect(r.status).toBe(200);
      expect(((await r.json()) as { id: number }).id).toBe(admin.id);
      expect(other.accounts[0].agents.map((x: Loose) => x.apiKey)).toEqual(info.accounts[0].agents.map((x: Loose) => x.apiKey));
    } finally {
      viaBinary.child.kill('SIGTERM');
      viaNode.child.kill('SIGINT');
    }
    expect(await viaBinary.exited).toEqual({ code: 0, signal: null });
    expect(await viaNode.exited).toEqual({ code: 0, signal: null });
  }, 20_000);
});
