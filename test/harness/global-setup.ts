// Runs once before the Playwright suite: refuse to start with a stale renderer build missing, or
// when the harness bridge, the preload list and the contract disagree about a channel.
import { contractDisagreements } from './agreement';
import { assertRendererBuilt } from '../../src-browser/renderer-server';

export default function globalSetup(): void {
  const problems = contractDisagreements();
  if (problems.length) {
    throw new Error(`The IPC contract, handler table and preload channel list disagree:\n  - ${problems.join('\n  - ')}`);
  }
  assertRendererBuilt();
}
