import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { StatusMessage } from "./StatusMessage";

/** Shown when a page fails to render or its code fails to load (e.g. after a deploy): offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <StatusMessage
      tone="error"
      title={t("errors.pageCrashed")}
      detail={error instanceof Error ? error.message : String(error)}
      extra={
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </button>
      }
    />
  );
}
