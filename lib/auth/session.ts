import "server-only";
import type { ActingUser } from "./permissions";

/** The signed-in user for this request. Sign-in is not built yet, so nobody is. */
export async function getActingUser(): Promise<ActingUser> {
  return null;
}
