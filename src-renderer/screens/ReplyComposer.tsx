// The public reply: body, cc and bcc, exactly who will receive it, a draft saved (encrypted, in
// main) as you type, and a send that happens once. A failed or uncertain send keeps the draft.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ActionStatus, useAction, type ActionState } from '../components/ActionStatus';
import { EmailChips } from '../components/EmailChips';
import { describeToolError, useToolAvailability } from '../components/Unavailable';
import { errorInfo, triage } from '../lib/bridge';
import { textToHtml } from '../lib/format';
import type { Ticket } from '../lib/freshdesk';
import { registerFlusher } from '../lib/pending';
import { htmlToPlainText } from '../lib/sanitize';
import { USE_AS_DRAFT_EVENT, type UseAsDraftDetail } from '../chat/events';
import { activeProfileOf, roleNameOf, useSession } from '../state/session';

const SAVE_AFTER_MS = 500;
type DraftStatus =
  { kind: 'none' } | { kind: 'saving' } | { kind: 'saved'; at: string; restored?: boolean } | { kind: 'error'; message: string };

export function ReplyComposer({ ticket, onSent }: { ticket: Ticket; onSent(): void }) {
  const runTool = useSession((s) => s.runTool);
  const role = useSession((s) => roleNameOf(activeProfileOf(s)));
  const replyRequest = useSession((s) => s.replyRequest);
  const replyTool = useToolAvailability('freshdesk_tickets_reply');
  const [body, setBody] = useState('');
  const [cc, setCc] = useState<string[]>([]);
  const [bcc, setBcc] = useState<string[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [draft, setDraft] = useState<DraftStatus>({ kind: 'none' });
  const [uncertain, setUncertain] = useState(false);
  const [state, run] = useAction();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // what the next save writes: updated on every edit, before React re-renders
  const latest = useRef({ body, cc, bcc });
  const ids = { body: useId(), recipients: useId() };

  const ticketCc = useRef(ticket.reply_cc_emails);
  // Restore the saved draft for this ticket (and this profile: main decides whose). Only when
  // the ticket changes: a reloaded ticket must never overwrite what is being typed.
  useEffect(() => {
    let stale = false;
    triage.getDraft({ ticketId: ticket.id }).then(
      ({ draft: d }) => {
        if (stale) return;
        if (d) {
          latest.current = { body: d.body, cc: d.cc, bcc: d.bcc };
          setBody(d.body);
          setCc(d.cc);
          setBcc(d.bcc);
          setDraft({ kind: 'saved', at: d.updatedAt, restored: true });
        } else {
          latest.current = { ...latest.current, cc: ticketCc.current ?? [] };
          setCc(ticketCc.current ?? []);
        }
        setLoaded(true);
      },
      (err) => {
        if (stale) return;
        setDraft({ kind: 'error', message: `Your saved draft could not be read: ${errorInfo(err).message}` });
        setLoaded(true);
      },
    );
    return () => {
      stale = true;
    };
  }, [ticket.id]);

  const saveNow = useCallback(async () => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    const d = latest.current;
    setDraft({ kind: 'saving' });
    try {
      if (!d.body.trim() && d.cc.length === 0 && d.bcc.length === 0) {
        await triage.deleteDraft({ ticketId: ticket.id });
        setDraft({ kind: 'none' });
      } else {
        const { draft: saved } = await triage.saveDraft({ ticketId: ticket.id, body: d.body, cc: d.cc, bcc: d.bcc });
        setDraft({ kind: 'saved', at: saved.updatedAt });
      }
    } catch (err) {
      setDraft({ kind: 'error', message: `Draft not saved: ${errorInfo(err).message} Keep this window open and try again.` });
    }
  }, [ticket.id]);

  // Nothing typed is lost: pending saves run before a profile switch and when the composer goes away.
  useEffect(() => {
    const off = registerFlusher(saveNow);
    return () => {
      off();
      void saveNow();
    };
  }, [saveNow]);

  const edited = useCallback(
    (next: Partial<{ body: string; cc: string[]; bcc: string[] }>) => {
      if (next.body !== undefined) setBody(next.body);
      if (next.cc) setCc(next.cc);
      if (next.bcc) setBcc(next.bcc);
      latest.current = { ...latest.current, ...next };
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), SAVE_AFTER_MS);
    },
    [saveNow],
  );

  useEffect(() => {
    if (replyRequest > 0 && loaded) bodyRef.current?.focus();
  }, [replyRequest, loaded]);

  // "Use as draft" in the chat: Claude's reply fills the composer (saved as a draft, never sent).
  useEffect(() => {
    const onDraft = (e: Event) => {
      const d = (e as CustomEvent<UseAsDraftDetail>).detail;
      if (!d || d.ticketId !== ticket.id) return;
      edited({ body: htmlToPlainText(d.body), cc: d.cc ?? [], bcc: d.bcc ?? [] });
      bodyRef.current?.focus();
    };
    window.addEventListener(USE_AS_DRAFT_EVENT, onDraft);
    return () => window.removeEventListener(USE_AS_DRAFT_EVENT, onDraft);
  }, [ticket.id, edited]);

  async function send() {
    await run('Sending your reply…', async (): Promise<ActionState> => {
      if (!body.trim()) return { phase: 'error', message: 'Write a reply before sending.' };
      // a pending draft save goes first: if the app stops mid-send, the text is on disk
      await saveNow();
      const r = await runTool('freshdesk_tickets_reply', {
        ticket_id: ticket.id,
        body: textToHtml(body),
        ...(cc.length ? { cc_emails: cc } : {}),
        ...(bcc.length ? { bcc_emails: bcc } : {}),
      });
      if (r.ok) {
        setUncertain(false);
        latest.current = { body: '', cc: [], bcc: [] };
        setBody('');
        setBcc([]);
        setCc([]);
        try {
          await triage.deleteDraft({ ticketId: ticket.id });
          setDraft({ kind: 'none' });
        } catch {
          setDraft({ kind: 'error', message: 'The reply was sent, but its draft could not be removed; discard it by clearing the text.' });
        }
        onSent();
        return { phase: 'ok', message: `Reply sent to ${recipientsText(ticket, cc, bcc)}.` };
      }
      if (r.error.kind === 'uncertain') {
        setUncertain(true);
        return {
          phase: 'error',
          message: 'Your reply may have been sent — check the ticket before sending again.',
          detail: (
            <p>The connection broke after the reply left this computer, so Freshdesk may have received it. Your text is kept as a draft.</p>
          ),
        };
      }
      const fields = r.error.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
      return {
        phase: 'error',
        message: `Not sent. ${describeToolError(r.error, role)}`,
        detail: <p>{fields ? `${fields}. ` : ''}Your text is kept as a draft.</p>,
      };
    });
  }

  const sending = state.phase === 'running';
  return (
    <section className="composer" aria-label="Reply" data-testid="composer">
      <h2 className="composer-title">Reply</h2>
      {!replyTool.available && (
        <p className="hint" data-testid="reply-unavailable">
          {replyTool.reason ?? 'Your role cannot reply to tickets.'} Your text stays here as a draft.
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.body}>Message</label>
        <textarea
          id={ids.body}
          ref={bodyRef}
          rows={6}
          value={body}
          disabled={!loaded}
          onChange={(e) => edited({ body: e.target.value })}
          aria-describedby={ids.recipients}
        />
      </div>
      <div className="composer-chips">
        <EmailChips label="Cc" value={cc} onChange={(v) => edited({ cc: v })} />
        <EmailChips
          label="Bcc"
          value={bcc}
          onChange={(v) => edited({ bcc: v })}
          hint="Bcc recipients get the reply but are hidden from the others."
        />
      </div>
      <p id={ids.recipients} className="recipients" data-testid="recipients">
        <strong>This reply goes to:</strong> {recipientsText(ticket, cc, bcc)}
      </p>
      <div className="composer-actions">
        <button type="button" className="primary" onClick={() => void send()} disabled={sending || !loaded || !replyTool.available}>
          {sending ? 'Sending…' : uncertain ? 'Send again anyway' : 'Send reply'}
        </button>
        <span className="draft-status" data-testid="draft-status" aria-live="polite">
          {draft.kind === 'saving' && 'Saving draft…'}
          {draft.kind === 'saved' && `${draft.restored ? 'Draft restored' : 'Draft saved'} ${new Date(draft.at).toLocaleTimeString()}`}
          {draft.kind === 'error' && <span className="field-error">{draft.message}</span>}
        </span>
      </div>
      <ActionStatus state={state} />
    </section>
  );
}

function recipientsText(ticket: Ticket, cc: string[], bcc: string[]): string {
  const to = ticket.requester?.email ?? `the requester (#${ticket.requester_id})`;
  const parts = [`${to} (requester)`];
  if (cc.length) parts.push(`cc ${cc.join(', ')}`);
  if (bcc.length) parts.push(`bcc ${bcc.join(', ')}`);
  return parts.join('; ');
}
