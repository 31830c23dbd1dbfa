import { unlockSignIn } from "@/lib/data/users";
import { route } from "@/lib/http/route";

type Context = { params: Promise<{ id: string }> };

// Lifts the sign-in throttling of one account (administrators only; audited).
export const POST = route<Context>(async (_request, { params }, user) => unlockSignIn(user, (await params).id), {
  permission: "administer",
});
