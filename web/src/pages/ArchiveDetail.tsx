// One archive: ARC-2/ARC-3 checklist status with the ARC-1 scans of each item, the ARC-4 deadline
// with its arithmetic, the ARC-5 handovers, and the steps of the flow the caller may take (hand
// over, check, file, confirm), and the ARC-6g record of files lost or damaged.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Select,
  Space, Spin, Switch, Table, Tag, Timeline, Tooltip, Typography, Upload,
} from 'antd';
import type { UploadProps } from 'antd';
import { ExceptionOutlined, FileOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { usePolicyValue, useUsers } from '../data';
import { applyServerErrors } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { Archive, ArchiveDocument, ArchiveIncident, ArchiveItem, ChecklistItem, Interaction } from '../types';
import { STATUS_COLOR } from './ArchiveList';
import AccessRefused from '../components/AccessRefused';

// ARC-6g: an incident's form; the first two causes cost the responsible person a fine per file.
interface IncidentValues {
  kind: ArchiveIncident['kind'];
  cause: ArchiveIncident['cause'];
  responsible_id: number;
  files: number | null;
  occurred_on: Dayjs;
  description: string;
}
const INCIDENT_KINDS: ArchiveIncident['kind'][] = ['lost', 'damaged'];
const INCIDENT_CAUSES: ArchiveIncident['cause'][] = ['late_filing', 'borrowing_breach', 'other'];
const FINED_CAUSES = new Set<string>(['late_filing', 'borrowing_breach']);
const INCIDENT_FIELDS = new Set(['kind', 'cause', 'responsible_id', 'files', 'occurred_on', 'description']);

export default function ArchiveDetail() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { users } = useUsers(can('org.read'));
  const [archive, setArchive] = useState<Archive | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [modal, setModal] = useState<'' | 'handover' | 'check' | 'file'>('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const [check, setCheck] = useState<ArchiveItem[]>([]);
  // ARC-1 scans: uploads in flight per checklist item, the last refusal, the scan being withdrawn.
  const [uploading, setUploading] = useState<Record<string, number>>({});
  const [scanError, setScanError] = useState('');
  const [withdrawing, setWithdrawing] = useState<ArchiveDocument | null>(null);
  const [withdrawForm] = Form.useForm<{ reason: string }>();
  const [fileError, setFileError] = useState('');
  // ARC-6g: the incident being recorded (keeper) and its refusal other than a field's.
  const [incidentOpen, setIncidentOpen] = useState(false);
  const [incidentForm] = Form.useForm<IncidentValues>();
  const [incidentError, setIncidentError] = useState('');
  const mayRecordIncidents = can('archive.manage');
  const lostFileFen = usePolicyValue('penalty.lost_file_fen', mayRecordIncidents && can('policy.read'));

  // ARC-13: the letters, faxes and calls with the customer belong to the archive too.
  const [correspondence, setCorrespondence] = useState<Interaction[]>([]);
  const customerId = archive?.customer_id;
  const mayReadCustomers = can('customer.read');
  useEffect(() => {
    if (!customerId || !mayReadCustomers) return;
    api
      .get<Interaction[] | { items: Interaction[] }>(`/customers/${customerId}/interactions`)
      .then((r) => setCorrespondence(Array.isArray(r) ? r : r.items))
      .catch(() => setCorrespondence([]));
  }, [customerId, mayReadCustomers]);

  const load = useCallback(async () => {
    try {
      setArchive(await api.get<Archive>(`/archives/${id}`));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  }, [id]);
  useEffect(() => {
    load();
  }, [load]);

  const title = (c: ChecklistItem) => (lang === 'en' ? c.title_en : c.title_zh);
  const titleOf = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of archive?.checklist ?? []) m.set(c.code, lang === 'en' ? c.title_en : c.title_zh);
    return (code: string) => m.get(code) ?? code;
  }, [archive, lang]);
  const keepers = users.filter((u) => u.status === 'active' && u.roles.some((r) => r.role === 'archive_keeper'));
  // The users may arrive after the handover dialog opened: default the receiver then.
  const firstKeeper = keepers[0]?.id;
  useEffect(() => {
    if (modal === 'handover' && firstKeeper && !form.getFieldValue('receiver_id')) form.setFieldValue('receiver_id', firstKeeper);
  }, [modal, firstKeeper, form]);
  const userName = (uid: number | null) =>
    users.find((u) => u.id === uid)?.display_name ??
    (uid && uid === archive?.responsible_id ? archive.responsible_name : uid ? `#${uid}` : '');

  // ARC-1: the file itself is the request body; the checklist item and file name go in the query.
  const uploadScan =
    (code: string): UploadProps['customRequest'] =>
    async ({ file, onSuccess, onError }) => {
      const f = file as File;
      setUploading((u) => ({ ...u, [code]: (u[code] ?? 0) + 1 }));
      try {
        const doc = await api.upload<ArchiveDocument>(`/archives/${id}/documents`, f, { item: code, filename: f.name });
        setScanError('');
        message.success(t('archive.scanUploaded', { name: doc.filename }));
        onSuccess?.(doc);
        await load();
      } catch (e) {
        const err = e as ApiError;
        setScanError(t('archive.scanError', { detail: err.detail }));
        onError?.(err);
      } finally {
        setUploading((u) => ({ ...u, [code]: (u[code] ?? 1) - 1 }));
      }
    };
  const withdrawScan = async () => {
    // An invalid form shows its errors; nothing to send.
    const v = await withdrawForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await api.post<ArchiveDocument>(`/archives/${id}/documents/${withdrawing!.id}/withdraw`, { reason: v.reason.trim() });
      message.success(t('common.saved'));
      setWithdrawing(null);
      await load();
    } catch (e) {
      message.error((e as ApiError).detail, 6);
    } finally {
      setBusy(false);
    }
  };

  const run = async (action: () => Promise<Archive>) => {
    setBusy(true);
    try {
      setArchive(await action());
      message.success(t('common.saved'));
      setModal('');
    } catch (e) {
      const err = e as ApiError;
      message.error(err.status === 409 ? t('customer.conflict') : err.detail, 6);
      if (err.status === 409) load();
    } finally {
      setBusy(false);
    }
  };

  // SEC-1/SEC-4/SEC-6: another department's archive is refused, a classified one looks missing;
  // either way the caller may ask for access (SEC-2).
  if (error && (error.status === 403 || error.status === 404)) {
    return <AccessRefused error={error} objectType="archive" objectId={Number(id)} backTo="/archives" />;
  }
  if (error) return <Alert type="error" showIcon message={error.detail} />;
  if (!archive) return <Spin />;
  const a = archive;
  const documents = a.documents ?? [];
  const standing = (code: string) => documents.filter((d) => d.item_code === code && !d.withdrawn && !d.purged);
  // As the server's ARC-4 filing check: an item recorded present or defective needs a standing scan.
  // A destroyed archive (ARC-12) holds no scans any more: nothing is expected of it.
  const unscanned = a.status === 'destroyed' ? [] : a.items.filter((i) => i.state !== 'missing' && standing(i.code).length === 0).map((i) => i.code);
  const mayAddScans = (can('archive.create') || can('archive.manage')) && a.status !== 'destroyed';
  const mayWithdrawScans = can('archive.manage');
  const contentUrl = (d: ArchiveDocument) => `/api/v1/archives/${a.id}/documents/${d.id}/content`;
  const fmtSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${Math.max(1, Math.round(n / 1024))} KiB`);

  const openHandover = () => {
    form.resetFields();
    form.setFieldsValue({
      receiver_id: keepers[0]?.id,
      items_handed: a.checklist.filter((c) => !c.optional).map((c) => c.code),
      items_missing: [],
      notes: '',
    });
    setModal('handover');
  };
  const openFile = () => {
    form.resetFields();
    form.setFieldsValue({ cabinet: a.cabinet, shelf: a.shelf, bag: a.bag });
    setFileError('');
    setModal('file');
  };
  const file = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setFileError('');
    try {
      setArchive(await api.post<Archive>(`/archives/${a.id}/file`, { ...v, bag: v.bag ?? '', version: a.version }));
      message.success(t('common.saved'));
      setModal('');
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        setFileError(t('customer.conflict'));
        load();
      } else if (err.field === 'documents') {
        // "…; not scanned: green_card, contract": name the items as the page does.
        const codes = /not scanned:\s*(.*)$/.exec(err.detail)?.[1]?.split(/,\s*/) ?? [];
        setFileError(codes.length ? t('archive.fileRefusedScans', { items: codes.map(titleOf).join('、') }) : err.detail);
        load();
      } else {
        setFileError(err.detail);
      }
    } finally {
      setBusy(false);
    }
  };

  // ARC-6g: the responsible person is the archive's by default; any active user may be named.
  const responsibleOptions = users.filter((u) => u.status === 'active').map((u) => ({ value: u.id, label: u.display_name }));
  if (a.responsible_id && !responsibleOptions.some((o) => o.value === a.responsible_id)) {
    responsibleOptions.unshift({ value: a.responsible_id, label: a.responsible_name });
  }
  const openIncident = () => {
    incidentForm.resetFields();
    incidentForm.setFieldsValue({
      kind: 'lost',
      cause: 'late_filing',
      responsible_id: a.responsible_id || undefined,
      files: 1,
      occurred_on: dayjs(),
      description: '',
    });
    setIncidentError('');
    setIncidentOpen(true);
  };
  const saveIncident = async () => {
    const v = await incidentForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setIncidentError('');
    try {
      setArchive(
        await api.post<Archive>(`/archives/${a.id}/incidents`, {
          kind: v.kind,
          cause: v.cause,
          responsible_id: v.responsible_id,
          files: v.files ?? 0,
          occurred_on: v.occurred_on.format('YYYY-MM-DD'),
          description: (v.description ?? '').trim(),
        }),
      );
      message.success(t('incident.recorded'));
      setIncidentOpen(false);
    } catch (e) {
      const err = e as ApiError;
      const rest = applyServerErrors(incidentForm, err, (path) => path.length === 1 && INCIDENT_FIELDS.has(String(path[0])));
      if (rest.length) setIncidentError(rest.map((r) => `${r.field}: ${r.message}`).join('; '));
      else if (!err.errors?.length) setIncidentError(err.detail);
    } finally {
      setBusy(false);
    }
  };
  const incidents = a.incidents ?? [];

  const scansCell = (i: ArchiveItem) => {
    const docs = documents.filter((d) => d.item_code === i.code && !d.purged);
    return (
      <Space direction="vertical" size={2}>
        {docs.map((d) =>
          d.withdrawn ? (
            <Tooltip key={d.id} title={t('archive.scanWithdrawnBy', { user: userName(d.withdrawn_by), at: fmtTime(d.withdrawn_at), reason: d.withdrawn_reason })}>
              <Typography.Text type="secondary" data-testid={`scan-withdrawn-${d.id}`}>
                <Typography.Text delete type="secondary">
                  {d.filename}
                </Typography.Text>{' '}
                ({t('archive.scanWithdrawn')}: {d.withdrawn_reason})
              </Typography.Text>
            </Tooltip>
          ) : (
            <Space key={d.id} size={4}>
              <Tooltip title={t('archive.scanInfo', { size: fmtSize(d.size_bytes), user: userName(d.uploaded_by), at: fmtTime(d.uploaded_at) })}>
                <a href={contentUrl(d)} target="_blank" rel="noopener noreferrer" data-testid={`scan-link-${i.code}`} data-doc={d.id}>
                  <FileOutlined /> {d.filename}
                </a>
              </Tooltip>
              {mayWithdrawScans && (
                <Button
                  type="link"
                  size="small"
                  danger
                  icon={<StopOutlined />}
                  onClick={() => {
                    withdrawForm.resetFields();
                    setWithdrawing(d);
                  }}
                  data-testid={`scan-withdraw-${d.id}`}
                >
                  {t('archive.scanWithdraw')}
                </Button>
              )}
            </Space>
          ),
        )}
        <Space size={4}>
          {unscanned.includes(i.code) && (
            <Tooltip title={t('archive.scanMissingHelp')}>
              <Tag color="orange" data-testid={`scan-missing-${i.code}`}>
                {t('archive.scanMissing')}
              </Tag>
            </Tooltip>
          )}
          {mayAddScans && (
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              multiple
              showUploadList={false}
              customRequest={uploadScan(i.code)}
              data-testid={`scan-input-${i.code}`}
            >
              <Tooltip title={t('archive.scanFormats')}>
                <Button size="small" icon={<UploadOutlined />} loading={(uploading[i.code] ?? 0) > 0} data-testid={`scan-upload-${i.code}`}>
                  {t('archive.scanUpload')}
                </Button>
              </Tooltip>
            </Upload>
          )}
        </Space>
      </Space>
    );
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} className="patron-page-title" data-testid="archive-number">
            {a.number}
          </Typography.Title>
          <Space wrap>
            <Tag color={STATUS_COLOR[a.status]} data-testid="archive-status">
              {t(`archive.status.${a.status}` as 'archive.status.open')}
            </Tag>
            {a.overdue && <Tag color="red">{t('archive.overdue')}</Tag>}
            {a.complete ? <Tag color="green">{t('archive.complete')}</Tag> : <Tag>{t('archive.incomplete')}</Tag>}
            {a.confirmed_by && <Tag color="gold">{t('archive.confirmed')}</Tag>}
            {can('archive.create') && a.status === 'open' && (
              <Button type="primary" onClick={openHandover} data-testid="archive-handover">
                {t('archive.handover')}
              </Button>
            )}
            {can('archive.manage') && a.status === 'handed_over' && (
              <Button
                type="primary"
                onClick={() => {
                  setCheck(a.items.map((i) => ({ ...i })));
                  setModal('check');
                }}
                data-testid="archive-check"
              >
                {t('archive.check')}
              </Button>
            )}
            {can('archive.manage') && a.status === 'checked' && (
              <Button type="primary" onClick={openFile} data-testid="archive-file">
                {t('archive.file')}
              </Button>
            )}
            {can('archive.confirm') && a.status === 'filed' && a.kind === 'new_car' && !a.confirmed_by && (
              <Button
                onClick={() => run(() => api.post<Archive>(`/archives/${a.id}/confirm`, { version: a.version }))}
                data-testid="archive-confirm"
              >
                {t('archive.confirm')}
              </Button>
            )}
          </Space>
        </Space>
        {a.status === 'destroyed' && (
          <Alert type="warning" showIcon message={t('archive.destroyedNotice')} style={{ marginBottom: 12 }} data-testid="archive-destroyed" />
        )}
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label={t('archive.kind')}>{t(`archive.kind.${a.kind}` as 'archive.kind.new_car')}</Descriptions.Item>
          <Descriptions.Item label={t('archive.customer')}>
            <Link to={`/customers/${a.customer_id}`}>{a.customer_name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('field.plate')}>{a.plate}</Descriptions.Item>
          <Descriptions.Item label={t('field.vin')}>{a.vin}</Descriptions.Item>
          <Descriptions.Item label={t('field.department')}>{a.department_name}</Descriptions.Item>
          <Descriptions.Item label={t('archive.responsible')}>{a.responsible_name}</Descriptions.Item>
          <Descriptions.Item label={t('archive.eventAt')}>{fmtTime(a.event_at)}</Descriptions.Item>
          {a.visit_ref && <Descriptions.Item label={t('archive.visitRef')}>{a.visit_ref}</Descriptions.Item>}
          <Descriptions.Item label={t('archive.location')}>{[a.cabinet, a.shelf, a.bag].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('archive.deadline')} span={3}>
            <Typography.Text strong data-testid="archive-due">
              {a.deadline.due_day}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {a.deadline.explanation}
            </Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('archive.checklist')} size="small">
        {scanError && (
          <Alert
            type="error"
            showIcon
            closable
            onClose={() => setScanError('')}
            message={scanError}
            style={{ marginBottom: 12 }}
            data-testid="scan-error"
          />
        )}
        <Table<ArchiveItem>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={a.items}
          data-testid="archive-checklist"
          columns={[
            { title: t('archive.item'), dataIndex: 'code', render: (c: string) => titleOf(c) },
            {
              title: t('archive.signatures'),
              key: 'sig',
              render: (_, i) => {
                const spec = a.checklist.find((c) => c.code === i.code)!;
                return (
                  <Space size={4}>
                    {spec.needs_customer_signature && (
                      <Tag color={i.customer_signed ? 'green' : 'default'}>{t('archive.customerSignature')}</Tag>
                    )}
                    {spec.needs_internal_signature && (
                      <Tag color={i.internal_signed ? 'green' : 'default'}>{t('archive.internalSignature')}</Tag>
                    )}
                    {spec.optional && <Tag>{t('archive.optional')}</Tag>}
                  </Space>
                );
              },
            },
            {
              title: t('archive.state'),
              dataIndex: 'state',
              render: (s: string, i) => (
                <Space>
                  <Tag color={s === 'present' ? 'green' : s === 'defective' ? 'red' : 'default'}>
                    {t(`archive.state.${s}` as 'archive.state.present')}
                  </Tag>
                  {i.defect}
                </Space>
              ),
            },
            { title: t('archive.scans'), key: 'scans', render: (_, i) => scansCell(i) },
          ]}
        />
      </Card>

      <Card title={t('archive.handovers')} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={a.handovers}
          data-testid="archive-handovers"
          columns={[
            { title: t('handover.at'), dataIndex: 'handed_at', render: (v: string) => fmtTime(v) },
            { title: t('handover.sender'), dataIndex: 'sender_id', render: userName },
            { title: t('handover.receiver'), dataIndex: 'receiver_id', render: userName },
            { title: t('handover.items'), dataIndex: 'items_handed', render: (v: string[]) => v.map(titleOf).join('、') },
            { title: t('handover.missing'), dataIndex: 'items_missing', render: (v: string[]) => v.map(titleOf).join('、') || '—' },
            {
              title: t('handover.onTime'),
              dataIndex: 'late_working_days',
              render: (n: number) =>
                n === 0 ? <Tag color="green">{t('handover.onTimeYes')}</Tag> : <Tag color="red">{t('handover.late', { n })}</Tag>,
            },
          ]}
        />
      </Card>

      <Card
        title={t('archive.incidents')}
        size="small"
        data-testid="archive-incidents"
        extra={
          mayRecordIncidents && (
            <Button size="small" icon={<ExceptionOutlined />} onClick={openIncident} data-testid="incident-record">
              {t('incident.record')}
            </Button>
          )
        }
      >
        <Table<ArchiveIncident>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={incidents}
          locale={{ emptyText: <span data-testid="incidents-empty">{t('archive.incidentsEmpty')}</span> }}
          onRow={(i) => ({ 'data-testid': 'incident-row', 'data-id': i.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('incident.occurredOn'), dataIndex: 'occurred_on', width: 110 },
            {
              title: t('incident.kind'),
              dataIndex: 'kind',
              width: 80,
              render: (k: string) => (
                <Tag color={k === 'lost' ? 'red' : 'orange'}>{t(`incident.kind.${k}` as 'incident.kind.lost')}</Tag>
              ),
            },
            {
              title: t('incident.cause'),
              dataIndex: 'cause',
              render: (c: string) => (
                <Space size={4}>
                  {t(`incident.cause.${c}` as 'incident.cause.other')}
                  {FINED_CAUSES.has(c) && <Tag color="volcano">{`ARC-6g ${t('incident.fined')}`}</Tag>}
                </Space>
              ),
            },
            { title: t('incident.files'), dataIndex: 'files', width: 70 },
            { title: t('incident.responsible'), dataIndex: 'responsible_id', render: userName },
            { title: t('incident.description'), dataIndex: 'description' },
            {
              title: t('incident.recordedBy'),
              key: 'recorded',
              render: (_, i) => `${userName(i.recorded_by)} · ${fmtTime(i.recorded_at)}`,
            },
          ]}
        />
      </Card>

      <Card title={t('archive.correspondence')} size="small" data-testid="archive-correspondence">
        {correspondence.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Timeline
            items={correspondence.map((i) => ({
              key: i.id,
              children: (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{i.subject}</Typography.Text>
                  <Typography.Text type="secondary">
                    {fmtTime(i.occurred_at)} · {i.author_name}
                  </Typography.Text>
                  {i.body && <Typography.Text>{i.body}</Typography.Text>}
                </Space>
              ),
            }))}
          />
        )}
      </Card>

      <Modal
        open={modal === 'handover'}
        title={t('archive.handover')}
        onCancel={() => setModal('')}
        confirmLoading={busy}
        okButtonProps={{ id: 'handover-save' }}
        onOk={async () => {
          const v = await form.validateFields();
          run(() => api.post<Archive>(`/archives/${a.id}/handovers`, { ...v, notes: (v.notes ?? '').trim() }));
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="receiver_id" label={t('handover.receiver')} rules={[{ required: true }]}>
            <Select options={keepers.map((u) => ({ value: u.id, label: u.display_name }))} data-testid="handover-receiver" />
          </Form.Item>
          <Form.Item name="items_handed" label={t('handover.items')} rules={[{ required: true }]}>
            <Checkbox.Group options={a.checklist.map((c) => ({ value: c.code, label: title(c) }))} />
          </Form.Item>
          <Form.Item name="items_missing" label={t('handover.missing')}>
            <Checkbox.Group options={a.checklist.map((c) => ({ value: c.code, label: title(c) }))} />
          </Form.Item>
          <Form.Item name="notes" label={t('handover.notes')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={modal === 'check'}
        width={900}
        title={t('archive.check')}
        onCancel={() => setModal('')}
        confirmLoading={busy}
        okButtonProps={{ id: 'check-save' }}
        onOk={() => run(() => api.put<Archive>(`/archives/${a.id}/check`, { items: check, version: a.version }))}
      >
        <Table<ArchiveItem>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={check}
          columns={[
            { title: t('archive.item'), dataIndex: 'code', render: (c: string) => titleOf(c) },
            {
              title: t('archive.state'),
              key: 'state',
              render: (_, i, idx) => (
                <Select
                  size="small"
                  style={{ width: 110 }}
                  value={i.state}
                  onChange={(v) => setCheck((rows) => rows.map((r, k) => (k === idx ? { ...r, state: v } : r)))}
                  options={['present', 'missing', 'defective'].map((s) => ({ value: s, label: t(`archive.state.${s}` as 'archive.state.present') }))}
                  data-testid={`check-state-${i.code}`}
                />
              ),
            },
            {
              title: t('archive.customerSignature'),
              key: 'cs',
              render: (_, i, idx) => (
                <Switch
                  size="small"
                  checked={i.customer_signed}
                  onChange={(v) => setCheck((rows) => rows.map((r, k) => (k === idx ? { ...r, customer_signed: v } : r)))}
                />
              ),
            },
            {
              title: t('archive.internalSignature'),
              key: 'is',
              render: (_, i, idx) => (
                <Switch
                  size="small"
                  checked={i.internal_signed}
                  onChange={(v) => setCheck((rows) => rows.map((r, k) => (k === idx ? { ...r, internal_signed: v } : r)))}
                />
              ),
            },
            {
              title: t('archive.defect'),
              key: 'd',
              render: (_, i, idx) => (
                <Input
                  size="small"
                  value={i.defect}
                  maxLength={100}
                  onChange={(e) => setCheck((rows) => rows.map((r, k) => (k === idx ? { ...r, defect: e.target.value } : r)))}
                />
              ),
            },
          ]}
        />
      </Modal>

      <Modal
        open={modal === 'file'}
        title={t('archive.file')}
        onCancel={() => setModal('')}
        confirmLoading={busy}
        okButtonProps={{ id: 'file-save' }}
        onOk={file}
      >
        {fileError ? (
          <Alert type="error" showIcon message={fileError} style={{ marginBottom: 12 }} data-testid="file-error" />
        ) : (
          unscanned.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('archive.unscannedWarning', { items: unscanned.map(titleOf).join('、') })}
              style={{ marginBottom: 12 }}
              data-testid="file-unscanned"
            />
          )
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="cabinet" label={t('archive.cabinet')} rules={[{ required: true }]}>
            <Input maxLength={30} data-testid="file-cabinet" />
          </Form.Item>
          <Form.Item name="shelf" label={t('archive.shelf')} rules={[{ required: true }]}>
            <Input maxLength={30} data-testid="file-shelf" />
          </Form.Item>
          <Form.Item name="bag" label={t('archive.bag')}>
            <Input maxLength={30} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!withdrawing}
        title={withdrawing ? t('archive.scanWithdrawTitle', { name: withdrawing.filename }) : ''}
        onCancel={() => setWithdrawing(null)}
        confirmLoading={busy}
        okButtonProps={{ id: 'withdraw-save', danger: true }}
        forceRender
        okText={t('archive.scanWithdraw')}
        onOk={withdrawScan}
      >
        <Typography.Paragraph type="secondary">{t('archive.scanWithdrawHelp')}</Typography.Paragraph>
        <Form form={withdrawForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('archive.scanWithdrawReason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('archive.scanWithdrawReason') }) }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="withdraw-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={incidentOpen}
        title={t('incident.record')}
        onCancel={() => setIncidentOpen(false)}
        confirmLoading={busy}
        okButtonProps={{ id: 'incident-save', 'data-testid': 'incident-save' }}
        forceRender
        onOk={saveIncident}
      >
        {incidentError && <Alert type="error" showIcon message={incidentError} style={{ marginBottom: 12 }} data-testid="incident-error" />}
        <Form<IncidentValues> form={incidentForm} layout="vertical" data-testid="incident-form">
          <Form.Item name="kind" label={t('incident.kind')} rules={[{ required: true }]}>
            <Radio.Group data-testid="incident-kind">
              {INCIDENT_KINDS.map((k) => (
                <Radio key={k} value={k} data-testid={`incident-kind-${k}`}>
                  {t(`incident.kind.${k}` as 'incident.kind.lost')}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="cause"
            label={t('incident.cause')}
            rules={[{ required: true }]}
            extra={
              <span data-testid="incident-cause-help">
                {lostFileFen !== null ? t('incident.causeHelp', { yuan: (lostFileFen / 100).toFixed(2) }) : t('incident.causeHelpNoAmount')}
              </span>
            }
          >
            <Select
              data-testid="incident-cause"
              options={INCIDENT_CAUSES.map((c) => ({
                value: c,
                label: (
                  <span data-testid={`incident-cause-${c}`}>
                    {t(`incident.cause.${c}` as 'incident.cause.other')}
                    {FINED_CAUSES.has(c) && ` (ARC-6g ${t('incident.fined')})`}
                  </span>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="responsible_id"
            label={t('incident.responsible')}
            rules={[{ required: true, message: t('validation.required', { field: t('incident.responsible') }) }]}
          >
            <Select data-testid="incident-responsible" options={responsibleOptions} showSearch optionFilterProp="label" />
          </Form.Item>
          <Space size="large" align="start" wrap>
            <Form.Item
              name="files"
              label={t('incident.files')}
              rules={[{ required: true, message: t('validation.required', { field: t('incident.files') }) }]}
            >
              <InputNumber precision={0} style={{ width: 120 }} data-testid="incident-files" />
            </Form.Item>
            <Form.Item
              name="occurred_on"
              label={t('incident.occurredOn')}
              rules={[{ required: true, message: t('validation.required', { field: t('incident.occurredOn') }) }]}
            >
              <DatePicker allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="incident-date" />
            </Form.Item>
          </Space>
          <Form.Item
            name="description"
            label={t('incident.description')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('incident.description') }) }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="incident-description" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
