// Do the contract, the handler table (what the harness bridge and ipc.ts dispatch to) and the
// preload's channel list (what window.triage is built from) name exactly the same channels and
// functions? Used by the Playwright global setup (fails the e2e suite) and a unit test.
import { channels, eventNames } from '../../src-preload/channels';
import { contract, events } from '../../src-shared/contract';
import { handlers } from '../../src-main/core/handlers';

export function contractDisagreements(): string[] {
  const problems: string[] = [];
  const contractNames = Object.keys(contract);
  const handlerNames = Object.keys(handlers);
  const preloadNames = Object.keys(channels);
  const fix = 'run `npm run gen:channels` after changing the contract';

  for (const name of contractNames) {
    if (!handlerNames.includes(name)) problems.push(`contract channel "${name}" has no handler in src-main/core/handlers/index.ts`);
    if (!preloadNames.includes(name)) problems.push(`contract channel "${name}" is missing from src-preload/channels.ts (${fix})`);
    const fn = contract[name as keyof typeof contract].fn;
    const preloadFn = (channels as Record<string, string>)[name];
    if (preloadFn !== undefined && preloadFn !== fn) {
      problems.push(`channel "${name}" is window.triage.${fn} in the contract but .${preloadFn} in src-preload/channels.ts (${fix})`);
    }
  }
  for (const name of handlerNames) {
    if (!contractNames.includes(name)) problems.push(`handler "${name}" has no channel in src-shared/contract.ts`);
  }
  for (const name of preloadNames) {
    if (!contractNames.includes(name)) problems.push(`src-preload/channels.ts lists "${name}", which the contract does not have (${fix})`);
  }
  const fns = contractNames.map((n) => contract[n as keyof typeof contract].fn as string);
  const dup = fns.filter((fn, i) => fns.indexOf(fn) !== i);
  for (const fn of new Set(dup)) problems.push(`two channels share the function name window.triage.${fn}`);
  if (fns.includes('on')) problems.push('a channel may not be called "on" (reserved for events)');

  const contractEvents = Object.keys(events);
  for (const e of contractEvents)
    if (!(eventNames as readonly string[]).includes(e)) problems.push(`event "${e}" is missing from src-preload/channels.ts (${fix})`);
  for (const e of eventNames)
    if (!contractEvents.includes(e)) problems.push(`src-preload/channels.ts lists event "${e}", which the contract does not have (${fix})`);
  return problems;
}
