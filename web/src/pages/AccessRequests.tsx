// SEC-2/SEC-3/SEC-4: access requests. "My requests" lists the caller's requests with their progress
// along the approval chain (the requester withdraws a pending one); "To decide" lists the pending
// requests whose current step the caller may decide, approved or rejected (with a reason) here.
// SEC-3: a request filed for a registered non-employee shows the visitor.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, asItems } from '../api';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { AccessRequest } from '../types';
import AccessRequestModal from '../components/AccessRequestModal';
import DecisionModal from '../components/DecisionModal';
import { useDecision } from '../hooks/useDecision';
import { usePageLoad } from '../hooks/usePageLoad';
import { AccessProgress, ActionTags, ObjectLink, RequestStatusTag, VisitorTag, WithdrawAction } from '../components/AccessParts';

type TabKey = 'mine' | 'inbox';

export default function AccessRequests() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'inbox' ? 'inbox' : 'mine';

  const [mine, setMine] = useState<AccessRequest[]>([]);
  const [inbox, setInbox] = useState<AccessRequest[]>([]);
  const [expanded, setExpanded] = useState<number[]>([]);
  const [creating, setCreating] = useState(false);

  const { loading, error, load } = usePageLoad(async () => {
    const [m, i] = await Promise.all([api.get('/access-requests', { box: 'mine' }), api.get('/access-requests', { box: 'inbox' })]);
    const mineList = asItems<AccessRequest>(m);
    setMine(mineList);
    setInbox(asItems<AccessRequest>(i));
    // The pending requests show their progress at once.
    setExpanded(mineList.filter((r) => r.status === 'pending').map((r) => r.id));
  }, []);

  const decision = useDecision<AccessRequest, 'comment'>({
    field: 'comment',
    submit: (r, decision, comment) =>
      api.post<AccessRequest>(`/access-requests/${r.id}/decision`, { decision, comment, version: r.version }),
    onDecided: async () => {
      message.success(t('access.decided'));
      await load();
    },
    reload: load,
    isFormField: (path) => path.length === 1 && path[0] === 'comment',
  });
  const { deciding, open: openDecision } = decision;

  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    if (k === 'inbox') next.set('tab', 'inbox');
    else next.delete('tab');
    setParams(next, { replace: true });
  };

  const withdraw = async (r: AccessRequest) => {
    try {
      await api.post<AccessRequest>(`/access-requests/${r.id}/withdraw`, { version: r.version });
      message.success(t('access.withdrawn'));
    } catch (e) {
      const err = e as ApiError;
      message.error(err.status === 409 ? t('customer.conflict') : err.detail, 6);
    }
    await load();
  };

  const objectColumn = {
    title: t('access.object'),
    key: 'object',
    render: (_: unknown, r: AccessRequest) => (
      <Space direction="vertical" size={2}>
        <ObjectLink type={r.object_type} id={r.object_id} label={r.object_label} secrecy={r.object_secrecy} />
        <VisitorTag label={r.visitor_label} />
      </Space>
    ),
  };
  const rowProps = (r: AccessRequest) =>
    ({ 'data-testid': 'access-request-row', 'data-id': r.id, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>;
  const expandedRow = (r: AccessRequest) => (
    <Space direction="vertical" style={{ width: '100%', padding: '4px 8px' }}>
      <Typography.Text data-testid="access-reason-text">{t('access.reasonText', { reason: r.reason })}</Typography.Text>
      <AccessProgress request={r} />
    </Space>
  );

  const mineTab = (
    <Table<AccessRequest>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={mine}
      pagination={{ pageSize: 20 }}
      data-testid="access-mine"
      locale={{ emptyText: <span data-testid="access-mine-empty">{t('access.noMine')}</span> }}
      onRow={rowProps}
      expandable={{
        expandedRowRender: expandedRow,
        expandedRowKeys: expanded,
        onExpand: (open, r) => setExpanded((keys) => (open ? [...keys, r.id] : keys.filter((k) => k !== r.id))),
      }}
      columns={[
        { title: '#', dataIndex: 'id', width: 70 },
        objectColumn,
        { title: t('access.actions'), dataIndex: 'actions', render: (a: AccessRequest['actions']) => <ActionTags actions={a} /> },
        { title: t('access.purpose'), dataIndex: 'purpose' },
        { title: t('access.days'), dataIndex: 'days', width: 90, render: (n: number) => t('access.daysValue', { n }) },
        { title: t('access.status'), dataIndex: 'status', render: (s: AccessRequest['status']) => <RequestStatusTag status={s} /> },
        { title: t('access.createdAt'), dataIndex: 'created_at', render: (v: string) => fmtTime(v) },
        { title: t('access.decidedAt'), dataIndex: 'decided_at', render: (v: string | null) => fmtTime(v) || '—' },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, r: AccessRequest) =>
            r.status === 'pending' && <WithdrawAction kind="access" id={r.id} onConfirm={() => withdraw(r)} />,
        },
      ]}
    />
  );

  const inboxTab = (
    <Table<AccessRequest>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={inbox}
      pagination={{ pageSize: 20 }}
      data-testid="access-inbox"
      locale={{ emptyText: <span data-testid="access-inbox-empty">{t('access.noInbox')}</span> }}
      onRow={rowProps}
      expandable={{ expandedRowRender: expandedRow }}
      columns={[
        { title: '#', dataIndex: 'id', width: 70 },
        { title: t('access.requester'), dataIndex: 'requester_name' },
        objectColumn,
        { title: t('access.actions'), dataIndex: 'actions', render: (a: AccessRequest['actions']) => <ActionTags actions={a} /> },
        { title: t('access.purpose'), dataIndex: 'purpose' },
        { title: t('access.reason'), dataIndex: 'reason', ellipsis: true },
        { title: t('access.days'), dataIndex: 'days', width: 90, render: (n: number) => t('access.daysValue', { n }) },
        {
          title: t('access.progress'),
          key: 'step',
          render: (_: unknown, r: AccessRequest) => (
            <Tag color="processing" data-testid="access-current-step">
              {r.steps[r.current_step]?.name ?? '—'} ({r.current_step + 1}/{r.steps.length})
            </Tag>
          ),
        },
        { title: t('access.createdAt'), dataIndex: 'created_at', render: (v: string) => fmtTime(v) },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, r: AccessRequest) =>
            r.may_decide && (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<CheckOutlined />}
                  onClick={() => openDecision(r, 'approve')}
                  data-testid="access-approve"
                >
                  {t('access.approve')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<CloseOutlined />}
                  onClick={() => openDecision(r, 'reject')}
                  data-testid="access-reject"
                >
                  {t('access.reject')}
                </Button>
              </Space>
            ),
        },
      ]}
    />
  );

  const d = deciding?.record;
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('access.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="access-new">
          {t('access.new')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('access.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'mine', label: <span data-testid="access-tab-mine">{t('access.tabMine')}</span>, children: mineTab },
          {
            key: 'inbox',
            label: (
              <span data-testid="access-tab-inbox">
                {t('access.tabInbox')} {inbox.length > 0 && <Tag color="volcano">{inbox.length}</Tag>}
              </span>
            ),
            children: inboxTab,
          },
        ]}
      />

      <AccessRequestModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={async (r) => {
          setCreating(false);
          message.success(t('access.created'));
          setTab('mine');
          await load();
          setExpanded((keys) => (keys.includes(r.id) ? keys : [...keys, r.id]));
        }}
      />

      <DecisionModal
        decision={decision}
        width={720}
        title={
          deciding && d
            ? t(deciding.decision === 'approve' ? 'access.approveTitle' : 'access.rejectTitle', { id: d.id })
            : ''
        }
        okText={deciding?.decision === 'approve' ? t('access.approve') : t('access.reject')}
        okButtonProps={{ id: 'access-decision-save', danger: deciding?.decision === 'reject' }}
        errorTestId="access-decision-error"
        label={t('access.comment')}
        rejectLabel={t('access.rejectComment')}
        inputTestId="access-decision-comment"
      >
        {d && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('access.requester')}>{d.requester_name}</Descriptions.Item>
              <Descriptions.Item label={t('access.object')}>
                <ObjectLink type={d.object_type} id={d.object_id} label={d.object_label} secrecy={d.object_secrecy} />
              </Descriptions.Item>
              <Descriptions.Item label={t('access.actions')}>
                <ActionTags actions={d.actions} />
              </Descriptions.Item>
              {d.visitor_label && (
                <Descriptions.Item label={t('access.visitor')} span={2}>
                  <VisitorTag label={d.visitor_label} />
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('access.days')}>{t('access.daysValue', { n: d.days })}</Descriptions.Item>
              <Descriptions.Item label={t('access.purpose')} span={2}>
                {d.purpose}
              </Descriptions.Item>
              <Descriptions.Item label={t('access.reason')} span={2}>
                {d.reason}
              </Descriptions.Item>
            </Descriptions>
            <AccessProgress request={d} direction="vertical" />
            {deciding?.decision === 'approve' && (
              <Typography.Text type="secondary">
                {t('access.approveHelp', { step: d.steps[d.current_step]?.name ?? '', days: d.days })}
              </Typography.Text>
            )}
          </Space>
        )}
      </DecisionModal>
    </Card>
  );
}
