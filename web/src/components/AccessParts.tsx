// Pieces shared by the access pages (SEC-2 … SEC-6, SEC-12) and the refusal screens: the record a
// request or grant names, its actions, status tags, a request's approval progress along its chain,
// and the form fields a request and a direct grant share (the record, the actions, the days).
import { useCallback } from 'react';
import { Button, Checkbox, Form, InputNumber, Popconfirm, Radio, Space, Steps, Tag, Typography, type FormInstance } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { useRoles } from '../data';
import { ACCESS_ACTIONS, ACCESS_OBJECT_TYPES, MAX_GRANT_DAYS } from '../enums';
import { applyServerErrors } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { AccessAction, AccessGrant, AccessObjectType, AccessRequest, StepScope } from '../types';

export const REQUEST_STATUS_COLOR: Record<AccessRequest['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export const GRANT_STATUS_COLOR: Record<AccessGrant['status'], string> = {
  active: 'success',
  future: 'processing',
  expired: 'default',
  revoked: 'error',
};

/** The page of a record a request or grant names. */
export function objectPath(type: AccessObjectType, id: number): string {
  return type === 'archive' ? `/archives/${id}` : `/customers/${id}`;
}

/** "Archive BJ-2026-000003" (in the current language) linking to the record; its id when the caller may not see its label. */
export function ObjectLink({
  type,
  id,
  label,
  secrecy,
}: {
  type: AccessObjectType;
  id: number;
  label?: string;
  secrecy?: string;
}) {
  const { t, te } = useI18n();
  return (
    <Space size={4} wrap data-testid="access-object">
      <Typography.Text type="secondary">{t(`access.objectType.${type}` as MessageKey)}</Typography.Text>
      <Link to={objectPath(type, id)}>{label || `#${id}`}</Link>
      {secrecy && secrecy !== 'normal' && <Tag color="red">{te('secrecy', secrecy)}</Tag>}
    </Space>
  );
}

/** SEC-3: the registered non-employee a request was filed for ("外来人员：刘律师 (某律所)"); nothing when none. */
export function VisitorTag({ label }: { label?: string | null }) {
  const { t } = useI18n();
  if (!label) return null;
  return (
    <Tag color="cyan" data-testid="access-visitor-tag">
      {t('access.visitorTag', { label })}
    </Tag>
  );
}

export function ActionTags({ actions }: { actions: AccessAction[] }) {
  const { t } = useI18n();
  return (
    <Space size={2} wrap data-testid="access-actions">
      {actions.map((a) => (
        <Tag key={a} color={a === 'read' ? 'blue' : a === 'copy' ? 'purple' : a === 'lend' ? 'gold' : 'volcano'}>
          {t(`access.action.${a}` as MessageKey)}
        </Tag>
      ))}
    </Space>
  );
}

