"use client";

import Link from "@/components/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import styles from "./account-menu.module.css";

/**
 * The signed-in analyst's name, role and account links. On a phone they fold into a menu under the name: spelled
 * out they took two more lines above every page. Wider than a phone they are one line whatever the menu's state
 * (details.folded-on-phone, app/globals.css). A client leaf only to close the menu as a menu closes: the root
 * layout stays mounted across navigations, so a menu left open by following one of its links would still cover
 * the next page, and Escape or a tap elsewhere are how a menu is put away.
 */
export function AccountMenu({ name, role }: { name: string; role: string }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const closeOnTapElsewhere = (event: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !menu.current?.open) return;
      menu.current.open = false;
      menu.current.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", closeOnTapElsewhere);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeOnTapElsewhere);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, []);
  return (
    <details ref={menu} className={`${styles.accountMenu} folded-on-phone`} data-testid="account-menu">
      <summary className={`opens-with-arrow ${styles.summary}`}>{name}</summary>
      <div className={styles.contents}>
        <span className={styles.user}>
          <span className={styles.userName}>{name} · </span>
          {role}
        </span>
        <Link href="/account/password">Change password</Link>
        <Link href="/sign-out">Sign out</Link>
      </div>
    </details>
  );
}
