// vitest's side of the test world (./world): one world per test file, started and closed by the
// file's hooks.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startWorld, type World, type WorldOptions } from './world';

/**
 * One world per test file, with vitest's hooks: started before the first test, closed after
 * the last. The returned object is filled in by `beforeAll`, so tests use it as they would the
 * world itself. `afterEach` runs after every test (clean up what the test made).
 */
export function useWorld(opts: WorldOptions & { afterEach?: (world: World) => unknown } = {}): World {
  const { afterEach: each, ...worldOptions } = opts;
  let started: World | undefined;
  const handle = new Proxy({} as World, {
    get(_target, prop) {
      if (!started) throw new Error('the world is used before beforeAll started it');
      return Reflect.get(started, prop);
    },
  });
  beforeAll(async () => {
    started = await startWorld(worldOptions);
  });
  afterAll(async () => {
    await started?.close();
  });
  if (each)
    afterEach(async () => {
      if (started) await each(started);
    });
  return handle;
}
