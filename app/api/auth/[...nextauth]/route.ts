import NextAuth from "next-auth";
import { refuseUnusableCallbackUrl } from "@/lib/auth/callback-path";
import { buildAuthOptions } from "@/lib/auth/options";

// next-auth's own routes: sign-in (credentials callback), sign-out, session, CSRF.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  refuseUnusableCallbackUrl(request) ?? NextAuth(buildAuthOptions())(request, context);

export { handler as GET, handler as POST };
