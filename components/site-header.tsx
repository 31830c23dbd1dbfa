import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          Stancewatch
        </Link>
        <nav className="site-header__nav" aria-label="Main">
          <Link href="/" aria-current="page">
            Overview
          </Link>
        </nav>
      </div>
    </header>
  );
}
