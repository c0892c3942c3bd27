// The tool service with every write recorded in the activity log: the one place writes are
// recorded, so every caller of core.tools.execute (IPC handlers, chat, triage, MCP) does the same.
import type { ToolService } from '../tools';
import type { CoreEvent } from '../types';
import { entryForResult, isWriteTool, type ActivityLog } from './index';

export function withActivity(tools: ToolService, activity: ActivityLog, emit: (e: CoreEvent) => void): ToolService {
  return {
    ...tools,
    async execute(identifier, name, input, opts = {}) {
      const result = await tools.execute(identifier, name, input, opts);
      if (isWriteTool(name)) emit({ type: 'activity', entry: activity.record(entryForResult(identifier, name, input, opts, result)) });
      return result;
    },
  };
}
