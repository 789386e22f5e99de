// ARC-12: retention and destruction. The destruction list holds the archives past their retention
// period not yet proposed; the archive keeper (archive.manage) proposes some for destruction with a
// reason, and a person with archive.destroy other than the proposer approves (the content is purged,
// the archives become "destroyed") or rejects with a reason. The records are permanent.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Result, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, DeleteOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, asItems, remindersChanged } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { applyServerErrors } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { Destruction, DestructionCandidate, DestructionLine } from '../types';
import DecisionModal from '../components/DecisionModal';
import { useDecision } from '../hooks/useDecision';
import { STATUS_COLOR as ARCHIVE_STATUS_COLOR } from './ArchiveList';

const STATUS_COLOR: Record<Destruction['status'], string> = { proposed: 'orange', approved: 'red', rejected: 'default' };
type TabKey = 'candidates' | 'records';
const RECORDS_PAGE_SIZE = 20;

export default function ArchiveDestructions() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const { users } = useUsers(can('org.read'));
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'records' ? 'records' : 'candidates';

  const [candidates, setCandidates] = useState<DestructionCandidate[]>([]);
  const [records, setRecords] = useState<Destruction[]>([]);
  // The list answers without lines: each record's lines come with GET /archive-destructions/{id},
  // fetched for the records on the shown page and for an expanded one.
  const [details, setDetails] = useState<Record<number, Destruction>>({});
  const requested = useRef(new Set<number>());
  const [recordsPage, setRecordsPage] = useState(1);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState<number[]>([]);

  const [proposing, setProposing] = useState(false);
  const [proposeForm] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [modalError, setModalError] = useState('');

  const mayPropose = can('archive.manage');
  const mayDecide = can('archive.destroy');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [c, r] = await Promise.all([
        api.get('/archive-destructions/candidates', { limit: 200 }),
        api.get('/archive-destructions'),
      ]);
      const list = asItems<DestructionCandidate>(c);
      setCandidates(list);
      setSelected((sel) => sel.filter((id) => list.some((a) => a.archive_id === id)));
      requested.current = new Set();
      setDetails({});
      setRecords(asItems<Destruction>(r));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  const fetchDetails = useCallback((ids: number[]) => {
    const missing = ids.filter((id) => !requested.current.has(id));
    for (const id of missing) {
      requested.current.add(id);
      api
        .get<Destruction>(`/archive-destructions/${id}`)
        .then((d) => setDetails((all) => ({ ...all, [id]: d })))
        .catch(() => requested.current.delete(id));
    }
  }, []);
  useEffect(() => {
    fetchDetails(records.slice((recordsPage - 1) * RECORDS_PAGE_SIZE, recordsPage * RECORDS_PAGE_SIZE).map((d) => d.id));
  }, [records, recordsPage, fetchDetails]);
  const linesOf = (d: Destruction): DestructionLine[] | null => (d.lines.length > 0 ? d.lines : (details[d.id]?.lines ?? null));

  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    if (k === 'records') next.set('tab', 'records');
    else next.delete('tab');
    setParams(next, { replace: true });
  };
  const userName = (uid: number | null) => users.find((u) => u.id === uid)?.display_name ?? (uid ? `#${uid}` : '—');
  const kindLabel = (k: string) => t(`archive.kind.${k}` as 'archive.kind.new_car');

  const openPropose = () => {
    proposeForm.resetFields();
    setModalError('');
    setProposing(true);
  };
  const propose = async () => {
    const v = await proposeForm.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setModalError('');
    try {
      await api.post<Destruction>('/archive-destructions', { archive_ids: selected, reason: v.reason.trim() });
      message.success(t('custody.proposed'));
      setProposing(false);
      setSelected([]);
      remindersChanged();
      await load();
      setTab('records');
    } catch (e) {
      // A missing reason goes to its field; an archive still in retention (ARC-12) or already
      // proposed is the server's word, shown as it is.
      const rest = applyServerErrors(proposeForm, e);
      if (rest.length || !(e as ApiError).errors?.length) setModalError((e as ApiError).detail);
      if ((e as ApiError).status === 409 || (e as ApiError).status === 412 || (e as ApiError).status === 422) load();
    } finally {
      setBusy(false);
    }
  };

  const decision = useDecision<Destruction, 'reason'>({
    field: 'reason',
    onOpen: (record) => fetchDetails([record.id]),
    submit: (record, decision, reason) =>
      api.post<Destruction>(`/archive-destructions/${record.id}/decision`, { decision, reason, version: record.version }),
    onDecided: async () => {
      message.success(t('custody.decided'));
      remindersChanged();
      await load();
    },
    reload: load,
  });
  const { deciding, open: openDecision } = decision;

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  const linesTable = (lines: DestructionLine[] | null) => (
    <Table<DestructionLine>
      size="small"
      rowKey="archive_id"
      pagination={false}
      loading={lines === null}
      dataSource={lines ?? []}
      data-testid="destruction-lines"
      columns={[
        {
          title: t('archive.number'),
          dataIndex: 'number',
          render: (n: string, l) => <Link to={`/archives/${l.archive_id}`}>{n}</Link>,
        },
        { title: t('archive.kind'), dataIndex: 'kind', render: kindLabel },
        { title: t('archive.customer'), dataIndex: 'customer_name' },
        { title: t('field.vin'), dataIndex: 'vin' },
        { title: t('archive.eventAt'), dataIndex: 'event_at', render: (v: string) => fmtTime(v) },
        { title: t('custody.retentionUntil'), dataIndex: 'retention_until' },
        { title: t('custody.documents'), dataIndex: 'documents' },
      ]}
    />
  );

  const candidatesTab = (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mayPropose && (
        <Space>
          <Button
            type="primary"
            danger
            icon={<DeleteOutlined />}
            disabled={selected.length === 0}
            onClick={openPropose}
            data-testid="destruction-propose"
          >
            {t('custody.propose')}
          </Button>
          {selected.length > 0 && <Typography.Text type="secondary">{t('custody.selected', { n: selected.length })}</Typography.Text>}
        </Space>
      )}
      <Table<DestructionCandidate>
        rowKey="archive_id"
        size="middle"
        loading={loading}
        dataSource={candidates}
        pagination={{ pageSize: 50 }}
        data-testid="destruction-candidates"
        locale={{ emptyText: <span data-testid="destruction-candidates-empty">{t('custody.noCandidates')}</span> }}
        rowSelection={
          mayPropose
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
                getCheckboxProps: (a) => ({ 'data-testid': `candidate-select-${a.archive_id}` }) as never,
              }
            : undefined
        }
        onRow={(a) => ({ 'data-testid': 'candidate-row', 'data-archive': a.archive_id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('archive.number'),
            dataIndex: 'number',
            render: (n: string, a) => <Link to={`/archives/${a.archive_id}`}>{n}</Link>,
          },
          { title: t('archive.kind'), dataIndex: 'kind', render: kindLabel },
          { title: t('archive.customer'), dataIndex: 'customer_name' },
          { title: t('field.plate'), dataIndex: 'plate' },
          { title: t('field.vin'), dataIndex: 'vin' },
          { title: t('archive.eventAt'), dataIndex: 'event_at', render: (v: string) => fmtTime(v) },
          { title: t('custody.retentionUntil'), dataIndex: 'retention_until' },
          {
            title: t('archive.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={ARCHIVE_STATUS_COLOR[s]}>{t(`archive.status.${s}` as 'archive.status.open')}</Tag>,
          },
        ]}
      />
    </Space>
  );

  const recordsTab = (
    <Table<Destruction>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={records}
      pagination={{ pageSize: RECORDS_PAGE_SIZE, current: recordsPage, onChange: setRecordsPage }}
      data-testid="destruction-records"
      locale={{ emptyText: <span data-testid="destruction-records-empty">{t('custody.noRecords')}</span> }}
      onRow={(d) => ({ 'data-testid': 'destruction-row', 'data-id': d.id }) as React.HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowRender: (d) => linesTable(linesOf(d)),
        onExpand: (expanded, d) => expanded && fetchDetails([d.id]),
      }}
      columns={[
        { title: '#', dataIndex: 'id', width: 70 },
        {
          title: t('custody.status'),
          dataIndex: 'status',
          render: (s: Destruction['status']) => (
            <Tag color={STATUS_COLOR[s]} data-testid="destruction-status">
              {t(`custody.status.${s}` as 'custody.status.proposed')}
            </Tag>
          ),
        },
        {
          title: t('custody.archives'),
          key: 'n',
          render: (_, d) => {
            const lines = linesOf(d);
            if (!lines) return '…';
            const shown = lines.slice(0, 3).map((l) => l.number).join('、');
            return (
              <span style={{ whiteSpace: 'nowrap' }} data-testid="destruction-archives">
                {lines.length > 3 ? t('custody.archivesMore', { list: shown, n: lines.length }) : shown}
              </span>
            );
          },
        },
        { title: t('custody.reason'), dataIndex: 'reason' },
        { title: t('custody.proposedBy'), dataIndex: 'proposed_by', render: userName },
        { title: t('custody.proposedAt'), dataIndex: 'proposed_at', render: (v: string) => fmtTime(v) },
        { title: t('custody.decidedBy'), dataIndex: 'decided_by', render: userName },
        { title: t('custody.decidedAt'), dataIndex: 'decided_at', render: (v: string | null) => fmtTime(v) || '—' },
        { title: t('custody.decisionReason'), dataIndex: 'decision_reason', render: (v: string) => v || '—' },
        ...(mayDecide
          ? [
              {
                title: t('common.actions'),
                key: 'a',
                render: (_: unknown, d: Destruction) => {
                  if (d.status !== 'proposed') return null;
                  const own = d.proposed_by === me?.id;
                  const buttons = (
                    <Space size={0}>
                      <Button
                        type="link"
                        size="small"
                        danger
                        icon={<CheckOutlined />}
                        disabled={own}
                        onClick={() => openDecision(d, 'approve')}
                        data-testid="destruction-approve"
                      >
                        {t('custody.approve')}
                      </Button>
                      <Button
                        type="link"
                        size="small"
                        icon={<CloseOutlined />}
                        disabled={own}
                        onClick={() => openDecision(d, 'reject')}
                        data-testid="destruction-reject"
                      >
                        {t('custody.reject')}
                      </Button>
                    </Space>
                  );
                  return own ? <Tooltip title={t('custody.ownProposal')}>{buttons}</Tooltip> : buttons;
                },
              },
            ]
          : []),
      ]}
    />
  );

  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('custody.destructionsTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('custody.destructionsHelp')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'candidates',
            label: (
              <span data-testid="destruction-tab-candidates">
                {t('custody.tabCandidates')} {candidates.length > 0 && <Tag color="volcano">{candidates.length}</Tag>}
              </span>
            ),
            children: candidatesTab,
          },
          {
            key: 'records',
            label: <span data-testid="destruction-tab-records">{t('custody.tabRecords')}</span>,
            children: recordsTab,
          },
        ]}
      />

      <Modal
        open={proposing}
        title={t('custody.proposeTitle', { n: selected.length })}
        onCancel={() => setProposing(false)}
        confirmLoading={busy}
        okText={t('custody.propose')}
        okButtonProps={{ id: 'propose-save', danger: true }}
        forceRender
        onOk={propose}
      >
        <Typography.Paragraph type="secondary">{t('custody.proposeHelp')}</Typography.Paragraph>
        {modalError && proposing && (
          <Alert type="error" showIcon message={modalError} style={{ marginBottom: 12 }} data-testid="propose-error" />
        )}
        <Form form={proposeForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('custody.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('custody.reason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="propose-reason" />
          </Form.Item>
        </Form>
      </Modal>

      <DecisionModal
        decision={decision}
        title={
          deciding
            ? t(deciding.decision === 'approve' ? 'custody.approveTitle' : 'custody.rejectTitle', { id: deciding.record.id })
            : ''
        }
        width={820}
        okText={deciding?.decision === 'reject' ? t('custody.reject') : t('custody.approve')}
        okButtonProps={{ id: 'decision-save', danger: deciding?.decision === 'approve' }}
        errorTestId="decision-error"
        label={t('custody.approveReason')}
        rejectLabel={t('custody.rejectReason')}
        inputTestId="decision-reason"
      >
        {deciding?.decision === 'approve' && (
          <Alert type="warning" showIcon message={t('custody.approveHelp')} style={{ marginBottom: 12 }} data-testid="approve-warning" />
        )}
        {deciding && linesTable(linesOf(deciding.record))}
      </DecisionModal>
    </Card>
  );
}
