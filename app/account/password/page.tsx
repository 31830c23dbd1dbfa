import type { Metadata } from "next";
import { PasswordForm } from "@/components/password-form";
import { requirePageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const user = await requirePageUser("/account/password");
  return (
    <main className="page page--narrow">
      <h1 className="page__title">Change your password</h1>
      <p className="page__lede">Signed in as {user.email}.</p>
      {user.mustChangePassword && (
        <div className="notice" role="status">
          An administrator set a one-time password for your account. Choose your own password before using Stancewatch; only you will know
          it.
        </div>
      )}
      <div className="card">
        <PasswordForm email={user.email} isOneTimePassword={user.mustChangePassword} />
      </div>
    </main>
  );
}
