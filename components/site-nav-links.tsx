"use client";

import Link from "@/components/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
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
  const navigation = useRef<HTMLElement>(null);
  // On a phone the links scroll sideways in one line; the current page's link is brought into view. Set on the
  // navigation's own scroll position: scrollIntoView would scroll the page too.
  useEffect(() => {
    const nav = navigation.current;
    const current = nav?.querySelector<HTMLElement>("[aria-current='page']");
    if (!nav || !current || nav.scrollWidth <= nav.clientWidth) return;
    const left = current.getBoundingClientRect().left - nav.getBoundingClientRect().left + nav.scrollLeft;
    if (left < nav.scrollLeft || left + current.offsetWidth > nav.scrollLeft + nav.clientWidth)
      nav.scrollLeft = left - (nav.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);
  return (
    <nav className={styles.nav} aria-label="Main" ref={navigation}>
      {links.map((link) => (
        <Link key={link.href} href={link.href} aria-current={isActive(pathname, link.href) ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
