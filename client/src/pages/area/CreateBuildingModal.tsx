// Adds a building to an area (its secretary or the task force), checked with the shared create schema.
// Afterwards: the building's page, or — given `onCreated` — back to the list the user came from.

import { type Building, type BuildingFieldValues, createBuildingSchema } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Button, Form } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateBuilding } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import { BuildingFields, normaliseFields } from "../../components/BuildingFields";
import { applyServerErrors, parseInto } from "../../components/forms";
import { Sheet } from "../../components/Sheet";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isTaskforce } from "../../lib/roles";

interface Props {
  areaId: number;
  onClose: () => void;
  onCreated?: (building: Building) => void;
}

export function CreateBuildingModal({ areaId, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data: user } = useQuery(sessionQuery);
  const [form] = Form.useForm<BuildingFieldValues>();
  const create = useCreateBuilding();
  const errorMessage = useErrorMessage();

  const submit = async () => {
    await form.validateFields();
    const body = parseInto(form, createBuildingSchema, normaliseFields(form.getFieldsValue(true)));
    if (!body) return;
    create.mutate(body, {
      onSuccess: (building) => {
        message.success(t("building.created"));
        onClose();
        if (onCreated) onCreated(building);
        else navigate(`/buildings/${building.id}`);
      },
      onError: (error) => {
        if (!applyServerErrors(form, error)) message.error(errorMessage(error));
      },
    });
  };

  return (
    <Sheet
      width={720}
      title={t("building.add")}
      onClose={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t("common.cancel")}
        </Button>,
        <Button key="ok" type="primary" loading={create.isPending} onClick={submit} data-testid="create-submit">
          {t("common.save")}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={{ areaId }} data-testid="create-building-form">
        <BuildingFields canChooseArea={isTaskforce(user)} />
      </Form>
    </Sheet>
  );
}
