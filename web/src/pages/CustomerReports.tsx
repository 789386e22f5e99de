// SEC-11: customer statistics reports. Preparers (report.prepare) define reports of their
// departments and see their figures as bar charts; a change of items waits for the general
// manager; a distribution is computed when asked and reviewed (the customer service manager) — to
// another department also approved (the general manager) — before the recipient department sees
// it. Approvers decide here ("To decide"); holders of report.read see what their department
// received and download it as CSV (watermarked, audited).
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { BarChartOutlined, CheckOutlined, CloseOutlined, DownloadOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, asItems } from '../api';
import { applyServerErrors } from '../formErrors';
import { useAuth } from '../auth';
import { useDepartments } from '../data';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { REPORT_ITEMS, type CustomerReport, type ReportFigure, type ReportItem, type ReportRequest } from '../types';
import { WithdrawAction } from '../components/AccessParts';
import DecisionModal from '../components/DecisionModal';
import { useDecision } from '../hooks/useDecision';
import { usePageLoad } from '../hooks/usePageLoad';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

type TabKey = 'reports' | 'inbox' | 'mine' | 'received';

// Items whose groups are enumeration codes shown translated.
const ENUM_GROUP: Partial<Record<ReportItem, string>> = {
  customers_by_category: 'category',
  customers_by_type: 'customer_type',
  customers_by_kind: 'kind',
  customers_by_grade: 'grade',
};

/** The figures of a report: one bar chart and one small table per item. */
export function ReportFiguresView({ figures, items }: { figures: ReportFigure[]; items: ReportItem[] }) {
  const { t, te } = useI18n();
  const label = (f: ReportFigure) => (ENUM_GROUP[f.item] ? te(ENUM_GROUP[f.item]!, f.key) : f.key || '—');
  if (figures.length === 0) return <Empty />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="report-figures">
      {items.map((item) => {
        const rows = figures.filter((f) => f.item === item);
        const option = {
          animation: false,
          tooltip: { trigger: 'axis' },
          grid: { left: 40, right: 20, top: 20, bottom: 60 },
          xAxis: { type: 'category', data: rows.map(label), axisLabel: { rotate: rows.length > 6 ? 30 : 0 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [{ name: t('report.count'), type: 'bar', data: rows.map((r) => r.count) }],
        };
        return (
          <Card key={item} size="small" title={t(`report.items.${item}` as MessageKey)} data-testid="report-item" data-item={item}>
            <ReactEChartsCore echarts={echarts} option={option} style={{ height: 220 }} notMerge />
            <Table<ReportFigure>
              rowKey={(r) => `${r.item}:${r.key}`}
              size="small"
              pagination={false}
              dataSource={rows}
              onRow={(r) => ({ 'data-testid': 'report-figure', 'data-key': r.key, 'data-count': r.count }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('report.group'), key: 'g', render: (_: unknown, r: ReportFigure) => label(r) },
                { title: t('report.count'), dataIndex: 'count', width: 100 },
              ]}
            />
          </Card>
        );
      })}
    </Space>
  );
}

function StatusTag({ status }: { status: ReportRequest['status'] }) {
  const { t } = useI18n();
  const color = status === 'approved' ? 'success' : status === 'rejected' ? 'error' : status === 'withdrawn' ? 'default' : 'processing';
  return (
    <Tag color={color} data-testid="report-status">
      {t(`report.status.${status}` as MessageKey)}
    </Tag>
  );
}

function Progress({ request }: { request: ReportRequest }) {
  return (
    <Steps
      size="small"
      current={request.current_step}
      status={request.status === 'rejected' ? 'error' : request.status === 'approved' ? 'finish' : 'process'}
      items={request.steps.map((s, i) => {
        const d = request.decisions[i];
        return {
          title: s.name,
          description: d ? `${d.approver_name} · ${fmtTime(d.at)}${d.comment ? ` · ${d.comment}` : ''}` : undefined,
        };
      })}
    />
  );
}

