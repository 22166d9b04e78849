// Suptask names people by Slack member id. Users without one are printed as `user:<id>`,
// a stable stand-in that a client may send back and that resolves to the same user.
import type { RequesterInput } from '../../domain/users.js';

const STAND_IN = /^user:(\d{1,10})$/;

export const slackIdentity = (u: { id: number; slackId: string | null }): string => u.slackId ?? `user:${u.id}`;

/** A requester reference for the domain: a known user id, or a Slack id to find or create. */
export function requesterRef(value: string): { requesterId: number } | { requester: RequesterInput } {
  const m = STAND_IN.exec(value);
  return m ? { requesterId: Number(m[1]) } : { requester: { slackId: value } };
}

/** An assignee reference for the domain: a user id or a Slack id (null unassigns). */
export function assigneeRef(value: string | null): { assigneeId: number | null } | { assigneeSlackId: string } {
  if (value === null) return { assigneeId: null };
  const m = STAND_IN.exec(value);
  return m ? { assigneeId: Number(m[1]) } : { assigneeSlackId: value };
}
