// Customer-written HTML, sanitized, with every link click intercepted: the person sees the full
// address and decides. Only allowlisted https links can be opened (in the system browser, by
// main); others can be copied.
import { useMemo, useState, type MouseEvent } from 'react';
import { sanitizeTicketHtml } from '../lib/sanitize';
import { errorInfo, triage } from '../lib/bridge';
import { checkExternalUrl } from '../../src-shared/external-url';
import { activeProfileOf, useSession } from '../state/session';
import { Dialog } from './Dialog';

export function SafeHtml({ html, className, label }: { html: string | null | undefined; className?: string; label?: string }) {
  const clean = useMemo(() => sanitizeTicketHtml(html), [html]);
  const [pending, setPending] = useState<string>();
  const [note, setNote] = useState<string>();

  function onClick(e: MouseEvent<HTMLDivElement>) {
    const a = (e.target as Element).closest('a');
    if (!a) return;
    e.preventDefault();
    const href = a.getAttribute('href');
    if (!href) return;
    setNote(undefined);
    setPending(href);
  }

  // The same rule main applies: the active profile's own helpdesk and the Anthropic console.
  const ownSubdomain = useSession((st) => activeProfileOf(st)?.subdomain);
  const allowed = pending ? checkExternalUrl(pending, ownSubdomain).ok : false;
  return (
    <>
      <div className={`safe-html ${className ?? ''}`} aria-label={label} onClick={onClick} dangerouslySetInnerHTML={{ __html: clean }} />
      <Dialog
        open={pending !== undefined}
        title={allowed ? 'Open this link in your browser?' : 'This link cannot be opened from Triage Desk'}
        onClose={() => setPending(undefined)}
        actions={
          <>
            <button type="button" onClick={() => setPending(undefined)}>
              Cancel
            </button>
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(pending ?? '').then(
                  () => setNote('Link copied.'),
                  () => setNote('Could not copy; select the address above instead.'),
                );
              }}
            >
              Copy link
            </button>
            {allowed && (
              <button
                type="button"
                className="primary"
                onClick={async () => {
                  try {
                    await triage.openExternal({ url: pending! });
                    setPending(undefined);
                  } catch (err) {
                    setNote(errorInfo(err).message);
                  }
                }}
              >
                Open in browser
              </button>
            )}
          </>
        }
      >
        <p>This link was written by the sender of the ticket. Check the full address before you go there:</p>
        <p className="url-preview">
          <code>{pending}</code>
        </p>
        {!allowed && <p>Triage Desk opens only https links to your own Freshdesk helpdesk. Copy the address if you trust it.</p>}
        {note && <p role="status">{note}</p>}
      </Dialog>
    </>
  );
}
