import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { StatusMessage } from "./StatusMessage";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StatusMessage
      code="404"
      title={t("errors.notFoundPage")}
      extra={
        <Link to="/">
          <Button type="primary">{t("nav.dashboard")}</Button>
        </Link>
      }
    />
  );
}
