// Adds a building to an area (its secretary or the task force), checked with the shared create schema.

import { createBuildingSchema } from "@jiati/shared";
import { useQuery } from "@tanstack/react-query";
import { App, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateBuilding } from "../../api/buildings";
import { sessionQuery } from "../../api/session";
import { BuildingFields, type BuildingFieldValues, normaliseFields } from "../../components/BuildingFields";
import { applyServerErrors, parseInto } from "../../components/forms";
import { useErrorMessage } from "../../components/useErrorMessage";
import { isTaskforce } from "../../lib/roles";

export function CreateBuildingModal({ areaId, onClose }: { areaId: number; onClose: () => void }) {
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
        navigate(`/buildings/${building.id}`);
      },
      onError: (error) => {
        if (!applyServerErrors(form, error)) message.error(errorMessage(error));
      },
    });
  };

  return (
    <Modal
      open
      width={720}
      title={t("building.add")}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ areaId }} data-testid="create-building-form">
        <BuildingFields canChooseArea={isTaskforce(user)} />
      </Form>
    </Modal>
  );
}
