import { useTranslation } from "react-i18next";

/** A page on its way: a spinner in plain CSS (no antd, so the frame and the route guards stay light). */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="page-spinner" role="status" aria-label={t("plain.loading")} data-testid="page-spinner">
      <span className="spinner" />
    </div>
  );
}
