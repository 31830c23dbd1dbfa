import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { getActingUser } from "@/lib/auth/session";
import styles from "@/components/auth-card.module.css";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

// Only known messages are shown: text from the address bar is never echoed onto the page.
const notices: Record<string, string> = {
  "password-changed": "Your password was changed and you were signed out everywhere. Sign in with your new password.",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  // Someone already signed in has nothing to do here.
  if (await getActingUser()) redirect(callbackPath);
  const notice = notices[first(params.message) ?? ""];
  // next-auth sends its own failures here as ?error=<code>.
  const failed = first(params.error) !== undefined;

  return (
    <main className={styles.authPage}>
      <section className={`card ${styles.authCard}`} aria-labelledby="sign-in-heading">
        <h1 className={styles.title} id="sign-in-heading">
          Sign in to Stancewatch
        </h1>
        <p className="card__meta">Stance coding for foreign-policy analysts. Accounts are created by an administrator.</p>
        {notice && (
          <div className="notice" role="status">
            {notice}
          </div>
        )}
        {failed && !notice && (
          <div className="alert" role="alert">
            Sign-in did not complete. Please try again.
          </div>
        )}
        <SignInForm callbackPath={callbackPath} />
      </section>
    </main>
  );
}
