// The login page: username and password, a clear message on a wrong password or when too many attempts
// have locked the account for a while, then on to where the user was going (or their landing page).

import { LockOutlined, UserOutlined } from "@ant-design/icons";
import type { LoginInput } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { isApiError } from "../../api/http";
import { sessionQuery, useLogin } from "../../api/session";
import type { SessionUser } from "../../api/types";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useErrorMessage } from "../../components/useErrorMessage";
import { landingPath } from "../../lib/roles";

type LoginValues = LoginInput;

function destination(user: SessionUser, from: unknown): string {
  return typeof from === "string" && from.startsWith("/") && from !== "/" && !from.startsWith("/login")
    ? from
    : landingPath(user);
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  const session = useQuery(sessionQuery);
  const login = useLogin();
  const errorMessage = useErrorMessage();

  if (session.data) return <Navigate to={destination(session.data, from)} replace />;

  const onFinish = (values: LoginValues) =>
    login.mutate(values, { onSuccess: ({ user }) => navigate(destination(user, from), { replace: true }) });

  let error: string | null = null;
  if (login.error) {
    if (isApiError(login.error, 401)) error = t("login.wrongPassword");
    else if (isApiError(login.error, 429)) {
      const minutes = Math.max(1, Math.ceil((login.error.retryAfter ?? 900) / 60));
      error = t("login.tooMany", { minutes });
    } else error = errorMessage(login.error);
  }

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={1} className="login-title">
              {t("app.title")}
            </Typography.Title>
            <Typography.Text type="secondary">{t("app.subtitle")}</Typography.Text>
          </div>
        </div>
        <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label={t("login.username")}
            rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t("login.password")}
            rules={[{ required: true, message: t("login.passwordRequired") }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" className="login-footer">
        {t("app.footer")}
      </Typography.Text>
    </div>
  );
}
