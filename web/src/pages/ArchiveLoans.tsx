// SEC-5: the lending register (借阅登记簿) of the paper archives. A paper file is lent only against
// an approved borrowing (an access request for "lend", decided along the lending chain: the
// borrower's department manager, then the information management specialist); the keeper
// (archive.manage) registers the loan with the borrower's signature on the paper register, and
// enters the return (注销) — intact, damaged or lost; damage or loss records an ARC-6g incident of
// the borrower. Keepers see their departments' loans, auditors all, everyone else their own. The
// daily job's overdue reminders link here. The register is also kept on paper: it prints.
import { useEffect, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography,
} from 'antd';
import { ExportOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, asItems, remindersChanged } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { usePageLoad } from '../hooks/usePageLoad';
import { submitErrorText } from '../components/AccessParts';
import type { ArchiveSummary, Loan } from '../types';

const BASE = '/archive-loans';
const FILTERS = ['all', 'out', 'overdue', 'returned'] as const;
type Filter = (typeof FILTERS)[number];
const MAX_COPIES = 99;

const STATUS_COLOR: Record<Loan['status'], string> = {
  out: 'processing',
  overdue: 'error',
  returned: 'success',
  lost: 'volcano',
};
const CONDITION_COLOR: Record<Exclude<Loan['condition'], ''>, string> = {
  intact: 'green',
  damaged: 'orange',
  lost: 'red',
};

interface LendValues {
  archive_id: number;
  borrower_id: number;
  title: string;
  copies: number;
  reason: string;
  borrower_signed: boolean;
}
const LEND_FIELDS = new Set(['archive_id', 'borrower_id', 'title', 'copies', 'reason', 'borrower_signed']);

interface ReturnValues {
  condition: 'intact' | 'damaged' | 'lost';
  note: string;
  files: number | null;
}
const RETURN_FIELDS = new Set(['condition', 'note', 'files']);