export function RequestStatusTag({ status }: { status: AccessRequest['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={REQUEST_STATUS_COLOR[status]} data-testid="access-request-status">
      {t(`access.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function GrantStatusTag({ status }: { status: AccessGrant['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={GRANT_STATUS_COLOR[status]} data-testid="grant-status">
      {t(`grant.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** Role code -> its name in the current language (the code itself without org.read). */
export function useRoleName() {
  const { can } = useAuth();
  const { lang } = useI18n();
  const { roles } = useRoles(can('org.read'));
  return useCallback(
    (code: string) => {
      const r = roles.find((x) => x.code === code);
      if (!r) return code;
      return lang === 'en' ? r.name_en || r.name_zh : r.name_zh || r.name_en;
    },
    [roles, lang],
  );
}

/** The steps of a request: its submission, then each step of its chain with the decision taken on it. */
export function AccessProgress({ request, direction = 'horizontal' }: { request: AccessRequest; direction?: 'horizontal' | 'vertical' }) {
  const { t } = useI18n();
  const roleName = useRoleName();
  const rolesOf = (roles: string[]) => roles.map(roleName).join(' / ');
  const scopeOf = (scope: StepScope) => t(`access.scope.${scope}` as MessageKey);
  const items = [
    {
      title: t('access.submitted'),
      status: 'finish' as const,
      description: (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {request.requester_name} · {fmtTime(request.created_at)}
        </Typography.Text>
      ),
    },
    ...request.steps.map((step, idx) => {
      const decision = request.decisions.find((d) => d.step === idx);
      let status: 'finish' | 'error' | 'process' | 'wait' = 'wait';
      let text: string;
      if (decision) {
        status = decision.decision === 'approve' ? 'finish' : 'error';
        text = t(decision.decision === 'approve' ? 'access.stepApproved' : 'access.stepRejected', {
          name: decision.approver_name,
          at: fmtTime(decision.at),
        });
      } else if (idx === request.current_step && request.status === 'pending') {
        status = 'process';
        text = t('access.stepWaiting', { roles: rolesOf(step.roles), scope: scopeOf(step.scope) });
      } else if (idx === request.current_step && request.status === 'withdrawn') {
        text = t('access.stepWithdrawn');
      } else {
        text = t('access.stepLater', { roles: rolesOf(step.roles), scope: scopeOf(step.scope) });
      }
      return {
        title: step.name,
        status,
        description: (
          <Space direction="vertical" size={0} data-testid={`access-step-${idx}`} data-status={status}>
            <Typography.Text type={status === 'wait' ? 'secondary' : undefined} style={{ fontSize: 12 }}>
              {text}
            </Typography.Text>
            {decision?.comment && (
              <Typography.Text type="secondary" italic style={{ fontSize: 12 }} data-testid="access-step-comment">
                {decision.comment}
              </Typography.Text>
            )}
          </Space>
        ),
      };
    }),
  ];
  return (
    <Steps
      className="patron-access-steps"
      size="small"
      direction={direction}
      items={items}
      data-testid="access-progress"
      style={{ maxWidth: 960 }}
    />
  );
}

/** The form items of the record (type and id) and the actions of a request or a direct grant. */
export function AccessObjectItems({ testId, actionsTestId }: { testId: 'access' | 'grant'; actionsTestId?: string }) {
  const { t } = useI18n();
  const required = (key: MessageKey) => ({ required: true, message: t('validation.required', { field: t(key) }) });
  return (
    <>
      <Form.Item name="object_type" label={t('access.objectType')} rules={[required('access.objectType')]}>
        <Radio.Group data-testid={`${testId}-object-type`}>
          {ACCESS_OBJECT_TYPES.map((k) => (
            <Radio key={k} value={k} data-testid={`${testId}-object-type-${k}`}>
              {t(`access.objectType.${k}` as MessageKey)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item name="object_id" label={t('access.objectId')} extra={t('access.objectIdHelp')} rules={[required('access.objectId')]}>
        <InputNumber min={1} precision={0} style={{ width: 200 }} data-testid={`${testId}-object-id`} />
      </Form.Item>
      <Form.Item name="actions" label={t('access.actions')} rules={[{ ...required('access.actions'), type: 'array', min: 1 }]}>
        <Checkbox.Group data-testid={actionsTestId}>
          {ACCESS_ACTIONS.map((a) => (
            <Checkbox key={a} value={a} data-testid={`${testId}-action-${a}`}>
              {t(`access.action.${a}` as MessageKey)}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
    </>
  );
}

/** The form item of the days a grant lasts. */
export function AccessDaysItem({ testId }: { testId: 'access' | 'grant' }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="days"
      label={t('access.days')}
      extra={t('access.daysHelp', { max: MAX_GRANT_DAYS })}
      rules={[{ required: true, message: t('validation.required', { field: t('access.days') }) }]}
    >
      <InputNumber precision={0} style={{ width: 120 }} data-testid={`${testId}-days`} />
    </Form.Item>
  );
}

/**
 * A refused request or grant: the field errors go onto the form's fields (named in `fields`); returns
 * what to show above the form — the other field errors, or the detail when there are none ("" else).
 */
export function submitErrorText(form: FormInstance, e: unknown, fields: Set<string>): string {
  const err = e as ApiError;
  const rest = applyServerErrors(form, err, (path) => path.length === 1 && fields.has(String(path[0])));
  if (rest.length) return rest.map((r) => `${r.field}: ${r.message}`).join('; ');
  if (!err.errors?.length) return err.detail;
  return '';
}

const WITHDRAW_TEXTS = {
  access: { button: 'access.withdraw', confirm: 'access.withdrawConfirm' },
  report: { button: 'report.withdraw', confirm: 'report.withdrawConfirm' },
} as const;

// The requester's recall of a pending request along an approval chain (an access request, a SEC-11
// report request): asks first, then calls onConfirm. Test ids: <kind>-withdraw, <kind>-withdraw-confirm.
export function WithdrawAction({ kind, id, onConfirm }: { kind: keyof typeof WITHDRAW_TEXTS; id: number; onConfirm: () => void }) {
  const { t } = useI18n();
  const texts = WITHDRAW_TEXTS[kind];
  return (
    <Popconfirm
      title={t(texts.confirm, { id })}
      okText={t(texts.button)}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': `${kind}-withdraw-confirm` } as never}
      onConfirm={onConfirm}
    >
      <Button type="link" size="small" icon={<RollbackOutlined />} data-testid={`${kind}-withdraw`}>
        {t(texts.button)}
      </Button>
    </Popconfirm>
  );
}
