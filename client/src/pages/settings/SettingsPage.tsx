// Settings (task force): the stall thresholds (docs/DOMAIN.md § Stalled buildings) — a signed building stalls when
// not started after N days, a started one when not completed after M days — and the town's name and issuing unit
// printed on reports, briefings and letters (docs/DOMAIN.md § Reports).

import type { UseMutationResult, UseQueryResult } from "@tanstack/react-query";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Form, Input, InputNumber, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { organizationQuery, stallSettingsQuery, usePutOrganization, usePutStallSettings } from "../../api/settings";
import type { Organization, StallThresholds } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { applyServerErrors } from "../../components/forms";
import { PageSpinner } from "../../components/PageSpinner";
import { useErrorMessage } from "../../components/useErrorMessage";

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="settings-page">
      <div className="page-head">
        <Typography.Title level={1} className="page-title">
          {t("settings.title")}
        </Typography.Title>
      </div>
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <StallCard />
        <OrganizationCard />
      </Space>
    </div>
  );
}

interface SettingCardProps<T> {
  title: string;
  hint: string;
  testId: string;
  query: UseQueryResult<T>;
  put: UseMutationResult<T, Error, T>;
  /** The form's values as the API takes them. */
  toInput: (values: T) => T;
  children: ReactNode;
}

/** One setting as a card: its form, filled from the server, saved with field errors shown beside the fields. */
function SettingCard<T extends object>({ title, hint, testId, query, put, toInput, children }: SettingCardProps<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<T>();
  if (query.isPending) return <PageSpinner />;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => query.refetch()} />;
  const submit = (values: T) =>
    put.mutate(toInput(values), {
      onSuccess: () => message.success(t("settings.saved")),
      onError: (error) => {
        if (!applyServerErrors(form, error)) message.error(errorMessage(error));
      },
    });
  return (
    <Card size="small" title={title} style={{ maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form<T>
        form={form}
        layout="vertical"
        initialValues={query.data}
        onFinish={submit}
        data-testid={`${testId}-form`}
      >
        {children}
        <Button type="primary" htmlType="submit" loading={put.isPending} data-testid={`${testId}-save`}>
          {t("common.save")}
        </Button>
      </Form>
    </Card>
  );
}

function StallCard() {
  const { t } = useTranslation();
  const query = useQuery(stallSettingsQuery);
  const put = usePutStallSettings();
  const days = (name: keyof StallThresholds, label: string, testId: string) => (
    <Form.Item label={label} required>
      <Space.Compact>
        <Form.Item name={name} noStyle rules={[{ required: true }]}>
          <InputNumber min={1} max={3650} precision={0} data-testid={testId} aria-label={label} />
        </Form.Item>
        <Space.Addon>{t("settings.days")}</Space.Addon>
      </Space.Compact>
    </Form.Item>
  );
  return (
    <SettingCard<StallThresholds>
      title={t("settings.stallTitle")}
      hint={t("settings.stallHint")}
      testId="stall"
      query={query}
      put={put}
      toInput={(values) => ({ signedDays: Number(values.signedDays), startedDays: Number(values.startedDays) })}
    >
      {days("signedDays", t("settings.signedDays"), "stall-signed")}
      {days("startedDays", t("settings.startedDays"), "stall-started")}
    </SettingCard>
  );
}

function OrganizationCard() {
  const { t } = useTranslation();
  const query = useQuery(organizationQuery);
  const put = usePutOrganization();
  return (
    <SettingCard<Organization>
      title={t("settings.organizationTitle")}
      hint={t("settings.organizationHint")}
      testId="organization"
      query={query}
      put={put}
      toInput={(values) => ({ townName: values.townName.trim(), issuingUnit: values.issuingUnit.trim() })}
    >
      <Form.Item name="townName" label={t("settings.townName")} rules={[{ required: true, whitespace: true, max: 20 }]}>
        <Input maxLength={20} data-testid="organization-town" />
      </Form.Item>
      <Form.Item
        name="issuingUnit"
        label={t("settings.issuingUnit")}
        rules={[{ required: true, whitespace: true, max: 40 }]}
      >
        <Input maxLength={40} data-testid="organization-unit" />
      </Form.Item>
    </SettingCard>
  );
}
