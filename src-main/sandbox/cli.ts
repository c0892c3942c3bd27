import { startSandbox } from './index.js';

/**
 * `npm run sandbox -- --port 0 --seed 42 [--host 127.0.0.1] [--tickets 200] [--window-ms 60000]`
 * Prints one JSON line ({ url, accounts }) first, then serves until SIGINT/SIGTERM.
 */
function parseArgs(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq !== -1) out[arg.slice(2, eq)] = arg.slice(eq + 1);
    else {
      out[arg.slice(2)] = argv[i + 1] ?? '';
      i++;
    }
  }
  return out;
}

function intArg(args: Record<string, string>, name: string, fallback: number): number {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer\n`);
    process.exit(2);
  }
  return n;
}

const args = parseArgs(process.argv.slice(2));
const sandbox = await startSandbox({
  port: intArg(args, 'port', 0),
  host: args.host ?? '127.0.0.1',
  seed: intArg(args, 'seed', 42),
  ticketsPerAccount: intArg(args, 'tickets', 200),
  windowMs: intArg(args, 'window-ms', 60_000),
});
process.stdout.write(JSON.stringify({ url: sandbox.url, accounts: sandbox.accounts }) + '\n');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
