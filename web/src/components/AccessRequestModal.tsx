// SEC-2: the form of a new access request — the record (type and id), the actions wanted, the
// purpose and reason, and how many days the grant should last once approved. The server chooses
// the approval chain (SEC-3/SEC-4) and answers field errors, shown on their fields. SEC-3: the host
// of a registered non-employee may file it on the visitor's behalf (one of their visitors in force).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, asItems } from '../api';
import { useAuth } from '../auth';
import { useI18n, type MessageKey } from '../i18n';
import type { AccessAction, AccessObjectType, AccessRequest, Visitor } from '../types';
import { AccessDaysItem, AccessObjectItems, submitErrorText } from './AccessParts';

interface Values {
  object_type: AccessObjectType;
  object_id: number | null;
  actions: AccessAction[];
  purpose: string;
  reason: string;
  days: number | null;
  visitor_id?: number;
}
const FIELDS = new Set(['object_type', 'object_id', 'actions', 'purpose', 'reason', 'days', 'visitor_id']);
const DEFAULT_DAYS = 3;

export interface AccessRequestTarget {
  object_type?: AccessObjectType;
  object_id?: number;
}

export default function AccessRequestModal({
  open,
  target,
  onClose,
  onCreated,
}: {
  open: boolean;
  /** The record to pre-fill (from a refusal screen). */
  target?: AccessRequestTarget;
  onClose: () => void;
  onCreated: (request: AccessRequest) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const { me } = useAuth();
  // SEC-3: the caller's visitors whose registration is in force.
  const [visitors, setVisitors] = useState<Visitor[]>([]);
  const myId = me?.id;
  useEffect(() => {
    if (!open || myId == null) return;
    let alive = true;
    api
      .get('/visitors')
      .then((r) => alive && setVisitors(asItems<Visitor>(r).filter((v) => v.status === 'active' && v.host_id === myId)))
      .catch(() => alive && setVisitors([]));
    return () => {
      alive = false;
    };
  }, [open, myId]);

  const objectType = target?.object_type;
  const objectId = target?.object_id;
  const resetToDefaults = useCallback(() => {
    form.resetFields();
    form.setFieldsValue({
      object_type: objectType ?? 'archive',
      object_id: objectId ?? null,
      actions: ['read'],
      purpose: '',
      reason: '',
      days: DEFAULT_DAYS,
      visitor_id: undefined,
    });
    setError('');
  }, [objectType, objectId, form]);
  useEffect(() => {
    if (open) resetToDefaults();
  }, [open, resetToDefaults]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError('');
    try {
      const created = await api.post<AccessRequest>('/access-requests', {
        object_type: v.object_type,
        object_id: v.object_id,
        actions: v.actions,
        purpose: (v.purpose ?? '').trim(),
        reason: (v.reason ?? '').trim(),
        days: v.days,
        ...(v.visitor_id != null ? { visitor_id: v.visitor_id } : {}),
      });
      onCreated(created);
    } catch (e) {
      setError(submitErrorText(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const required = (key: MessageKey) => ({ required: true, message: t('validation.required', { field: t(key) }) });
  return (
    <Modal
      open={open}
      title={t('access.newTitle')}
      onCancel={onClose}
      confirmLoading={busy}
      okText={t('access.new')}
      okButtonProps={{ id: 'access-request-save', 'data-testid': 'access-request-save' }}
      forceRender
      // Reset on closing too: a reopened form then shows its defaults from its first frame, never
      // the last request's values until the effect above runs.
      afterClose={resetToDefaults}
      onOk={submit}
    >
      <Typography.Paragraph type="secondary">{t('access.newHelp')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="access-request-error" />}
      <Form<Values> form={form} layout="vertical" data-testid="access-request-form">
        <AccessObjectItems testId="access" actionsTestId="access-actions-input" />
        <Form.Item
          name="purpose"
          label={t('access.purpose')}
          rules={[{ ...required('access.purpose'), whitespace: true }]}
        >
          <Input maxLength={200} placeholder={t('access.purposePlaceholder')} data-testid="access-purpose" />
        </Form.Item>
        <Form.Item name="reason" label={t('access.reason')} rules={[{ ...required('access.reason'), whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="access-reason" />
        </Form.Item>
        <AccessDaysItem testId="access" />
        <Form.Item
          name="visitor_id"
          label={t('access.visitor')}
          extra={
            visitors.length ? (
              t('access.visitorHelp')
            ) : (
              <span data-testid="access-visitor-none">
                {t('access.visitorNone')} <Link to="/visitors">{t('access.visitorRegister')}</Link>
              </span>
            )
          }
        >
          <Select
            allowClear
            disabled={!visitors.length}
            placeholder={t('access.visitorPlaceholder')}
            style={{ width: 360 }}
            data-testid="access-visitor"
            options={visitors.map((v) => ({ value: v.id, label: `${v.name} (${v.organisation})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
