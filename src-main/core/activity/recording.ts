// The tool service with every write recorded in the activity log: the one place writes are
// recorded, so every caller of core.tools.execute (IPC handlers, chat, triage, MCP) does the same.
// A write refused before anything was sent (invalid_input, no HTTP status) is not recorded: the
// chat and MCP validate before they call, so recording it here would log it from forms only.
import type { ToolService } from '../tools';
import type { CoreEvent, ToolResult } from '../types';
import { entryForResult, isWriteTool, type ActivityLog } from './index';

export function withActivity(tools: ToolService, activity: ActivityLog, emit: (e: CoreEvent) => void): ToolService {
  return {
    ...tools,
    async execute(identifier, name, input, opts = {}) {
      const result = await tools.execute(identifier, name, input, opts);
      if (isWriteTool(name) && !refusedBeforeSending(result))
        emit({ type: 'activity', entry: activity.record(entryForResult(identifier, name, input, opts, result)) });
      return result;
    },
  };
}

/** Refused by the core's own checks: nothing reached Freshdesk, so there is nothing to record. */
export function refusedBeforeSending(result: ToolResult): boolean {
  return !result.ok && result.error.kind === 'invalid_input' && result.error.status === undefined;
}
