// Settings (task force): the stall thresholds (docs/DOMAIN.md § Stalled buildings) — a signed building stalls when not started
// after N days, a started one when not completed after M days.

import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Form, InputNumber, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { stallSettingsQuery, usePutStallSettings } from "../../api/settings";
import type { StallThresholds } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { applyServerErrors } from "../../components/forms";
import { PageSpinner } from "../../components/PageSpinner";
import { useErrorMessage } from "../../components/useErrorMessage";

export function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const settings = useQuery(stallSettingsQuery);
  const put = usePutStallSettings();
  const [form] = Form.useForm<StallThresholds>();

  if (settings.isPending) return <PageSpinner />;
  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => settings.refetch()} />;

  const submit = (values: StallThresholds) =>
    put.mutate(
      { signedDays: Number(values.signedDays), startedDays: Number(values.startedDays) },
      {
        onSuccess: () => message.success(t("settings.saved")),
        onError: (error) => {
          if (!applyServerErrors(form, error)) message.error(errorMessage(error));
        },
      },
    );

  return (
    <div className="page" data-testid="settings-page">
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
          {t("settings.title")}
        </Typography.Title>
      </div>
      <Card size="small" title={t("settings.stallTitle")} style={{ maxWidth: 560 }}>
        <Typography.Paragraph type="secondary">{t("settings.stallHint")}</Typography.Paragraph>
        <Form<StallThresholds>
          form={form}
          layout="vertical"
          initialValues={settings.data}
          onFinish={submit}
          data-testid="stall-form"
        >
          <Form.Item label={t("settings.signedDays")} required>
            <Space.Compact>
              <Form.Item name="signedDays" noStyle rules={[{ required: true }]}>
                <InputNumber
                  min={1}
                  max={3650}
                  precision={0}
                  data-testid="stall-signed"
                  aria-label={t("settings.signedDays")}
                />
              </Form.Item>
              <Space.Addon>{t("settings.days")}</Space.Addon>
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t("settings.startedDays")} required>
            <Space.Compact>
              <Form.Item name="startedDays" noStyle rules={[{ required: true }]}>
                <InputNumber
                  min={1}
                  max={3650}
                  precision={0}
                  data-testid="stall-started"
                  aria-label={t("settings.startedDays")}
                />
              </Form.Item>
              <Space.Addon>{t("settings.days")}</Space.Addon>
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={put.isPending} data-testid="stall-save">
            {t("common.save")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
