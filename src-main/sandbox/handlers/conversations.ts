import { location, type ApiContext } from '../context.js';
import type { ConversationRecord } from '../model.js';
import { requestError, validationFailed, type FieldError, type Reply } from '../replies.js';
import { attachmentJson } from '../serialize.js';
import { htmlToText } from '../text.js';
import { isoSeconds } from '../time.js';
import { checkPositiveInt, checkString, checkStringArray, missing, unknownKeys } from '../validation.js';
import { isReply, stateGuard, visibleTicket } from './tickets.js';

const REPLY_FIELDS = new Set(['body', 'from_email', 'user_id', 'cc_emails', 'bcc_emails']);

export const MULTIPART_REPLY_TYPES = { user_id: 'int' } as const;

/** POST /api/v2/tickets/:id/reply — a public reply (source 0). */
export function replyToTicket(ctx: ApiContext): Reply {
  const { account, body } = ctx;
  const t = visibleTicket(ctx);
  if (isReply(t)) return t;
  // Replying to a spam/deleted ticket is unconfirmed (§7.13): answered like PUT on it.
  const blocked = stateGuard(t, 'POST');
  if (blocked) return blocked;
  const unknown = unknownKeys(body, REPLY_FIELDS);
  if (unknown.length > 0) return validationFailed(unknown);

  const errors: FieldError[] = [];
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(body, k);
  if (!has('body')) errors.push(missing('body', 'It should be a/an String'));
  else {
    const e = checkString('body', body.body, { max: 1_000_000, notBlank: true });
    if (e) errors.push(e);
  }
  if (has('from_email')) {
    const e = checkString('from_email', body.from_email, { email: true });
    if (e) errors.push(e);
  }
  if (has('user_id')) {
    const e = checkPositiveInt('user_id', body.user_id);
    if (e) errors.push(e);
  }
  for (const k of ['cc_emails', 'bcc_emails'] as const) {
    if (has(k)) {
      const e = checkStringArray(k, body[k], { email: true, maxItems: 49 });
      if (e) errors.push(e);
    }
  }
  if (errors.length > 0) return validationFailed(errors);

  let userId = ctx.caller.id;
  if (has('user_id')) {
    const target = body.user_id as number;
    const targetAgent = account.agents.get(target);
    const targetUser = account.users.get(target);
    if (!targetUser) {
      return validationFailed([{ field: 'user_id', message: 'There is no user matching the given user_id', code: 'invalid_value' }]);
    }
    // Posting as someone else needs a supervisor or admin, and that agent must see the ticket.
    const mayActForOthers = ctx.privileges.has('admin') || ctx.caller.roleIds.some((id) => account.roles.get(id)?.name === 'Supervisor');
    const targetSees =
      targetAgent !== undefined &&
      (targetAgent.ticketScope === 1 ||
        t.responderId === target ||
        (targetAgent.ticketScope === 2 && t.groupId !== null && targetAgent.groupIds.includes(t.groupId)));
    if (!targetAgent || !targetSees || (target !== ctx.caller.id && !mayActForOthers)) {
      return requestError(
        403,
        'invalid_user',
        `You are not authorized to perform this action on behalf of this user. id:${targetUser.id}, name:${targetUser.name}`,
      );
    }
    userId = target;
  }

  const now = ctx.now();
  const requester = account.users.get(t.requesterId);
  const to = requester?.email ? [requester.email] : [];
  const html = body.body as string;
  const c: ConversationRecord = {
    id: account.nextConversationId++,
    ticketId: t.id,
    userId,
    body: html,
    bodyText: htmlToText(html),
    source: 0,
    private: false,
    incoming: false,
    fromEmail: (body.from_email as string | undefined) ?? account.supportEmail,
    supportEmail: account.supportEmail,
    toEmails: to,
    ccEmails: ((body.cc_emails as string[] | undefined) ?? []).slice(),
    bccEmails: ((body.bcc_emails as string[] | undefined) ?? []).slice(),
    repliedTo: to.slice(),
    attachments: ctx.files.slice(),
    createdAt: now,
    updatedAt: now,
  };
  t.conversations.push(c);
  t.stats.firstRespondedAt ??= now;
  t.stats.agentRespondedAt = now;
  t.updatedAt = now;
  return { status: 201, body: conversationForReply(ctx, c), headers: location(ctx, 'conversations', c.id) };
}

function conversationForReply(ctx: ApiContext, c: ConversationRecord): Record<string, unknown> {
  return {
    body_text: c.bodyText,
    body: c.body,
    structured_body: { body_contents: [{ type: 'text', data: { content: c.bodyText } }] },
    id: c.id,
    user_id: c.userId,
    from_email: c.fromEmail,
    cc_emails: c.ccEmails.slice(),
    bcc_emails: c.bccEmails.slice(),
    ticket_id: c.ticketId,
    replied_to: c.repliedTo.slice(),
    attachments: c.attachments.map((a) => attachmentJson(ctx.account, a)),
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
  };
}
