// The helpdesk's roles (administrators only), with what each allows.
import { useEffect, useState } from 'react';
import { describeToolError, Unavailable, useToolAvailability } from '../components/Unavailable';
import { formatDateTime } from '../lib/format';
import { asArray, type Role } from '../lib/freshdesk';
import { activeProfileOf, roleNameOf, useSession } from '../state/session';

export default function Roles() {
  const runTool = useSession((s) => s.runTool);
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const tool = useToolAvailability('freshdesk_roles_list');
  const [roles, setRoles] = useState<(Role & { updated_at?: string })[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!tool.available) return;
    void runTool('freshdesk_roles_list', {}).then((r) => {
      if (r.ok) setRoles(asArray(r.data));
      else setError(describeToolError(r.error, role));
    });
  }, [runTool, tool.available, role]);

  if (!tool.available) return <Unavailable what="The roles list" reason={tool.reason} />;
  return (
    <main className="page" aria-labelledby="roles-title">
      <h1 id="roles-title">Roles</h1>
      {error && (
        <div className="inline-error" role="alert">
          {error}
        </div>
      )}
      {!roles && !error && <p role="status">Loading roles…</p>}
      <ul className="role-list">
        {roles?.map((r) => (
          <li key={r.id} className="card" data-testid="role-card">
            <h2>
              {r.name} {r.default && <span className="badge">Built-in</span>}
            </h2>
            <p>{r.description ?? 'No description.'}</p>
            <p className="hint">
              ID {r.id}
              {r.updated_at && <> · updated {formatDateTime(r.updated_at)}</>}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
