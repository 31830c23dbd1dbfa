"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./site-nav-links.module.css";

export type NavLink = { href: string; label: string };

// A client leaf only because the root layout is not re-rendered on navigation:
// the current path has to be read in the browser to mark the active link.
function isActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

// No prefetching: every page is rendered per request (force-dynamic), so a prefetch
// fetches little that can be reused, yet the header's dozen links made the
// browser fetch each of them, twice, on every page it showed: a dozen server renders
// of the layout (and reads of the signed-in user) competing with the page itself
// for the processor (docs/decisions/0037).
export function SiteNavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <nav className={styles.nav} aria-label="Main">
      {links.map((link) => (
        <Link key={link.href} href={link.href} prefetch={false} aria-current={isActive(pathname, link.href) ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
