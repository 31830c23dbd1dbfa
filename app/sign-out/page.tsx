import type { Metadata } from "next";
import Link from "@/components/link";
import { SignOutButton } from "@/components/sign-out-button";
import { getActingUser } from "@/lib/auth/session";
import styles from "@/components/auth-card.module.css";

export const metadata: Metadata = { title: "Sign out" };
export const dynamic = "force-dynamic";

export default async function SignOutPage() {
  const user = await getActingUser();
  return (
    <main className={styles.authPage}>
      <section className={`card ${styles.authCard}`} aria-labelledby="sign-out-heading">
        <h1 className={styles.title} id="sign-out-heading">
          Sign out
        </h1>
        {user ? (
          <>
            <p>
              You are signed in as <strong>{user.name}</strong> ({user.email}). Sign out of Stancewatch on this browser?
            </p>
            <div className="form__actions">
              <SignOutButton />
              <Link href="/" className="button">
                Stay signed in
              </Link>
            </div>
          </>
        ) : (
          <>
            <p>You are signed out.</p>
            <div className="form__actions">
              <Link href="/sign-in" className="button button--primary">
                Sign in
              </Link>
            </div>
          </>
        )}
      </section>
    </main>
  );
}
