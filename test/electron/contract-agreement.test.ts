// The contract, the handler table and the preload's zod-free channel list must agree, or a
// window.triage function would call a channel main does not answer (or the reverse).
import { describe, expect, it } from 'vitest';
import { contractDisagreements } from '../harness/agreement';
import { renderChannelsFile } from '../../scripts/gen-channels';
import { readFileSync } from 'node:fs';
import path from 'node:path';

describe('IPC contract agreement', () => {
  it('contract, handlers and src-preload/channels.ts name the same channels and functions', () => {
    expect(contractDisagreements()).toEqual([]);
  });

  it('src-preload/channels.ts is what `npm run gen:channels` would write', () => {
    const onDisk = readFileSync(path.resolve(import.meta.dirname, '../../src-preload/channels.ts'), 'utf8');
    expect(onDisk, 'run `npm run gen:channels`').toBe(renderChannelsFile());
  });
});
