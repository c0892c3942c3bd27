// What an "approve" answer may carry, for any origin: an edited input passes the tool's own
// schema again; the agent to delete cannot be swapped; agent delete needs the typed
// confirmation (chat/approvals.ts says what must match). Throws CoreError; the approval then
// keeps waiting.
import { CoreError } from '../types';
import { prepareOutgoing, validateToolInput } from '../tools';
import { AGENT_DELETE_TOOL, confirmationMatches } from '../chat/approvals';
import { asInput, fieldsText } from './input';

type Input = Record<string, unknown>;

export function checkApproval(
  tool: string,
  original: unknown,
  answer: { input?: unknown; confirmText?: string },
  confirmText: string | undefined,
): { input: Input; edited: boolean } {
  const before = asInput(original);
  let input = before;
  let edited = false;
  if (answer.input !== undefined && JSON.stringify(answer.input) !== JSON.stringify(before)) {
    const checked = validateToolInput(tool, answer.input);
    if (!checked.ok) {
      throw new CoreError(
        'invalid_input',
        `The edited input cannot be sent: ${fieldsText(checked.fields)} Fix it and approve again, or reject.`,
      );
    }
    // what is sent is what a card shows: outgoing HTML cleaned by the one policy
    const prepared = prepareOutgoing(tool, answer.input);
    if (!prepared.ok)
      throw new CoreError(
        'invalid_input',
        `The edited input cannot be sent: ${fieldsText(prepared.fields)} Fix it and approve again, or reject.`,
      );
    input = asInput(prepared.input);
    edited = true;
  }
  if (tool === AGENT_DELETE_TOOL) {
    if (Number(input.agent_id) !== Number(before.agent_id)) {
      throw new CoreError('invalid_input', 'The agent to delete cannot be changed here. Reject this call and ask again.');
    }
    if (!confirmationMatches(confirmText ?? '', answer.confirmText)) {
      throw new CoreError('confirmation_mismatch', `To delete this agent, type ${confirmText} exactly as shown.`);
    }
  }
  return { input, edited };
}
