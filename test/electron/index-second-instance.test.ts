// A second copy of the app hands over to the first: it quits without opening a window or
// binding any channel (two instances would race on the key file).
import { expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-mock')).electronModule());

import { electronState } from './electron-mock';

it('quits at once when another instance holds the lock', async () => {
  electronState.singleInstanceLock = false;
  await import('../../src-main/index');
  await new Promise((r) => setImmediate(r));
  expect(electronState.calls).toEqual(['app.enableSandbox', 'app.requestSingleInstanceLock', 'app.quit']);
  expect(electronState.windows).toHaveLength(0);
  expect(electronState.ipcHandlers.size).toBe(0);
});
