"use client";

import { useState } from "react";

// next-auth's client is fetched on the click, not with every page: the header is on all of them.
async function signOut(): Promise<void> {
  const { signOut: nextAuthSignOut } = await import("next-auth/react");
  await nextAuthSignOut({ callbackUrl: "/sign-in" });
}

export function SignOutButton() {
  const [signingOut, setSigningOut] = useState(false);
  return (
    <button
      type="button"
      className="button button--primary"
      disabled={signingOut}
      onClick={() => {
        setSigningOut(true);
        // A full page load follows, which also clears every page the browser kept.
        void signOut().catch(() => setSigningOut(false));
      }}
    >
      {signingOut ? "Signing out…" : "Sign out"}
    </button>
  );
}
