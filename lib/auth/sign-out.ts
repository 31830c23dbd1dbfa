import "server-only";
import { recordAudit } from "../audit/record-audit";
import { getDatabase } from "../database/client";

/**
 * Ends one server-side session (sign-out) and audits it. A token naming an
 * ended session is refused from then on, even if its cookie was copied.
 */
export async function endSession(userId: string, sessionId: string, now: Date = new Date()): Promise<void> {
  await getDatabase().$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: now } });
    if (count === 0) return;
    await recordAudit(tx, { userId, action: "SIGN_OUT", entity: "User", entityId: userId, after: { endedAt: now.toISOString() }, at: now });
  });
}
