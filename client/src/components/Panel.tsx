import type { ReactNode } from "react";

interface Props {
  title?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/**
 * A titled white box, looking like antd's small Card — used on the dashboard, area page and report,
 * where antd's Card (which brings Tabs with it) would cost the first load more than it gives.
 */
export function Panel({ title, extra, children, className, testId }: Props) {
  return (
    <section className={`panel ${className ?? ""}`} data-testid={testId}>
      {(title || extra) && (
        <header className="panel-head">
          <h2 className="panel-title">{title}</h2>
          {extra && <div className="panel-extra">{extra}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
