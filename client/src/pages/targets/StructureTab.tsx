// Zones and areas (task force): add and rename zones, add and rename areas, move an area to another zone.
// Counts follow on the next read: the server recomputes them and tells every open page.

import { PlusOutlined } from "@ant-design/icons";
import { createAreaSchema, createZoneSchema } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  areasQuery,
  useCreateArea,
  useCreateZone,
  useRenameZone,
  useUpdateArea,
  zonesQuery,
} from "../../api/structure";
import type { AreaWithCounts, ZoneWithCounts } from "../../api/types";
import { applyServerErrors, chooseRule, zodRule } from "../../components/forms";
import { useErrorMessage } from "../../components/useErrorMessage";
import { useFormat } from "../../i18n/format";

type Editing =
  | { kind: "newZone" }
  | { kind: "zone"; zone: ZoneWithCounts }
  | { kind: "newArea" }
  | { kind: "area"; area: AreaWithCounts }
  | null;

export function StructureTab() {
  const zones = useQuery(zonesQuery);
  const [editing, setEditing] = useState<Editing>(null);
  return (
    <Row gutter={[16, 16]} data-testid="structure">
      <Col xs={24} lg={9}>
        <ZonesCard onEdit={setEditing} />
      </Col>
      <Col xs={24} lg={15}>
        <AreasCard onEdit={setEditing} />
      </Col>
      {editing && <NameModal editing={editing} zones={zones.data ?? []} onClose={() => setEditing(null)} />}
    </Row>
  );
}

function AddButton({ label, testId, onClick }: { label: string; testId: string; onClick: () => void }) {
  return (
    <Button size="small" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

function ZonesCard({ onEdit }: { onEdit: (editing: Editing) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const zones = useQuery(zonesQuery);
  const columns: ColumnsType<ZoneWithCounts> = [
    { key: "name", title: t("ranking.zone"), dataIndex: "name" },
    { key: "areas", title: t("ranking.areaCount"), dataIndex: "areaCount", align: "right" },
    { key: "total", title: t("structure.buildings"), render: (_, zone) => fmt.int(zone.counts.total), align: "right" },
    {
      key: "actions",
      title: "",
      width: 90,
      render: (_, zone) => (
        <Button size="small" onClick={() => onEdit({ kind: "zone", zone })} data-testid={`zone-rename-${zone.id}`}>
          {t("structure.rename")}
        </Button>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t("structure.zones")}
      extra={<AddButton label={t("structure.addZone")} testId="zone-add" onClick={() => onEdit({ kind: "newZone" })} />}
    >
      <Table<ZoneWithCounts>
        rowKey="id"
        size="small"
        loading={zones.isPending}
        columns={columns}
        dataSource={zones.data ?? []}
        pagination={false}
      />
    </Card>
  );
}

function AreasCard({ onEdit }: { onEdit: (editing: Editing) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const areas = useQuery(areasQuery());
  const columns: ColumnsType<AreaWithCounts> = [
    { key: "name", title: t("ranking.area"), dataIndex: "name" },
    { key: "zone", title: t("ranking.zone"), render: (_, area) => <AreaZoneSelect area={area} /> },
    { key: "total", title: t("structure.buildings"), render: (_, area) => fmt.int(area.counts.total), align: "right" },
    {
      key: "actions",
      title: "",
      width: 90,
      render: (_, area) => (
        <Button size="small" onClick={() => onEdit({ kind: "area", area })} data-testid={`area-rename-${area.id}`}>
          {t("structure.rename")}
        </Button>
      ),
    },
  ];
  return (
    <Card
      size="small"
      title={t("structure.areas")}
      extra={<AddButton label={t("structure.addArea")} testId="area-add" onClick={() => onEdit({ kind: "newArea" })} />}
    >
      <Table<AreaWithCounts>
        rowKey="id"
        size="small"
        loading={areas.isPending}
        columns={columns}
        dataSource={areas.data ?? []}
        pagination={false}
        scroll={{ x: 420, y: 560 }}
      />
    </Card>
  );
}

/** An area's zone: choosing another moves the area there at once. */
function AreaZoneSelect({ area }: { area: AreaWithCounts }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const zones = useQuery(zonesQuery).data ?? [];
  const updateArea = useUpdateArea();
  return (
    <Select
      size="small"
      value={area.zoneId}
      style={{ minWidth: 120 }}
      aria-label={t("structure.moveTo")}
      data-testid={`area-zone-${area.id}`}
      options={zones.map((zone) => ({ value: zone.id, label: zone.name }))}
      onChange={(zoneId) =>
        updateArea.mutate(
          { id: area.id, zoneId },
          {
            onSuccess: () => message.success(t("structure.moved", { area: area.name })),
            onError: (error) => message.error(errorMessage(error)),
          },
        )
      }
    />
  );
}

function NameModal({
  editing,
  zones,
  onClose,
}: {
  editing: NonNullable<Editing>;
  zones: ZoneWithCounts[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm<{ name: string; zoneId?: number }>();
  const createZone = useCreateZone();
  const renameZone = useRenameZone();
  const createArea = useCreateArea();
  const updateArea = useUpdateArea();
  const pending = createZone.isPending || renameZone.isPending || createArea.isPending || updateArea.isPending;

  const title = {
    newZone: t("structure.addZone"),
    zone: t("structure.renameZone"),
    newArea: t("structure.addArea"),
    area: t("structure.renameArea"),
  }[editing.kind];
  const initialName = editing.kind === "zone" ? editing.zone.name : editing.kind === "area" ? editing.area.name : "";

  const submit = async () => {
    const values = await form.validateFields();
    const name = values.name.trim();
    const callbacks = {
      onSuccess: () => {
        message.success(t("structure.saved"));
        onClose();
      },
      onError: (error: unknown) => {
        if (!applyServerErrors(form, error)) message.error(errorMessage(error));
      },
    };
    if (editing.kind === "newZone") createZone.mutate({ name }, callbacks);
    else if (editing.kind === "zone") renameZone.mutate({ id: editing.zone.id, name }, callbacks);
    else if (editing.kind === "newArea") createArea.mutate({ name, zoneId: Number(values.zoneId) }, callbacks);
    else updateArea.mutate({ id: editing.area.id, name }, callbacks);
  };

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={pending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: initialName, zoneId: zones[0]?.id }}
        data-testid="structure-form"
      >
        <Form.Item
          name="name"
          label={t("structure.name")}
          rules={[
            { required: true, whitespace: true },
            zodRule((editing.kind === "newArea" ? createAreaSchema : createZoneSchema).shape.name),
          ]}
        >
          <Input maxLength={50} autoFocus />
        </Form.Item>
        {editing.kind === "newArea" && (
          <Form.Item name="zoneId" label={t("ranking.zone")} rules={[chooseRule(t, t("ranking.zone"))]}>
            <Select
              placeholder={t("common.choose")}
              options={zones.map((zone) => ({ value: zone.id, label: zone.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
