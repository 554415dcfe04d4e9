import type { ReactNode } from "react";

/** A centred message for a whole page (not allowed, not found, failed) — lighter than antd's Result. */
export function StatusMessage({
  code,
  title,
  detail,
  extra,
  tone = "info",
}: {
  code?: string;
  title: ReactNode;
  detail?: ReactNode;
  extra?: ReactNode;
  tone?: "info" | "warning" | "error";
}) {
  return (
    <div className={`status-message status-${tone}`} role={tone === "info" ? "status" : "alert"}>
      {code && <div className="status-code">{code}</div>}
      <div className="status-title">{title}</div>
      {detail && <div className="status-detail">{detail}</div>}
      {extra && <div className="status-extra">{extra}</div>}
    </div>
  );
}