export function LoanStatusTag({ status }: { status: Loan['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="loan-status" data-status={status}>
      {t(`loan.status.${status}` as MessageKey)}
    </Tag>
  );
}

export default function ArchiveLoans() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const keeper = can('archive.manage');
  const seesOthers = keeper || can('audit.read');
  const [params, setParams] = useSearchParams();
  const filter: Filter = (FILTERS as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as Filter) : 'all';
  const setFilter = (f: Filter) => {
    const next = new URLSearchParams(params);
    if (f === 'all') next.delete('status');
    else next.set('status', f);
    setParams(next, { replace: true });
  };

  const [items, setItems] = useState<Loan[]>([]);
  const { loading, error, load } = usePageLoad(async () => {
    setItems(asItems<Loan>(await api.get(BASE, { status: filter })));
  }, [filter]);

  // The loan (keeper): an archive found by its number, a borrower, the borrower's signature.
  const { users } = useUsers(keeper && can('org.read'));
  const [lending, setLending] = useState(false);
  const [lendForm] = Form.useForm<LendValues>();
  const [lendBusy, setLendBusy] = useState(false);
  const [lendErr, setLendErr] = useState('');
  const [archives, setArchives] = useState<ArchiveSummary[]>([]);
  const [archivesLoading, setArchivesLoading] = useState(false);
  const searchSeq = useRef(0);
  const searchTimer = useRef<ReturnType<typeof setTimeout>>();
  const searchArchives = (q: string) => {
    clearTimeout(searchTimer.current);
    searchTimer.current = setTimeout(async () => {
      const seq = ++searchSeq.current;
      setArchivesLoading(true);
      try {
        const found = asItems<ArchiveSummary>(await api.get('/archives', { q: q.trim(), page_size: 20 }));
        if (seq === searchSeq.current) setArchives(found);
      } catch {
        if (seq === searchSeq.current) setArchives([]);
      } finally {
        if (seq === searchSeq.current) setArchivesLoading(false);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(searchTimer.current), []);
  const startLend = () => {
    lendForm.resetFields();
    lendForm.setFieldsValue({ copies: 1, borrower_signed: false });
    setLendErr('');
    setArchives([]);
    searchArchives('');
    setLending(true);
  };
  const lend = async () => {
    const v = await lendForm.validateFields().catch(() => null);
    if (!v) return;
    setLendBusy(true);
    setLendErr('');
    try {
      await api.post<Loan>(BASE, {
        archive_id: v.archive_id,
        borrower_id: v.borrower_id,
        title: (v.title ?? '').trim(),
        copies: v.copies ?? 1,
        reason: (v.reason ?? '').trim(),
        borrower_signed: v.borrower_signed === true,
      });
      setLending(false);
      message.success(t('loan.lent'));
      await load();
    } catch (e) {
      setLendErr(submitErrorText(lendForm, e, LEND_FIELDS));
    } finally {
      setLendBusy(false);
    }
  };
  const outNow = new Set(items.filter((l) => l.status === 'out' || l.status === 'overdue').map((l) => l.archive_id));

  // The return (keeper): intact, damaged or lost; a note unless intact.
  const [returning, setReturning] = useState<Loan | null>(null);
  const [returnForm] = Form.useForm<ReturnValues>();
  const condition = Form.useWatch('condition', returnForm);
  const [returnBusy, setReturnBusy] = useState(false);
  const [returnErr, setReturnErr] = useState('');
  const startReturn = (l: Loan) => {
    returnForm.resetFields();
    returnForm.setFieldsValue({ condition: 'intact', note: '', files: l.copies });
    setReturnErr('');
    setReturning(l);
  };
  const giveBack = async () => {
    if (!returning) return;
    const v = await returnForm.validateFields().catch(() => null);
    if (!v) return;
    setReturnBusy(true);
    setReturnErr('');
    try {
      await api.post<Loan>(`${BASE}/${returning.id}/return`, {
        condition: v.condition,
        note: (v.note ?? '').trim(),
        ...(v.condition !== 'intact' && v.files ? { files: v.files } : {}),
        version: returning.version,
      });
      setReturning(null);
      message.success(t('loan.returnDone'));
      remindersChanged();
      await load();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        setReturnErr(t('customer.conflict'));
        await load();
      } else {
        setReturnErr(submitErrorText(returnForm, e, RETURN_FIELDS));
      }
    } finally {
      setReturnBusy(false);
    }
  };

  const today = dayjs().format('YYYY-MM-DD');
  const activeUsers = users.filter((u) => u.status === 'active');

  return (
    <Card className="patron-printable">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('loan.title')}
        </Typography.Title>
        <Space className="patron-no-print">
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="loan-print">
            {t('loan.print')}
          </Button>
          {keeper && (
            <Button type="primary" icon={<ExportOutlined />} onClick={startLend} data-testid="loan-lend">
              {t('loan.lend')}
            </Button>
          )}
        </Space>
      </Space>
      <Typography.Paragraph type="secondary" className="patron-no-print">
        {t('loan.help')}
      </Typography.Paragraph>
      {!seesOthers && (
        <Typography.Paragraph type="secondary" className="patron-no-print" data-testid="loan-mine-only">
          {t('loan.mineOnly')}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph className="patron-print-only">
        {t(`loan.filter.${filter}` as MessageKey)} · {t('loan.printedAt', { at: fmtTime(dayjs().toISOString()) })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Radio.Group
        className="patron-no-print"
        optionType="button"
        value={filter}
        onChange={(e) => setFilter(e.target.value as Filter)}
        style={{ marginBottom: 12 }}
        data-testid="loan-filter"
      >
        {FILTERS.map((f) => (
          <Radio.Button key={f} value={f}>
            <span data-testid={`loan-filter-${f}`}>{t(`loan.filter.${f}` as MessageKey)}</span>
          </Radio.Button>
        ))}
      </Radio.Group>
      <Table<Loan>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="loan-list"
        locale={{ emptyText: <span data-testid="loan-empty">{t('loan.empty')}</span> }}
        onRow={(r) =>
          ({ 'data-testid': 'loan-row', 'data-id': r.id, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('archive.number'),
            dataIndex: 'archive_number',
            render: (n: string, r) => (
              <Link to={`/archives/${r.archive_id}`} data-testid="loan-archive">
                {n}
              </Link>
            ),
          },
          { title: t('loan.titleField'), dataIndex: 'title', render: (v: string) => <span data-testid="loan-title">{v}</span> },
          { title: t('loan.copies'), dataIndex: 'copies', width: 70 },
          {
            title: t('loan.borrower'),
            dataIndex: 'borrower_name',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <span data-testid="loan-borrower">{v}</span>
                {seesOthers && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.department_name}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('loan.lentAt'),
            dataIndex: 'lent_at',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                <span data-testid="loan-lent-at">{fmtTime(v)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('loan.lentBy')}: {r.lent_by_name}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('loan.dueOn'),
            dataIndex: 'due_on',
            render: (v: string, r) => {
              const late = r.status === 'overdue' || (r.status === 'out' && v < today);
              return (
                <Space size={4} data-testid="loan-due" data-overdue={late ? 'true' : 'false'}>
                  <Typography.Text type={late ? 'danger' : undefined} strong={late}>
                    {v}
                  </Typography.Text>
                  {late && <Tag color="red">{t('loan.overdueTag')}</Tag>}
                </Space>
              );
            },
          },
          { title: t('loan.status'), dataIndex: 'status', render: (s: Loan['status']) => <LoanStatusTag status={s} /> },
          {
            title: t('loan.returned'),
            dataIndex: 'returned_at',
            render: (v: string | null, r) =>
              v ? (
                <span data-testid="loan-returned">{t('loan.returnedInfo', { at: fmtTime(v), name: r.received_by_name })}</span>
              ) : (
                '—'
              ),
          },
          {
            title: t('loan.condition'),
            dataIndex: 'condition',
            render: (c: Loan['condition'], r) =>
              c ? (
                <Space direction="vertical" size={0}>
                  <Tag color={CONDITION_COLOR[c]} data-testid="loan-condition" data-condition={c}>
                    {t(`loan.condition.${c}` as MessageKey)}
                  </Tag>
                  {r.return_note && (
                    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
                      {r.return_note}
                    </Typography.Text>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('loan.incident'),
            dataIndex: 'incident_id',
            render: (id: number | null, r) =>
              id != null ? (
                <Link to={`/archives/${r.archive_id}`} data-testid="loan-incident">
                  {t('loan.incidentLink', { id })}
                </Link>
              ) : (
                '—'
              ),
          },
          ...(keeper
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  className: 'patron-no-print',
                  render: (_: unknown, r: Loan) =>
                    (r.status === 'out' || r.status === 'overdue') && (
                      <Button
                        type="link"
                        size="small"
                        icon={<RollbackOutlined />}
                        onClick={() => startReturn(r)}
                        data-testid="loan-return"
                      >
                        {t('loan.return')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />

      <Modal
        open={lending}
        title={t('loan.lendTitle')}
        onCancel={() => setLending(false)}
        onOk={lend}
        okText={t('loan.lend')}
        okButtonProps={{ id: 'loan-lend-save', loading: lendBusy }}
        cancelText={t('common.cancel')}
        destroyOnClose
        width={640}
      >
        <Typography.Paragraph type="secondary">{t('loan.lendHelp')}</Typography.Paragraph>
        {lendErr && <Alert type="error" showIcon message={lendErr} style={{ marginBottom: 12 }} data-testid="loan-lend-error" />}
        <Form form={lendForm} layout="vertical" preserve={false} data-testid="loan-lend-form">
          <Form.Item
            name="archive_id"
            label={t('loan.archive')}
            rules={[{ required: true, message: t('validation.required', { field: t('loan.archive') }) }]}
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={searchArchives}
              loading={archivesLoading}
              placeholder={t('loan.archiveSearch')}
              data-testid="loan-archive-select"
              options={archives.map((a) => ({
                value: a.id,
                label: (
                  <span>
                    <span>{a.number}</span>
                    <Typography.Text type="secondary"> · {a.customer_name}</Typography.Text>
                    {outNow.has(a.id) && (
                      <Tag color="orange" style={{ marginLeft: 6 }}>
                        {t('loan.archiveBusy')}
                      </Tag>
                    )}
                  </span>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="borrower_id"
            label={t('loan.borrower')}
            rules={[{ required: true, message: t('validation.required', { field: t('loan.borrower') }) }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="loan-borrower-select"
              options={activeUsers.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('loan.titleField')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('loan.titleField') }) }]}
          >
            <Input maxLength={200} placeholder={t('loan.titlePlaceholder')} data-testid="loan-title-input" />
          </Form.Item>
          <Form.Item
            name="copies"
            label={t('loan.copies')}
            rules={[{ required: true, message: t('validation.required', { field: t('loan.copies') }) }]}
          >
            <InputNumber min={1} max={MAX_COPIES} precision={0} style={{ width: 120 }} data-testid="loan-copies" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('loan.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('loan.reason') }) }]}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="loan-reason" />
          </Form.Item>
          <Form.Item
            name="borrower_signed"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) => (v === true ? Promise.resolve() : Promise.reject(new Error(t('loan.signedRequired')))),
              },
            ]}
          >
            <Checkbox data-testid="loan-signed">{t('loan.signed')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={returning != null}
        title={returning ? t('loan.returnTitle', { number: returning.archive_number }) : ''}
        onCancel={() => setReturning(null)}
        onOk={giveBack}
        okText={t('loan.return')}
        okButtonProps={{ id: 'loan-return-save', loading: returnBusy, danger: condition != null && condition !== 'intact' }}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('loan.returnHelp')}</Typography.Paragraph>
        {returnErr && <Alert type="error" showIcon message={returnErr} style={{ marginBottom: 12 }} data-testid="loan-return-error" />}
        <Form form={returnForm} layout="vertical" data-testid="loan-return-form">
          <Form.Item name="condition" label={t('loan.condition')} rules={[{ required: true }]}>
            <Radio.Group data-testid="loan-condition-input">
              {(['intact', 'damaged', 'lost'] as const).map((c) => (
                <Radio key={c} value={c} data-testid={`loan-condition-${c}`}>
                  {t(`loan.condition.${c}` as MessageKey)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="note"
            label={t('loan.note')}
            dependencies={['condition']}
            rules={[
              {
                required: condition != null && condition !== 'intact',
                whitespace: true,
                message: t('validation.required', { field: t('loan.note') }),
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('loan.notePlaceholder')} data-testid="loan-note" />
          </Form.Item>
          {condition != null && condition !== 'intact' && (
            <Form.Item name="files" label={t('loan.files')}>
              <InputNumber min={1} max={returning?.copies ?? MAX_COPIES} precision={0} style={{ width: 120 }} data-testid="loan-files" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
