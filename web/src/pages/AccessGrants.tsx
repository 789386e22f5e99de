// SEC-2/SEC-12: access grants — time-limited, for one record and named actions. Everyone sees
// their own; the general manager (access.authorise) and auditors see everyone's. The general
// manager authorises access directly (SEC-12) and revokes any grant; a grant's granter and its
// grantee may revoke it too. Revoked grants stay on record.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Result, Select, Space, Table, Tabs, Typography } from 'antd';
import { SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, asItems } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { applyServerErrors } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { AccessAction, AccessGrant, AccessObjectType } from '../types';
import { usePageLoad } from '../hooks/usePageLoad';
import { AccessDaysItem, AccessObjectItems, ActionTags, GrantStatusTag, ObjectLink, submitErrorText } from '../components/AccessParts';

type TabKey = 'mine' | 'all';

interface AuthoriseValues {
  grantee_id: number | null;
  object_type: AccessObjectType;
  object_id: number | null;
  actions: AccessAction[];
  days: number | null;
  reason: string;
}
const AUTHORISE_FIELDS = new Set(['grantee_id', 'object_type', 'object_id', 'actions', 'days', 'reason']);

export default function AccessGrants() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const mayAuthorise = can('access.authorise');
  const maySeeAll = mayAuthorise || can('audit.read');
  const { users } = useUsers(can('org.read'));
  const [params, setParams] = useSearchParams();
  const tab: TabKey = maySeeAll && params.get('tab') === 'all' ? 'all' : 'mine';

  const [mine, setMine] = useState<AccessGrant[]>([]);
  const [all, setAll] = useState<AccessGrant[]>([]);

  const [authorising, setAuthorising] = useState(false);
  const [authoriseForm] = Form.useForm<AuthoriseValues>();
  const [revoking, setRevoking] = useState<AccessGrant | null>(null);
  const [revokeForm] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [modalError, setModalError] = useState('');

  const { loading, error, load } = usePageLoad(async () => {
    const [m, a] = await Promise.all([
      api.get('/access-grants', { scope: 'mine' }),
      maySeeAll ? api.get('/access-grants', { scope: 'all' }) : Promise.resolve(null),
    ]);
    setMine(asItems<AccessGrant>(m));
    setAll(asItems<AccessGrant>(a));
  }, [maySeeAll]);

  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    if (k === 'all') next.set('tab', 'all');
    else next.delete('tab');
    setParams(next, { replace: true });
  };
  const userName = (uid: number | null) => users.find((u) => u.id === uid)?.display_name ?? (uid ? `#${uid}` : '');
  const objectText = (g: AccessGrant) =>
    `${t(`access.objectType.${g.object_type}` as MessageKey)} ${g.object_label || `#${g.object_id}`}`;
  const revokerName = (g: AccessGrant) =>
    g.revoked_by_name || (g.revoked_by === me?.id ? (me?.display_name ?? '') : userName(g.revoked_by));

  const openAuthorise = () => {
    authoriseForm.resetFields();
    authoriseForm.setFieldsValue({ object_type: 'archive', actions: ['read'], days: 3, reason: '' });
    setModalError('');
    setAuthorising(true);
  };
  const authorise = async () => {
    const v = await authoriseForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setModalError('');
    try {
      await api.post<AccessGrant>('/access-grants', {
        grantee_id: v.grantee_id,
        object_type: v.object_type,
        object_id: v.object_id,
        actions: v.actions,
        days: v.days,
        reason: (v.reason ?? '').trim(),
      });
      message.success(t('grant.authorised'));
      setAuthorising(false);
      setTab('all');
      await load();
    } catch (e) {
      setModalError(submitErrorText(authoriseForm, e, AUTHORISE_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  const openRevoke = (g: AccessGrant) => {
    revokeForm.resetFields();
    setModalError('');
    setRevoking(g);
  };
  const revoke = async () => {
    if (!revoking) return;
    const v = await revokeForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setModalError('');
    try {
      await api.post<AccessGrant>(`/access-grants/${revoking.id}/revoke`, { reason: v.reason.trim() });
      message.success(t('grant.revoked'));
      setRevoking(null);
      await load();
    } catch (e) {
      const err = e as ApiError;
      const rest = applyServerErrors(revokeForm, err, (path) => path.length === 1 && path[0] === 'reason');
      if (rest.length || !err.errors?.length) setModalError(err.detail);
      if (err.status === 412 || err.status === 409 || err.status === 422) load();
    } finally {
      setBusy(false);
    }
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  const mayRevoke = (g: AccessGrant) =>
    (g.status === 'active' || g.status === 'future') && (mayAuthorise || g.granted_by === me?.id || g.grantee_id === me?.id);

  const table = (rows: AccessGrant[], everyone: boolean) => (
    <Table<AccessGrant>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 20 }}
      data-testid={everyone ? 'grants-all' : 'grants-mine'}
      locale={{ emptyText: <span data-testid={everyone ? 'grants-all-empty' : 'grants-mine-empty'}>{t('grant.none')}</span> }}
      onRow={(g) => ({ 'data-testid': 'grant-row', 'data-id': g.id, 'data-status': g.status }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: '#', dataIndex: 'id', width: 70 },
        ...(everyone ? [{ title: t('grant.grantee'), dataIndex: 'grantee_name' }] : []),
        {
          title: t('access.object'),
          key: 'object',
          render: (_: unknown, g: AccessGrant) => <ObjectLink type={g.object_type} id={g.object_id} label={g.object_label} />,
        },
        { title: t('access.actions'), dataIndex: 'actions', render: (a: AccessAction[]) => <ActionTags actions={a} /> },
        {
          title: t('grant.validity'),
          key: 'validity',
          width: 170,
          render: (_: unknown, g: AccessGrant) => (
            <Space direction="vertical" size={0} style={{ whiteSpace: 'nowrap' }} data-testid="grant-validity">
              <span>{fmtTime(g.valid_from)}</span>
              <Typography.Text type="secondary">{t('grant.validUntil', { until: fmtTime(g.valid_until) })}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('grant.kind'),
          dataIndex: 'kind',
          render: (k: AccessGrant['kind'], g: AccessGrant) =>
            k === 'request' ? t('grant.kind.request', { id: g.request_id ?? '' }) : t('grant.kind.authorisation'),
        },
        { title: t('grant.grantedBy'), dataIndex: 'granted_by_name' },
        { title: t('grant.reason'), dataIndex: 'reason', ellipsis: true },
        {
          title: t('grant.status'),
          dataIndex: 'status',
          width: 200,
          render: (s: AccessGrant['status'], g: AccessGrant) => (
            <Space direction="vertical" size={0}>
              <GrantStatusTag status={s} />
              {g.revoked_at && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="grant-revoked-info">
                  {t('grant.revokedInfo', {
                    name: revokerName(g),
                    at: fmtTime(g.revoked_at),
                    reason: g.revoke_reason,
                  })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, g: AccessGrant) =>
            mayRevoke(g) && (
              <Button type="link" size="small" danger icon={<StopOutlined />} onClick={() => openRevoke(g)} data-testid="grant-revoke">
                {t('grant.revoke')}
              </Button>
            ),
        },
      ]}
    />
  );

  const granteeOptions = users
    .filter((u) => u.status === 'active' && u.id !== me?.id)
    .map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }));
  const required = (key: MessageKey) => ({ required: true, message: t('validation.required', { field: t(key) }) });

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('grant.title')}
        </Typography.Title>
        {mayAuthorise && (
          <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={openAuthorise} data-testid="grant-authorise">
            {t('grant.authorise')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('grant.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'mine', label: <span data-testid="grants-tab-mine">{t('grant.tabMine')}</span>, children: table(mine, false) },
          ...(maySeeAll
            ? [{ key: 'all', label: <span data-testid="grants-tab-all">{t('grant.tabAll')}</span>, children: table(all, true) }]
            : []),
        ]}
      />

      <Modal
        open={authorising}
        title={t('grant.authoriseTitle')}
        onCancel={() => setAuthorising(false)}
        confirmLoading={busy}
        okText={t('grant.authorise')}
        okButtonProps={{ id: 'grant-authorise-save' }}
        forceRender
        onOk={authorise}
      >
        <Typography.Paragraph type="secondary">{t('grant.authoriseHelp')}</Typography.Paragraph>
        {modalError && authorising && (
          <Alert type="error" showIcon message={modalError} style={{ marginBottom: 12 }} data-testid="grant-authorise-error" />
        )}
        <Form<AuthoriseValues> form={authoriseForm} layout="vertical">
          <Form.Item name="grantee_id" label={t('grant.grantee')} rules={[required('grant.grantee')]}>
            <Select showSearch optionFilterProp="label" options={granteeOptions} data-testid="grant-grantee" />
          </Form.Item>
          <AccessObjectItems testId="grant" />
          <AccessDaysItem testId="grant" />
          <Form.Item name="reason" label={t('grant.reason')} rules={[{ ...required('grant.reason'), whitespace: true }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="grant-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!revoking}
        title={revoking ? t('grant.revokeTitle', { id: revoking.id }) : ''}
        onCancel={() => setRevoking(null)}
        confirmLoading={busy}
        okText={t('grant.revoke')}
        okButtonProps={{ id: 'grant-revoke-save', danger: true }}
        forceRender
        onOk={revoke}
      >
        {revoking && (
          <Typography.Paragraph type="secondary">
            {t('grant.revokeHelp', { name: revoking.grantee_name, object: objectText(revoking) })}
          </Typography.Paragraph>
        )}
        {modalError && revoking && (
          <Alert type="error" showIcon message={modalError} style={{ marginBottom: 12 }} data-testid="grant-revoke-error" />
        )}
        <Form form={revokeForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('grant.revokeReason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('grant.revokeReason') }) }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="grant-revoke-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
