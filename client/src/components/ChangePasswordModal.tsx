import { type ChangePasswordInput, passwordSchema } from "@jiati/shared";
import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { useChangePassword } from "../api/session";
import { applyServerErrors, zodRule } from "./forms";
import { useErrorMessage } from "./useErrorMessage";

/** The request's fields, and the new password typed again. */
type Values = ChangePasswordInput & { confirm: string };

/** Any role may change their own password; the server ends their other sessions. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const errorMessage = useErrorMessage();

  const submit = async () => {
    const values = await form.validateFields();
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          message.success(t("user.passwordChanged"));
          form.resetFields();
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
      open={open}
      title={t("user.changePassword")}
      onCancel={onClose}
      onOk={submit}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={change.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="currentPassword" label={t("user.currentPassword")} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t("user.newPassword")}
          rules={[{ required: true }, zodRule(passwordSchema)]}
          extra={t("user.passwordHint")}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("user.confirmPassword")}
          dependencies={["newPassword"]}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("user.passwordMismatch"))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
