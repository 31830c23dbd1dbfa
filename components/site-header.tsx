import Link from "@/components/link";
import { AccountMenu } from "./account-menu";
import { hasPermission } from "@/lib/auth/permissions";
import type { SignedInUser } from "@/lib/auth/session";
import { roleLabels } from "@/lib/users/schemas";
import { SearchBox } from "./search/search-box";
import { SiteNavLinks, type NavLink } from "./site-nav-links";
import styles from "./site-header.module.css";

function navLinksFor(user: SignedInUser): NavLink[] {
  const links: NavLink[] = [
    { href: "/", label: "Overview" },
    { href: "/sources", label: "Sources" },
  ];
  // The coding queue is work to do, so it is offered only to those who code.
  if (hasPermission(user, "edit")) links.push({ href: "/code", label: "Code" });
  links.push(
    { href: "/statements", label: "Statements" },
    { href: "/codings", label: "Codings" },
    { href: "/events", label: "Events" },
    { href: "/reliability", label: "Reliability" },
    { href: "/assignments", label: "Assignments" },
    { href: "/scenarios", label: "Scenarios" },
    { href: "/exchange", label: "Export" },
  );
  if (user.role === "ADMIN")
    links.push(
      { href: "/admin/actors", label: "Actors" },
      { href: "/admin/users", label: "Users" },
      { href: "/admin/history", label: "History" },
    );
  return links;
}

/** The brand alone for anonymous visitors (the sign-in page); navigation and the account once signed in. */
export function SiteHeader({ user }: { user: SignedInUser | null }) {
  return (
    <header className={styles.siteHeader}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          Stancewatch
        </Link>
        {user && (
          <>
            {/* Until a one-time password is replaced every page leads to the password form, so links would only bounce. */}
            {!user.mustChangePassword && <SiteNavLinks links={navLinksFor(user)} />}
            {!user.mustChangePassword && <SearchBox />}
            <div className={styles.account}>
              <AccountMenu name={user.name} role={roleLabels[user.role]} />
            </div>
          </>
        )}
      </div>
    </header>
  );
}
