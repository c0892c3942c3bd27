// The approval gate alone: waiting and settling once, the checks an answer must pass before it is
// used (an edit against the tool's own schema, the agent to delete and its typed confirmation),
// and an approval that stays waiting when an answer is refused.
import { describe, expect, it } from 'vitest';
import { createApprovalGate, type GateOwner } from '../../../src-main/core/chat/gate';
import { fieldsText } from '../../../src-main/core/approvals/input';
import { CoreError } from '../../../src-main/core/types';
import type { ChatEvent, PendingApproval } from '../../../src-shared/contract/chat';

function approval(over: Partial<PendingApproval> = {}): PendingApproval {
  return {
    callId: 'call-1',
    identifier: 'alice',
    threadId: 't1',
    tool: 'freshdesk_ticket_update',
    effect: 'write',
    input: { ticket_id: 7, priority: 3 },
    flags: [],
    preview: { kind: 'generic', summary: 'Update ticket 7' },
    canAllowForThread: true,
    requiresConfirmText: false,
    createdAt: '2026-03-01T09:00:00.000Z',
    ...over,
  };
}

function rig() {
  const events: ChatEvent[] = [];
  const gate = createApprovalGate((e) => events.push(e));
  const owner: GateOwner = { allowTools: new Set() };
  const controller = new AbortController();
  return { gate, events, owner, controller };
}

async function expectCode(fn: () => unknown, code: string): Promise<CoreError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).code).toBe(code);
    return err as CoreError;
  }
  throw new Error(`expected CoreError ${code}`);
}

describe('approval gate', () => {
  it('announces the approval, lists it as pending and settles it once with the approved input', async () => {
    const { gate, events, owner, controller } = rig();
    const waiting = gate.wait(approval(), owner, undefined, controller.signal);
    expect(events).toEqual([expect.objectContaining({ type: 'approval_required', callId: 'call-1', tool: 'freshdesk_ticket_update' })]);
    expect(gate.pending('alice').map((a) => a.callId)).toEqual(['call-1']);
    expect(gate.pending('bob')).toEqual([]);
    gate.resolve('call-1', { approved: true, allowForThread: true });
    await expect(waiting).resolves.toEqual({ kind: 'approved', input: { ticket_id: 7, priority: 3 }, edited: false });
    expect(owner.allowTools.has('freshdesk_ticket_update')).toBe(true);
    expect(gate.pending('alice')).toEqual([]);
    await expectCode(() => gate.resolve('call-1', { approved: true }), 'unknown_approval');
  });

  it("refuses another profile's answer and keeps the approval waiting", async () => {
    const { gate, owner, controller } = rig();
    const waiting = gate.wait(approval(), owner, undefined, controller.signal);
    await expectCode(() => gate.resolve('call-1', { approved: true }, 'mallory'), 'unknown_approval');
    expect(gate.pending('alice')).toHaveLength(1);
    gate.resolve('call-1', { approved: false, reason: 'x'.repeat(5000) }, 'alice');
    const settled = await waiting;
    expect(settled.kind).toBe('rejected');
    expect(settled.kind === 'rejected' && settled.reason?.length).toBe(2000);
  });

  it('checks an edited input against the tool schema; a bad edit leaves the approval waiting', async () => {
    const { gate, owner, controller } = rig();
    const waiting = gate.wait(approval(), owner, undefined, controller.signal);
    const err = await expectCode(() => gate.resolve('call-1', { approved: true, input: { ticket_id: 7, priority: 99 } }), 'invalid_input');
    expect(err.message).toMatch(/^The edited input cannot be sent: priority/);
    expect(gate.pending('alice')).toHaveLength(1);
    gate.resolve('call-1', { approved: true, input: { ticket_id: 7, priority: 4 } });
    await expect(waiting).resolves.toEqual({ kind: 'approved', input: { ticket_id: 7, priority: 4 }, edited: true });
  });

  it('does not add a tool to the thread when the card may not allow it ahead', async () => {
    const { gate, owner, controller } = rig();
    const waiting = gate.wait(approval({ canAllowForThread: false }), owner, undefined, controller.signal);
    gate.resolve('call-1', { approved: true, allowForThread: true });
    await waiting;
    expect(owner.allowTools.size).toBe(0);
  });

  it('an agent delete needs the typed confirmation and keeps its agent', async () => {
    const { gate, owner, controller } = rig();
    const a = approval({ tool: 'freshdesk_agent_delete', input: { agent_id: 12 }, requiresConfirmText: true, canAllowForThread: false });
    const waiting = gate.wait(a, owner, 'Pat@Example.com', controller.signal);
    await expectCode(() => gate.resolve('call-1', { approved: true, confirmText: 'someone@else.com' }), 'confirmation_mismatch');
    await expectCode(() => gate.resolve('call-1', { approved: true }), 'confirmation_mismatch');
    await expectCode(
      () => gate.resolve('call-1', { approved: true, input: { agent_id: 13 }, confirmText: 'pat@example.com' }),
      'invalid_input',
    );
    gate.resolve('call-1', { approved: true, confirmText: '  pat@example.com ' });
    await expect(waiting).resolves.toEqual({ kind: 'approved', input: { agent_id: 12 }, edited: false });
  });

  it('settles as cancelled when the signal aborts or the thread is cancelled', async () => {
    const { gate, owner, controller } = rig();
    const first = gate.wait(approval(), owner, undefined, controller.signal);
    controller.abort();
    await expect(first).resolves.toEqual({ kind: 'cancelled' });

    const other = new AbortController();
    const otherOwner: GateOwner = { allowTools: new Set() };
    const second = gate.wait(approval({ callId: 'call-2' }), owner, undefined, other.signal);
    const third = gate.wait(approval({ callId: 'call-3' }), otherOwner, undefined, other.signal);
    gate.cancelThread(owner);
    await expect(second).resolves.toEqual({ kind: 'cancelled' });
    expect(gate.pending('alice').map((a) => a.callId)).toEqual(['call-3']);
    gate.resolve('call-3', { approved: false });
    await expect(third).resolves.toEqual({ kind: 'rejected', reason: undefined });
  });

  it('fieldsText names at most five fields in one sentence', () => {
    expect(fieldsText([])).toBe('the input is not valid.');
    const many = Array.from({ length: 8 }, (_, i) => ({ field: `f${i}`, message: `bad ${i}.` }));
    expect(fieldsText(many)).toBe('f0: bad 0; f1: bad 1; f2: bad 2; f3: bad 3; f4: bad 4.');
  });
});
