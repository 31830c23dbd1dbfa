// The base styles first, so every CSS Module (loaded after them) wins ties with them.
import "./tokens.css";
import "./globals.css";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import { SiteHeader } from "@/components/site-header";
import { getActingUser } from "@/lib/auth/session";

export const metadata: Metadata = {
  title: { default: "Stancewatch", template: "%s · Stancewatch" },
  description: "Coded stances of political actors toward the United States, Europe and Israel, over time.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The header depends on who is signed in, so every page renders per request;
  // waiting for the request also keeps the build's prerendering away from auth.
  await connection();
  // Null on the sign-in page: the header then shows the brand alone.
  const user = await getActingUser();
  return (
    <html lang="en">
      <body>
        <SiteHeader user={user} />
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