export default function CustomerReports() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const { departments } = useDepartments();
  const [params, setParams] = useSearchParams();
  const preparer = can('report.prepare');
  const reader = can('report.read');
  const requested = params.get('tab') as TabKey | null;
  const tab: TabKey = requested ?? (preparer ? 'reports' : reader ? 'received' : 'inbox');

  const [reports, setReports] = useState<CustomerReport[]>([]);
  const [inbox, setInbox] = useState<ReportRequest[]>([]);
  const [mine, setMine] = useState<ReportRequest[]>([]);
  const [received, setReceived] = useState<ReportRequest[]>([]);
  const [editing, setEditing] = useState<CustomerReport | 'new' | null>(null);
  const [distributing, setDistributing] = useState<CustomerReport | null>(null);
  const [viewing, setViewing] = useState<{ title: string; items: ReportItem[]; figures: ReportFigure[]; computed_at?: string } | null>(
    null,
  );
  const [form] = Form.useForm();
  const [sendForm] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState('');

  const { loading, error, load } = usePageLoad(async () => {
    const [r, ci, di, m, rec] = await Promise.all([
      preparer ? api.get('/customer-reports') : Promise.resolve({ items: [] }),
      api.get('/report-changes', { box: 'inbox' }),
      api.get('/report-distributions', { box: 'inbox' }),
      api.get('/report-distributions', { box: 'mine' }),
      reader ? api.get('/report-distributions', { box: 'received' }) : Promise.resolve({ items: [] }),
    ]);
    setReports(asItems<CustomerReport>(r));
    setInbox([...asItems<ReportRequest>(ci), ...asItems<ReportRequest>(di)]);
    setMine(asItems<ReportRequest>(m));
    setReceived(asItems<ReportRequest>(rec));
  }, [preparer, reader]);

  const decision = useDecision<ReportRequest, 'comment'>({
    field: 'comment',
    submit: (r, d, comment) =>
      api.post<ReportRequest>(`/${r.kind === 'change' ? 'report-changes' : 'report-distributions'}/${r.id}/decision`, {
        decision: d,
        comment,
        version: r.version,
      }),
    onDecided: async () => {
      message.success(t('report.decided'));
      await load();
    },
    reload: load,
    isFormField: (path) => path.length === 1 && path[0] === 'comment',
  });
  const { deciding, open: openDecision } = decision;

  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    next.set('tab', k);
    setParams(next, { replace: true });
  };

  const itemOptions = REPORT_ITEMS.map((i) => ({ value: i, label: t(`report.items.${i}` as MessageKey) }));
  const deptOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const itemTags = (items: ReportItem[]) => (
    <Space size={[0, 4]} wrap>
      {items.map((i) => (
        <Tag key={i}>{t(`report.items.${i}` as MessageKey)}</Tag>
      ))}
    </Space>
  );

  const openEdit = (r: CustomerReport | 'new') => {
    form.resetFields();
    setFormError('');
    if (r !== 'new') form.setFieldsValue({ title: r.title, items: r.items, note: '' });
    setEditing(r);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    setBusy(true);
    setFormError('');
    try {
      if (editing === 'new') {
        await api.post('/customer-reports', { title: v.title, department_id: v.department_id, items: v.items });
        message.success(t('report.created'));
      } else {
        const saved = await api.patch<CustomerReport>(`/customer-reports/${editing.id}`, {
          version: editing.version,
          title: v.title,
          items: v.items,
          note: v.note ?? '',
        });
        message.success(saved.pending_change ? t('report.changeRequested') : t('report.saved'));
      }
      setEditing(null);
      await load();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        setFormError(err.detail || t('customer.conflict'));
        await load();
      } else {
        const rest = applyServerErrors(form, err);
        if (rest.length || !err.errors?.length) setFormError(err.detail);
      }
    } finally {
      setBusy(false);
    }
  };

  const openSend = (r: CustomerReport) => {
    sendForm.resetFields();
    setFormError('');
    setDistributing(r);
  };
  const send = async () => {
    const v = await sendForm.validateFields().catch(() => null);
    if (!v || !distributing) return;
    setBusy(true);
    setFormError('');
    try {
      await api.post(`/customer-reports/${distributing.id}/distributions`, {
        recipient_department_id: v.recipient_department_id,
        note: v.note ?? '',
      });
      message.success(t('report.distributed'));
      setDistributing(null);
      setTab('mine');
      await load();
    } catch (e) {
      const err = e as ApiError;
      const rest = applyServerErrors(sendForm, err);
      if (rest.length || !err.errors?.length) setFormError(err.detail);
    } finally {
      setBusy(false);
    }
  };

  const showFigures = async (r: CustomerReport) => {
    try {
      const f = await api.get<{ items: ReportItem[]; figures: ReportFigure[]; computed_at: string }>(`/customer-reports/${r.id}/figures`);
      setViewing({ title: r.title, ...f });
    } catch (e) {
      message.error((e as ApiError).detail, 6);
    }
  };

  const requestRow = (r: ReportRequest) =>
    ({ 'data-testid': 'report-request-row', 'data-id': r.id, 'data-kind': r.kind, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>;
  const requestDetail = (r: ReportRequest) => (
    <Space direction="vertical" style={{ width: '100%', padding: '4px 8px' }}>
      {r.note && <Typography.Text>{`${t('report.note')}: ${r.note}`}</Typography.Text>}
      {r.kind === 'change' && r.previous_items && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('report.items')}>{itemTags(r.previous_items)}</Descriptions.Item>
          <Descriptions.Item label={t('report.pendingChange')}>{itemTags(r.items)}</Descriptions.Item>
        </Descriptions>
      )}
      <Progress request={r} />
      {r.kind === 'distribution' && r.figures && (
        <>
          <Typography.Text type="secondary">{t('report.computedAt', { time: fmtTime(r.computed_at) })}</Typography.Text>
          <ReportFiguresView figures={r.figures} items={r.items} />
        </>
      )}
    </Space>
  );
  const requestColumns = [
    { title: '#', dataIndex: 'id', width: 70 },
    {
      title: t('report.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (k: ReportRequest['kind']) => <Tag>{t(`report.kind.${k}` as MessageKey)}</Tag>,
    },
    { title: t('report.name'), dataIndex: 'title' },
    { title: t('report.department'), dataIndex: 'report_department_name' },
    {
      title: t('report.recipient'),
      key: 'recipient',
      render: (_: unknown, r: ReportRequest) => r.recipient_department_name ?? '—',
    },
    { title: t('report.requester'), dataIndex: 'requester_name' },
    { title: t('report.status'), dataIndex: 'status', render: (s: ReportRequest['status']) => <StatusTag status={s} /> },
    { title: t('report.createdAt'), dataIndex: 'created_at', render: (v: string) => fmtTime(v) },
  ];

  const reportsTab = (
    <Table<CustomerReport>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={reports}
      pagination={{ pageSize: 20 }}
      data-testid="reports-table"
      locale={{ emptyText: <span data-testid="reports-empty">{t('report.noReports')}</span> }}
      onRow={(r) => ({ 'data-testid': 'report-row', 'data-id': r.id }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: '#', dataIndex: 'id', width: 70 },
        { title: t('report.name'), dataIndex: 'title' },
        { title: t('report.department'), dataIndex: 'department_name' },
        {
          title: t('report.items'),
          key: 'items',
          render: (_: unknown, r: CustomerReport) => (
            <Space direction="vertical" size={2}>
              {itemTags(r.items)}
              {r.pending_change && (
                <Tag color="warning" data-testid="report-pending-change">
                  {t('report.pendingChange')}
                </Tag>
              )}
            </Space>
          ),
        },
        { title: t('field.updated_at'), dataIndex: 'updated_at', render: (v: string) => fmtTime(v) },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, r: CustomerReport) => (
            <Space size={0} wrap>
              <Button type="link" size="small" icon={<BarChartOutlined />} onClick={() => showFigures(r)} data-testid="report-view">
                {t('report.view')}
              </Button>
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEdit(r)} data-testid="report-edit">
                {t('report.edit')}
              </Button>
              <Button type="link" size="small" icon={<SendOutlined />} onClick={() => openSend(r)} data-testid="report-distribute">
                {t('report.distribute')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );

  const inboxTab = (
    <Table<ReportRequest>
      rowKey={(r) => `${r.kind}:${r.id}`}
      size="middle"
      loading={loading}
      dataSource={inbox}
      pagination={{ pageSize: 20 }}
      data-testid="reports-inbox"
      locale={{ emptyText: <span data-testid="reports-inbox-empty">{t('report.noInbox')}</span> }}
      onRow={requestRow}
      expandable={{ expandedRowRender: requestDetail }}
      columns={[
        ...requestColumns,
        {
          title: t('report.progress'),
          key: 'step',
          render: (_: unknown, r: ReportRequest) => (
            <Tag color="processing" data-testid="report-current-step">
              {r.steps[r.current_step]?.name ?? '—'} ({r.current_step + 1}/{r.steps.length})
            </Tag>
          ),
        },
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, r: ReportRequest) =>
            r.may_decide && (
              <Space size={0}>
                <Button type="link" size="small" icon={<CheckOutlined />} onClick={() => openDecision(r, 'approve')} data-testid="report-approve">
                  {t('report.approve')}
                </Button>
                <Button type="link" size="small" danger icon={<CloseOutlined />} onClick={() => openDecision(r, 'reject')} data-testid="report-reject">
                  {t('report.reject')}
                </Button>
              </Space>
            ),
        },
      ]}
    />
  );

  // The requester recalls a pending distribution (SEC-11; as an access request is withdrawn).
  const withdraw = async (r: ReportRequest) => {
    try {
      await api.post<ReportRequest>(`/${r.kind === 'change' ? 'report-changes' : 'report-distributions'}/${r.id}/withdraw`, {
        version: r.version,
      });
      message.success(t('report.withdrawn'));
    } catch (e) {
      const err = e as ApiError;
      message.error(err.status === 409 ? t('customer.conflict') : err.detail, 6);
    }
    await load();
  };

  const mineTab = (
    <Table<ReportRequest>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={mine}
      pagination={{ pageSize: 20 }}
      data-testid="reports-mine"
      locale={{ emptyText: <span data-testid="reports-mine-empty">{t('report.noMine')}</span> }}
      onRow={requestRow}
      expandable={{ expandedRowRender: requestDetail }}
      columns={[
        ...requestColumns,
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, r: ReportRequest) =>
            r.status === 'pending' && <WithdrawAction kind="report" id={r.id} onConfirm={() => withdraw(r)} />,
        },
      ]}
    />
  );

  const receivedTab = (
    <Table<ReportRequest>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={received}
      pagination={{ pageSize: 20 }}
      data-testid="reports-received"
      locale={{ emptyText: <span data-testid="reports-received-empty">{t('report.noReceived')}</span> }}
      onRow={requestRow}
      expandable={{ expandedRowRender: requestDetail }}
      columns={[
        ...requestColumns,
        {
          title: t('common.actions'),
          key: 'a',
          render: (_: unknown, r: ReportRequest) => (
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              href={`/api/v1/report-distributions/${r.id}/export`}
              download
              data-testid="report-download"
            >
              {t('report.download')}
            </Button>
          ),
        },
      ]}
    />
  );

  const tabs = [
    ...(preparer ? [{ key: 'reports', label: <span data-testid="reports-tab-reports">{t('report.tabReports')}</span>, children: reportsTab }] : []),
    {
      key: 'inbox',
      label: (
        <span data-testid="reports-tab-inbox">
          {t('report.tabInbox')} {inbox.length > 0 && <Tag color="volcano">{inbox.length}</Tag>}
        </span>
      ),
      children: inboxTab,
    },
    ...(preparer ? [{ key: 'mine', label: <span data-testid="reports-tab-mine">{t('report.tabMine')}</span>, children: mineTab }] : []),
    ...(reader
      ? [{ key: 'received', label: <span data-testid="reports-tab-received">{t('report.tabReceived')}</span>, children: receivedTab }]
      : []),
  ];

  const d = deciding?.record;
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('report.title')}
        </Typography.Title>
        {preparer && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEdit('new')} data-testid="report-new">
            {t('report.new')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary">{t('report.help')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Tabs activeKey={tab} onChange={setTab} items={tabs} />

      <Modal
        open={!!editing}
        title={editing === 'new' ? t('report.new') : t('report.edit')}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={busy}
        okButtonProps={{ id: 'report-save' }}
        forceRender
        width={640}
      >
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} data-testid="report-form-error" />}
        {editing && editing !== 'new' && editing.pending_change && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('report.pendingChange')} />
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('report.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="report-title" maxLength={100} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item name="department_id" label={t('report.department')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" options={deptOptions} data-testid="report-department" />
            </Form.Item>
          )}
          <Form.Item name="items" label={t('report.items')} extra={t('report.itemsHelp')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={itemOptions} data-testid="report-items" style={{ display: 'grid', gap: 4 }} />
          </Form.Item>
          {editing !== 'new' && (
            <Form.Item name="note" label={t('report.changeNote')}>
              <Input.TextArea rows={2} maxLength={500} data-testid="report-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>

      <Modal
        open={!!distributing}
        title={`${t('report.distribute')} · ${distributing?.title ?? ''}`}
        onCancel={() => setDistributing(null)}
        onOk={send}
        confirmLoading={busy}
        okButtonProps={{ id: 'report-send' }}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('report.distributeHelp')}</Typography.Paragraph>
        {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
        <Form form={sendForm} layout="vertical">
          <Form.Item name="recipient_department_id" label={t('report.recipient')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={deptOptions} data-testid="report-recipient" />
          </Form.Item>
          <Form.Item name="note" label={t('report.note')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="report-send-note" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={!!viewing} title={`${t('report.figures')} · ${viewing?.title ?? ''}`} footer={null} width={820} onCancel={() => setViewing(null)}>
        {viewing && (
          <>
            <Typography.Text type="secondary">{t('report.computedAt', { time: fmtTime(viewing.computed_at) })}</Typography.Text>
            <ReportFiguresView figures={viewing.figures} items={viewing.items} />
          </>
        )}
      </Modal>

      <DecisionModal
        decision={decision}
        width={820}
        title={deciding && d ? t(deciding.decision === 'approve' ? 'report.approveTitle' : 'report.rejectTitle', { id: d.id }) : ''}
        okText={deciding?.decision === 'approve' ? t('report.approve') : t('report.reject')}
        okButtonProps={{ id: 'report-decision-save', danger: deciding?.decision === 'reject' }}
        errorTestId="report-decision-error"
        label={t('report.comment')}
        rejectLabel={t('report.rejectReason')}
        inputTestId="report-decision-comment"
      >
        {d && requestDetail(d)}
      </DecisionModal>
    </Card>
  );
}
