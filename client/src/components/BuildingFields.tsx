// The editable fields of a building, as antd form items — used by the create and the edit dialogs. The
// dialogs validate the whole body with the shared zod schema before sending.

import type { BuildingFieldValues } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { Col, Form, Input, InputNumber, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { areasQuery } from "../api/structure";
import { chooseRule } from "./forms";

/** Form values → request body: empty numbers become null, text is trimmed. */
export function normaliseFields(values: Partial<BuildingFieldValues>): BuildingFieldValues {
  const num = (value: number | null | undefined) => (value === undefined || value === null ? null : Number(value));
  return {
    areaId: Number(values.areaId),
    estate: (values.estate ?? "").trim(),
    address: (values.address ?? "").trim(),
    floors: num(values.floors),
    households: num(values.households),
    elderlyHouseholds: num(values.elderlyHouseholds),
    elevatorCompany: (values.elevatorCompany ?? "").trim(),
    consentRate: num(values.consentRate),
    costWan: num(values.costWan),
    subsidyWan: num(values.subsidyWan),
    notes: (values.notes ?? "").trim(),
  };
}

export function BuildingFields({ canChooseArea }: { canChooseArea: boolean }) {
  const { t } = useTranslation();
  // Loaded even when the area is fixed: the field shows its name.
  const areas = useQuery(areasQuery()).data ?? [];
  const number = (name: keyof BuildingFieldValues, props: { min?: number; max?: number; step?: number } = {}) => (
    <Col xs={12} md={8} key={name}>
      <Form.Item name={name} label={t(`field.${name}`)}>
        <InputNumber style={{ width: "100%" }} {...props} data-testid={`field-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={12}>
      <Col xs={24} md={12}>
        <Form.Item name="areaId" label={t("field.areaId")} rules={[chooseRule(t, t("field.areaId"))]}>
          <Select
            placeholder={t("common.choose")}
            disabled={!canChooseArea}
            showSearch={{ optionFilterProp: "label" }}
            options={areas.map((area) => ({
              value: area.id,
              label: t("common.nameWithDetail", { name: area.name, detail: area.zoneName }),
            }))}
            data-testid="field-areaId"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="estate" label={t("field.estate")}>
          <Input maxLength={100} data-testid="field-estate" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="address" label={t("field.address")} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} placeholder={t("building.addressPlaceholder")} data-testid="field-address" />
        </Form.Item>
      </Col>
      {number("floors", { min: 2, max: 40 })}
      {number("households", { min: 0, max: 1000 })}
      {number("elderlyHouseholds", { min: 0, max: 1000 })}
      <Col xs={24} md={8}>
        <Form.Item name="elevatorCompany" label={t("field.elevatorCompany")}>
          <Input maxLength={100} data-testid="field-elevatorCompany" />
        </Form.Item>
      </Col>
      {number("consentRate", { min: 0, max: 100, step: 0.1 })}
      {number("costWan", { min: 0, max: 100000, step: 0.1 })}
      {number("subsidyWan", { min: 0, max: 100000, step: 0.1 })}
      <Col xs={24}>
        <Form.Item name="notes" label={t("field.notes")}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="field-notes" />
        </Form.Item>
      </Col>
    </Row>
  );
}
