// SEC-10: leaks of customer information. Anyone reports a known or possible leak; the customer
// information supervisor and the customer service manager (incident.manage) are reminded at once
// (the reminder links to /incidents/<id>), record the remedial actions with their owners, the owners
// (or incident.manage) mark them done with the result, and the incident is closed with a summary
// once every action is done. The list shows all incidents to incident.manage, else one's reports.
import { useState } from 'react';
import {
  Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Divider, Form, Input, Modal, Radio, Select, Space, Table, Tag,
  Typography,
} from 'antd';
import { AlertOutlined, CheckOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, asItems, remindersChanged } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { applyServerErrors, useModalSubmit } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import { usePageLoad } from '../hooks/usePageLoad';
import type { BreachIncident, RemedialAction } from '../types';

const BASE = '/breach-incidents';

interface ReportValues {
  severity: BreachIncident['severity'];
  title: string;
  description: string;
  records: string;
  occurred_on: Dayjs;
}
interface ActionValues {
  description: string;
  owner_id: number;
  due_on: Dayjs | null;
}
interface DoneValues {
  result: string;
}
interface CloseValues {
  summary: string;
}

export function SeverityTag({ severity }: { severity: BreachIncident['severity'] }) {
  const { t } = useI18n();
  return (
    <Tag color={severity === 'confirmed' ? 'red' : 'orange'} data-testid="breach-severity" data-severity={severity}>
      {t(severity === 'confirmed' ? 'breach.severity.confirmed' : 'breach.severity.possible')}
    </Tag>
  );
}

export function IncidentStatusTag({ status }: { status: BreachIncident['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'open' ? 'processing' : 'default'} data-testid="breach-status" data-status={status}>
      {t(status === 'open' ? 'breach.status.open' : 'breach.status.closed')}
    </Tag>
  );
}

export default function BreachIncidents() {
  const { t } = useI18n();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const openId = id && /^\d+$/.test(id) ? Number(id) : null;
  const manage = can('incident.manage');
  const { users } = useUsers(can('org.read'));
  const userName = (uid: number | null | undefined) =>
    uid == null ? '' : users.find((u) => u.id === uid)?.display_name ?? (uid === me?.id ? me?.display_name : `#${uid}`);

  const [items, setItems] = useState<BreachIncident[]>([]);
  const { loading, error, load } = usePageLoad(async () => {
    setItems(asItems<BreachIncident>(await api.get(BASE)));
  }, []);

  // The report form (everyone).
  const [reporting, setReporting] = useState(false);
  const [reportForm] = Form.useForm<ReportValues>();
  const report = useModalSubmit(reportForm, async (v) => {
    const created = await api.post<BreachIncident>(BASE, {
      severity: v.severity,
      title: (v.title ?? '').trim(),
      description: (v.description ?? '').trim(),
      records: (v.records ?? '').trim(),
      occurred_on: v.occurred_on.format('YYYY-MM-DD'),
    });
    setReporting(false);
    message.success(t('breach.reported'));
    remindersChanged();
    await load();
    navigate(`/incidents/${created.id}`);
  });
  const startReport = () => {
    reportForm.resetFields();
    reportForm.setFieldsValue({ severity: 'possible', occurred_on: dayjs() });
    report.setErr('');
    setReporting(true);
  };

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('breach.title')}
        </Typography.Title>
        <Button type="primary" danger icon={<AlertOutlined />} onClick={startReport} data-testid="breach-report">
          {t('breach.report')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('breach.help')}</Typography.Paragraph>
      {!manage && <Typography.Paragraph type="secondary">{t('breach.mineOnly')}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Table<BreachIncident>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20 }}
        data-testid="breach-list"
        locale={{ emptyText: <span data-testid="breach-empty">{t('breach.empty')}</span> }}
        onRow={(r) =>
          ({ 'data-testid': 'breach-row', 'data-id': r.id, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          {
            title: t('breach.titleField'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <a onClick={() => navigate(`/incidents/${r.id}`)} data-testid="breach-open">
                {v}
              </a>
            ),
          },
          { title: t('breach.severity'), dataIndex: 'severity', render: (s: BreachIncident['severity']) => <SeverityTag severity={s} /> },
          { title: t('breach.status'), dataIndex: 'status', render: (s: BreachIncident['status']) => <IncidentStatusTag status={s} /> },
          { title: t('breach.occurredOn'), dataIndex: 'occurred_on' },
          { title: t('breach.reportedBy'), dataIndex: 'reported_by', render: (uid: number) => userName(uid) },
          { title: t('breach.reportedAt'), dataIndex: 'reported_at', render: (v: string) => fmtTime(v) },
          { title: t('breach.closedAt'), dataIndex: 'closed_at', render: (v: string | null) => fmtTime(v) || '—' },
        ]}
      />

      <Modal
        open={reporting}
        title={t('breach.reportTitle')}
        onCancel={() => setReporting(false)}
        onOk={() => report.submit().catch(() => undefined)}
        okText={t('breach.report')}
        okButtonProps={{ id: 'breach-report-save', danger: true, loading: report.busy }}
        cancelText={t('common.cancel')}
        destroyOnClose
        width={640}
      >
        {report.err && <Alert type="error" showIcon message={report.err} style={{ marginBottom: 12 }} data-testid="breach-report-error" />}
        <Form form={reportForm} layout="vertical" preserve={false}>
          <Form.Item name="severity" label={t('breach.severity')} rules={[{ required: true }]}>
            <Radio.Group data-testid="breach-severity-input">
              <Radio value="possible" data-testid="breach-severity-possible">
                {t('breach.severity.possible')}
              </Radio>
              <Radio value="confirmed" data-testid="breach-severity-confirmed">
                {t('breach.severity.confirmed')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="title" label={t('breach.titleField')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('breach.titleField') }) }]}>
            <Input maxLength={200} placeholder={t('breach.titlePlaceholder')} data-testid="breach-title" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('breach.description')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('breach.description') }) }]}
          >
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('breach.descriptionPlaceholder')} data-testid="breach-description" />
          </Form.Item>
          <Form.Item name="records" label={t('breach.records')}>
            <Input.TextArea rows={2} maxLength={4000} placeholder={t('breach.recordsPlaceholder')} data-testid="breach-records" />
          </Form.Item>
          <Form.Item name="occurred_on" label={t('breach.occurredOn')} extra={t('breach.occurredOnHelp')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="breach-occurred-on" />
          </Form.Item>
        </Form>
      </Modal>

      {openId != null && (
        <IncidentDrawer
          key={openId}
          id={openId}
          userName={userName}
          onClose={() => navigate('/incidents')}
          onChanged={load}
        />
      )}
    </Card>
  );
}

