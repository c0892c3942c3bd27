// One window's handler context for tests that call dispatch() or a handler directly: the harness
// runtime, a fresh session, and no push events unless the test collects them.
import type { TriageCore } from '../../src-main/core';
import type { HandlerContext } from '../../src-main/core/handlers';

export function windowContext(core: TriageCore, overrides: Partial<HandlerContext> = {}): HandlerContext {
  return { core, session: {}, runtime: 'harness', appVersion: 'test', platform: 'linux', emit() {}, ...overrides };
}
