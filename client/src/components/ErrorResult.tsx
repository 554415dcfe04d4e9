import { useTranslation } from "react-i18next";
import { StatusMessage } from "./StatusMessage";
import { useErrorMessage } from "./useErrorMessage";

/** A failed load, in words, with a retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <StatusMessage
      tone="warning"
      title={t("errors.loadFailed")}
      detail={message(error)}
      extra={
        onRetry ? (
          <button type="button" className="btn btn-primary" onClick={onRetry}>
            {t("common.retry")}
          </button>
        ) : null
      }
    />
  );
}