function IncidentDrawer({
  id,
  userName,
  onClose,
  onChanged,
}: {
  id: number;
  userName: (uid: number | null | undefined) => string;
  onClose: () => void;
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const manage = can('incident.manage');
  const { users } = useUsers(can('org.read'));
  const [incident, setIncident] = useState<BreachIncident | null>(null);
  const { loading, error, load } = usePageLoad(async () => {
    setIncident(await api.get<BreachIncident>(`${BASE}/${id}`));
  }, [id]);

  const changed = async (b: BreachIncident) => {
    setIncident(b);
    remindersChanged();
    await onChanged();
  };

  // Add a remedial action (incident.manage).
  const [actionForm] = Form.useForm<ActionValues>();
  const [actionBusy, setActionBusy] = useState(false);
  const [actionErr, setActionErr] = useState('');
  const addAction = async () => {
    const v = await actionForm.validateFields().catch(() => null);
    if (!v) return;
    setActionBusy(true);
    setActionErr('');
    try {
      const b = await api.post<BreachIncident>(`${BASE}/${id}/actions`, {
        description: (v.description ?? '').trim(),
        owner_id: v.owner_id,
        ...(v.due_on ? { due_on: v.due_on.format('YYYY-MM-DD') } : {}),
      });
      message.success(t('breach.actionAdded'));
      actionForm.resetFields();
      await changed(b);
    } catch (e) {
      const rest = applyServerErrors(actionForm, e);
      if (rest.length || !(e as ApiError).errors?.length) setActionErr((e as ApiError).detail);
    } finally {
      setActionBusy(false);
    }
  };

  // Mark an action done (its owner or incident.manage).
  const [doing, setDoing] = useState<RemedialAction | null>(null);
  const [doneForm] = Form.useForm<DoneValues>();
  const done = useModalSubmit(doneForm, async (v) => {
    if (!doing) return;
    const b = await api.post<BreachIncident>(`${BASE}/${id}/actions/${doing.id}/done`, { result: (v.result ?? '').trim() });
    setDoing(null);
    message.success(t('breach.actionDone'));
    await changed(b);
  });

  // Close the incident (incident.manage; refused while an action is open).
  const [closeForm] = Form.useForm<CloseValues>();
  const [closeBusy, setCloseBusy] = useState(false);
  const [closeErr, setCloseErr] = useState('');
  const close = async () => {
    if (!incident) return;
    const v = await closeForm.validateFields().catch(() => null);
    if (!v) return;
    setCloseBusy(true);
    setCloseErr('');
    try {
      const b = await api.post<BreachIncident>(`${BASE}/${id}/close`, { summary: (v.summary ?? '').trim(), version: incident.version });
      message.success(t('breach.closed'));
      await changed(b);
    } catch (e) {
      const err = e as ApiError;
      const rest = applyServerErrors(closeForm, e, (path) => path.length === 1 && path[0] === 'summary');
      if (rest.length || !err.errors?.length) setCloseErr(err.status === 409 ? t('customer.conflict') : err.detail);
      if (err.status === 409) await load();
    } finally {
      setCloseBusy(false);
    }
  };

  const b = incident;
  const actions = b?.actions ?? [];
  const isOpen = b?.status === 'open';
  const activeUsers = users.filter((u) => u.status === 'active');

  return (
    <Drawer
      open
      width={860}
      onClose={onClose}
      title={t('breach.detailTitle', { id })}
      data-testid="breach-drawer"
      destroyOnClose
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error.status === 404 || error.status === 403 ? t('breach.notFound') : error.detail}
          data-testid="breach-detail-error"
        />
      )}
      {loading && !b && <Typography.Text type="secondary">…</Typography.Text>}
      {b && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="breach-detail" data-status={b.status}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('breach.titleField')} span={2}>
              <span data-testid="breach-detail-title">{b.title}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('breach.severity')}>
              <SeverityTag severity={b.severity} />
            </Descriptions.Item>
            <Descriptions.Item label={t('breach.status')}>
              <span data-testid="breach-detail-status">
                <IncidentStatusTag status={b.status} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('breach.occurredOn')}>{b.occurred_on}</Descriptions.Item>
            <Descriptions.Item label={t('breach.reportedAt')}>{fmtTime(b.reported_at)}</Descriptions.Item>
            <Descriptions.Item label={t('breach.reportedBy')} span={2}>
              <span data-testid="breach-detail-reporter">{userName(b.reported_by)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('breach.description')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{b.description}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('breach.records')} span={2}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{b.records || '—'}</span>
            </Descriptions.Item>
            {b.status === 'closed' && (
              <Descriptions.Item label={t('breach.summary')} span={2}>
                <Space direction="vertical" size={0}>
                  <span style={{ whiteSpace: 'pre-wrap' }} data-testid="breach-detail-summary">
                    {b.summary}
                  </span>
                  <Typography.Text type="secondary">
                    {t('breach.closedInfo', { name: userName(b.closed_by), at: fmtTime(b.closed_at) })}
                  </Typography.Text>
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>

          <Divider orientation="left" style={{ margin: '8px 0' }}>
            {t('breach.actions')}
          </Divider>
          <Table<RemedialAction>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={actions}
            data-testid="breach-actions"
            locale={{ emptyText: <span data-testid="breach-actions-empty">{t('breach.noActions')}</span> }}
            onRow={(a) =>
              ({ 'data-testid': 'breach-action-row', 'data-id': a.id, 'data-done': a.done_at ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              { title: t('breach.actionDescription'), dataIndex: 'description' },
              {
                title: t('breach.owner'),
                dataIndex: 'owner_id',
                width: 120,
                render: (uid: number) => <span data-testid="breach-action-owner">{userName(uid)}</span>,
              },
              { title: t('breach.dueOn'), dataIndex: 'due_on', width: 110 },
              {
                title: t('breach.done'),
                key: 'done',
                render: (_: unknown, a: RemedialAction) =>
                  a.done_at ? (
                    <Typography.Text type="success" data-testid="breach-action-result">
                      {t('breach.doneAt', { at: fmtTime(a.done_at), result: a.result })}
                    </Typography.Text>
                  ) : (
                    <Tag data-testid="breach-action-pending">{t('breach.pending')}</Tag>
                  ),
              },
              {
                title: t('common.actions'),
                key: 'a',
                width: 110,
                render: (_: unknown, a: RemedialAction) =>
                  !a.done_at &&
                  isOpen &&
                  (manage || a.owner_id === me?.id) && (
                    <Button
                      type="link"
                      size="small"
                      icon={<CheckOutlined />}
                      data-testid="breach-action-done"
                      onClick={() => {
                        doneForm.resetFields();
                        done.setErr('');
                        setDoing(a);
                      }}
                    >
                      {t('breach.markDone')}
                    </Button>
                  ),
              },
            ]}
          />

          {manage && isOpen && (
            <Card size="small" title={t('breach.addAction')} data-testid="breach-action-form">
              {actionErr && <Alert type="error" showIcon message={actionErr} style={{ marginBottom: 12 }} data-testid="breach-action-error" />}
              <Form form={actionForm} layout="vertical">
                <Form.Item
                  name="description"
                  label={t('breach.actionDescription')}
                  rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('breach.actionDescription') }) }]}
                >
                  <Input.TextArea
                    rows={2}
                    maxLength={4000}
                    placeholder={t('breach.actionDescriptionPlaceholder')}
                    data-testid="breach-action-description"
                  />
                </Form.Item>
                <Space wrap align="start">
                  <Form.Item name="owner_id" label={t('breach.owner')} rules={[{ required: true, message: t('validation.required', { field: t('breach.owner') }) }]}>
                    <Select
                      showSearch
                      style={{ width: 240 }}
                      optionFilterProp="label"
                      data-testid="breach-action-owner-select"
                      options={activeUsers.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }))}
                    />
                  </Form.Item>
                  <Form.Item name="due_on" label={t('breach.dueOn')} extra={t('breach.dueOnHelp')}>
                    <DatePicker data-testid="breach-action-due" />
                  </Form.Item>
                </Space>
