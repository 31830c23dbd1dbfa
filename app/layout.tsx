import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { getActingUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Stancewatch", template: "%s · Stancewatch" },
  description: "Coded stances of political actors toward the United States, Europe and Israel, over time.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Null on the sign-in page: the header then shows the brand alone.
  const user = await getActingUser();
  return (
    <html lang="en">
      <body>
        <SiteHeader user={user} />
        {children}
      </body>
    </html>
  );
}
