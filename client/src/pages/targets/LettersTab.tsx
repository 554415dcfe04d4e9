// Each area's target letter (目标任务书) for the year: who answers for it and when it was signed.
// Everyone may read and print (one letter, or all of the year's in one batch); the task force records the
// names and the date.

import { EditOutlined, PrinterOutlined } from "@ant-design/icons";
import { EARLIEST_DATE } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { lettersQuery, usePutLetter } from "../../api/targets";
import type { TargetLetter } from "../../api/types";
import { ErrorResult } from "../../components/ErrorResult";
import { applyServerErrors } from "../../components/forms";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";
import { today } from "../../lib/dates";

export function LettersTab({ year, editable }: { year: number; editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const letters = useQuery(lettersQuery(year));
  const [editing, setEditing] = useState<TargetLetter | null>(null);

  if (letters.isError) return <ErrorResult error={letters.error} onRetry={() => letters.refetch()} />;
  const columns: ColumnsType<TargetLetter> = [
    { key: "zone", title: t("ranking.zone"), dataIndex: "zoneName", width: 100 },
    { key: "area", title: t("ranking.area"), dataIndex: "areaName", width: 110 },
    { key: "zoneLeader", title: t("letter.zoneLeader"), dataIndex: "zoneLeader", render: (v: string) => v || "—" },
    { key: "secretary", title: t("letter.secretary"), dataIndex: "secretary", render: (v: string) => v || "—" },
    { key: "liaison", title: t("letter.liaison"), dataIndex: "liaison", render: (v: string) => v || "—" },
    {
      key: "signedOn",
      title: t("letter.signedOn"),
      render: (_, row) => (row.signedOn ? fmt.date(row.signedOn) : <Tag color="warning">{t("letter.unsigned")}</Tag>),
    },
    {
      key: "actions",
      title: "",
      width: editable ? 190 : 100,
      render: (_, row) => (
        <Space>
          <Link to={`/targets/letters/${row.areaId}?year=${year}`} data-testid={`letter-view-${row.areaId}`}>
            <Button size="small" icon={<PrinterOutlined />}>
              {t("letter.view")}
            </Button>
          </Link>
          {editable && (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(row)}
              data-testid={`letter-edit-${row.areaId}`}
            >
              {t("letter.edit")}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <div className="letters-toolbar">
        <Button
          icon={<PrinterOutlined />}
          onClick={() => navigate(`/targets/letters/print?year=${year}`)}
          data-testid="letters-print-all"
        >
          {t("letter.printAll")}
        </Button>
      </div>
      <Table<TargetLetter>
        rowKey="areaId"
        size="small"
        loading={letters.isPending}
        columns={columns}
        dataSource={letters.data ?? []}
        pagination={false}
        scroll={{ x: 820 }}
        data-testid="letters-table"
      />
      {editing && <LetterModal letter={editing} year={year} onClose={() => setEditing(null)} />}
    </>
  );
}

interface LetterValues {
  zoneLeader: string;
  secretary: string;
  liaison: string;
  signedOn: Dayjs | null;
}

function LetterModal({ letter, year, onClose }: { letter: TargetLetter; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<LetterValues>();
  const put = usePutLetter();
  const todayDate = today();

  const submit = async () => {
    const values = await form.validateFields();
    put.mutate(
      {
        areaId: letter.areaId,
        year,
        zoneLeader: (values.zoneLeader ?? "").trim(),
        secretary: (values.secretary ?? "").trim(),
        liaison: (values.liaison ?? "").trim(),
        signedOn: values.signedOn ? values.signedOn.format("YYYY-MM-DD") : null,
      },
      {
        onSuccess: () => {
          message.success(t("letter.saved"));
          onClose();
        },
        onError: (error) => {
          if (!applyServerErrors(form, error)) message.error(errorMessage(error));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t("letter.editTitle", { area: letter.areaName, year })}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={put.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="letter-form"
        initialValues={{
          zoneLeader: letter.zoneLeader,
          secretary: letter.secretary,
          liaison: letter.liaison,
          signedOn: letter.signedOn ? dayjs(letter.signedOn) : null,
        }}
      >
        <Form.Item name="zoneLeader" label={t("letter.zoneLeader")}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="secretary" label={t("letter.secretary")}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="liaison" label={t("letter.liaison")}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="signedOn" label={t("letter.signedOn")}>
          <DatePicker
            format="YYYY-MM-DD"
            disabledDate={(day) => day.format("YYYY-MM-DD") > todayDate || day.format("YYYY-MM-DD") < EARLIEST_DATE}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