<div>
                <Button type="primary" icon={<PlusOutlined />} loading={actionBusy} onClick={addAction} data-testid="breach-action-add">
                  {t('breach.addAction')}
                </Button>
                </div>
              </Form>
            </Card>
          )}

          {manage && isOpen && (
            <Card size="small" title={t('breach.close')} data-testid="breach-close-form">
              <Typography.Paragraph type="secondary">{t('breach.closeHelp')}</Typography.Paragraph>
              {closeErr && <Alert type="error" showIcon message={closeErr} style={{ marginBottom: 12 }} data-testid="breach-close-error" />}
              <Form form={closeForm} layout="vertical">
                <Form.Item
                  name="summary"
                  label={t('breach.summary')}
                  rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('breach.summary') }) }]}
                >
                  <Input.TextArea rows={3} maxLength={4000} placeholder={t('breach.summaryPlaceholder')} data-testid="breach-close-summary" />
                </Form.Item>
                <Button type="primary" loading={closeBusy} onClick={close} data-testid="breach-close">
                  {t('breach.close')}
                </Button>
              </Form>
            </Card>
          )}
        </Space>
      )}

      <Modal
        open={doing != null}
        title={doing ? t('breach.markDoneTitle', { description: doing.description }) : ''}
        onCancel={() => setDoing(null)}
        onOk={() => done.submit().catch(() => undefined)}
        okText={t('breach.markDone')}
        okButtonProps={{ id: 'breach-done-save', loading: done.busy }}
        cancelText={t('common.cancel')}
      >
        {done.err && <Alert type="error" showIcon message={done.err} style={{ marginBottom: 12 }} data-testid="breach-done-error" />}
        <Form form={doneForm} layout="vertical">
          <Form.Item name="result" label={t('breach.result')} rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('breach.result') }) }]}>
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('breach.resultPlaceholder')} data-testid="breach-done-result" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
