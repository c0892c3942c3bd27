// A screen the active role may not use explains why instead of failing on click.
import { activeProfileOf, roleNameOf, useSession } from '../state/session';

export function useToolAvailability(name: string): { available: boolean; reason?: string; known: boolean } {
  const tool = useSession((s) => s.tools.find((t) => t.name === name));
  if (!tool) return { available: true, known: false };
  return { available: tool.available !== false, reason: tool.reason, known: true };
}

export function Unavailable({ what, reason }: { what: string; reason?: string }) {
  const profile = useSession(activeProfileOf);
  const role = roleNameOf(profile);
  return (
    <div className="unavailable" role="note" data-testid="unavailable">
      <h2>{what} is not available for your role</h2>
      <p>{reason ?? 'Freshdesk allows this only for administrators.'}</p>
      {role && (
        <p>
          You are connected as <strong>{profile?.agent?.name}</strong> with the role <strong>{role}</strong>. Ask an administrator of your
          helpdesk if you need this.
        </p>
      )}
    </div>
  );
}

/** A tool error as a sentence a person can act on; permission errors name the role. */
export function describeToolError(error: { kind: string; message: string }, roleName?: string): string {
  if (error.kind === 'permission' && roleName && !error.message.includes(roleName)) {
    return `${error.message} (Your role: ${roleName}.)`;
  }
  if (error.kind === 'revoked') return `${error.message} Use "Enter new key" above to reconnect.`;
  return error.message;
}
