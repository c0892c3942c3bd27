// Reply drafts, per ticket and active profile; main keeps them encrypted until sent or discarded.
import { z } from 'zod';
import { channel } from './define';

const TicketId = z.number().int().positive();

export const DraftShape = z.object({
  body: z.string(),
  cc: z.array(z.string()),
  bcc: z.array(z.string()),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof DraftShape>;

export const draftsChannels = {
  'drafts:get': channel('getDraft', z.object({ ticketId: TicketId }).strict(), z.object({ draft: DraftShape.optional() })),
  'drafts:save': channel(
    'saveDraft',
    z
      .object({
        ticketId: TicketId,
        body: z.string().max(200_000),
        cc: z.array(z.string().max(320)).max(50),
        bcc: z.array(z.string().max(320)).max(50),
      })
      .strict(),
    z.object({ draft: DraftShape }),
  ),
  'drafts:delete': channel('deleteDraft', z.object({ ticketId: TicketId }).strict(), z.object({ deleted: z.literal(true) })),
} as const;
