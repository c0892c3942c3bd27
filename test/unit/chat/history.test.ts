import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import { describe, expect, it } from 'vitest';
import { APP_CLOSED_RESULT, recentHistory, repairHistory } from '../../../src-main/core/chat/history';

const text = (t: string) => ({ type: 'text' as const, text: t });
const use = (id: string) => ({ type: 'tool_use' as const, id, name: 'freshdesk_tickets_list', input: {} });
const result = (id: string) => ({ type: 'tool_result' as const, tool_use_id: id, content: 'ok' });

/** turn n: question, tool call, its result, answer */
const turn = (n: number): MessageParam[] => [
  { role: 'user', content: [text(`q${n}`)] },
  { role: 'assistant', content: [use(`t${n}`)] },
  { role: 'user', content: [result(`t${n}`)] },
  { role: 'assistant', content: [text(`a${n}`)] },
];

describe('recentHistory', () => {
  it('returns the history as is when it fits', () => {
    const h = [...turn(0), ...turn(1)];
    expect(recentHistory(h, 60)).toBe(h);
  });

  it('starts at the first question inside the budget', () => {
    const h = [...turn(0), ...turn(1), ...turn(2)];
    // 6 messages fit: they start at turn 1's tool_result, so the cut moves on to turn 2.
    expect(recentHistory(h, 6)).toEqual(turn(2));
    expect(recentHistory(h, 8)).toEqual([...turn(1), ...turn(2)]);
  });

  it('drops the tool results merged into a question when it cuts there', () => {
    // A turn that failed after its tool results: the next question was merged into them.
    const h: MessageParam[] = [
      { role: 'user', content: [text('q0')] },
      { role: 'assistant', content: [use('t0')] },
      { role: 'user', content: [result('t0'), text('q1')] },
      { role: 'assistant', content: [text('a1')] },
    ];
    expect(recentHistory(h, 2)).toEqual([{ role: 'user', content: [text('q1')] }, h[3]]);
  });

  it('sends the latest turn whole when even it is over budget', () => {
    const h = [...turn(0), ...turn(1)];
    expect(recentHistory(h, 2)).toEqual(turn(1));
    expect(recentHistory(h, 60, 10)).toEqual(turn(1));
  });
});

describe('repairHistory', () => {
  it('answers a tool call left open and drops orphaned results', () => {
    const h: MessageParam[] = [
      { role: 'assistant', content: [text('stray')] },
      { role: 'user', content: [text('q0')] },
      { role: 'assistant', content: [use('t0')] },
    ];
    expect(repairHistory(h)).toEqual([
      { role: 'user', content: [text('q0')] },
      { role: 'assistant', content: [use('t0')] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't0', is_error: true, content: APP_CLOSED_RESULT }] },
    ]);
    expect(repairHistory([{ role: 'user', content: [result('gone'), text('q')] }])).toEqual([{ role: 'user', content: [text('q')] }]);
  });

  it('keeps a valid history unchanged', () => {
    const h = [...turn(0), ...turn(1)];
    expect(repairHistory(h)).toEqual(h);
  });
});
