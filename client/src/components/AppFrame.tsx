// The frame of every logged-in page — the header (the brand, then the navigation), the page, the footer — in
// plain HTML and CSS, so the server can render it around the dashboard's first screen and the header keeps its
// height while the antd navigation loads into it (AppLayout).

import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function AppFrame({ nav, children }: { nav?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app-layout">
      <header className="app-header no-print">
        <Link to="/" className="app-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t("app.title")}</span>
        </Link>
        {nav ?? <div className="header-spacer" />}
      </header>
      <main className="app-content">{children}</main>
      <footer className="app-footer no-print">
        <span className="muted">{t("app.footer")}</span>
      </footer>
    </div>
  );
}
