"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

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
        void signOut({ callbackUrl: "/sign-in" }).catch(() => setSigningOut(false));
      }}
    >
      {signingOut ? "Signing out…" : "Sign out"}
    </button>
  );
}
