"use client";

// Replaces the root layout when the layout itself fails (the database down
// while reading the session, say). Like app/error.tsx it shows no internals.
export default function GlobalError({ error }: { error: unknown }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "3rem auto", maxWidth: "36rem", padding: "0 1.5rem", color: "#1f2328" }}>
        <h1 style={{ fontSize: "1.5rem" }}>Stancewatch is unavailable</h1>
        <p>
          The page could not be shown because of a problem on our side, such as the database being unreachable. Please try again in a
          moment.
        </p>
        {digest && <p style={{ color: "#59636e" }}>Reference for an administrator: {digest}</p>}
        {/* A full reload: the layout that failed must be rendered afresh. */}
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </body>
    </html>
  );
}
