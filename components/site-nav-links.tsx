"use client";

import Link from "@/components/link";
import { usePathname } from "next/navigation";
import styles from "./site-nav-links.module.css";

export type NavLink = { href: string; label: string };

// A client leaf only because the root layout is not re-rendered on navigation:
// the current path has to be read in the browser to mark the active link.
function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function SiteNavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav className={styles.nav} aria-label="Main">
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={isActive(pathname, link.href) ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
