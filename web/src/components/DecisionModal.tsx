// The dialog of an approve/reject decision (see useDecision): what is decided on (children), the
// server's error, and the comment — required when rejecting.
import type { ReactNode } from 'react';
import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import { useI18n } from '../i18n';
import type { DecisionDialogState } from '../hooks/useDecision';

export default function DecisionModal<T>({
  decision: { deciding, form, field, busy, error, close, decide },
  title,
  width,
  okText,
  okButtonProps,
  errorTestId,
  label,
  rejectLabel,
  inputTestId,
  children,
}: {
  decision: DecisionDialogState<T>;
  title: string;
  width: number;
  okText: string;
  okButtonProps: ButtonProps & { id: string };
  errorTestId: string;
  /** The comment's label when approving, and when rejecting (then required). */
  label: string;
  rejectLabel: string;
  inputTestId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={!!deciding}
      width={width}
      title={title}
      onCancel={close}
      confirmLoading={busy}
      okText={okText}
      okButtonProps={okButtonProps}
      forceRender
      onOk={decide}
    >
      {children}
      {error && deciding && <Alert type="error" showIcon message={error} style={{ margin: '12px 0' }} data-testid={errorTestId} />}
      <Form form={form} layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          name={field}
          label={deciding?.decision === 'reject' ? rejectLabel : label}
          rules={
            deciding?.decision === 'reject'
              ? [{ required: true, whitespace: true, message: t('validation.required', { field: rejectLabel }) }]
              : []
          }
        >
          <Input.TextArea rows={2} maxLength={500} data-testid={inputTestId} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
