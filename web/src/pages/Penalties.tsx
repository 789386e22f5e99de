// ARC-6: the month's fines with the facts and arithmetic behind each, the customer director's
// decisions, and the statements per person and department.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Modal, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { Fine, PenaltyStatement } from '../types';
import ArchiveKpi from './ArchiveKpi';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
const STATUS_COLOR: Record<string, string> = { proposed: 'orange', confirmed: 'red', waived: 'default', withdrawn: 'default' };

export default function Penalties() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const m = month.format('YYYY-MM');
  const [fines, setFines] = useState<Fine[]>([]);
  const [statement, setStatement] = useState<PenaltyStatement | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [waiving, setWaiving] = useState<Fine | null>(null);
  const [reason, setReason] = useState('');
  const decide = can('penalty.decide');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [f, s] = await Promise.all([
        api.get<{ items: Fine[] }>('/penalties', { month: m }),
        api.get<PenaltyStatement>('/penalties/statement', { month: m }),
      ]);
      setFines(f.items);
      setStatement(s);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, [m]);
  useEffect(() => {
    load();
  }, [load]);

  const run = async () => {
    try {
      const r = await api.post<{ proposed: number; withdrawn: number }>('/penalties/runs', { month: m });
      message.success(t('penalty.ran', { proposed: r.proposed, withdrawn: r.withdrawn }));
      load();
    } catch (e) {
      message.error((e as ApiError).detail);
    }
  };
  const decideFine = async (fine: Fine, decision: 'confirm' | 'waive', why = '') => {
    try {
      await api.post(`/penalties/${fine.id}/decision`, { decision, reason: why, version: fine.version });
      setWaiving(null);
      load();
    } catch (e) {
      message.error((e as ApiError).detail);
      load();
    }
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('penalty.title')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
        {(decide || can('policy.manage')) && (
          <Button type="primary" icon={<CalculatorOutlined />} onClick={run} data-testid="penalty-run">
            {t('penalty.run')}
          </Button>
        )}
      </Space>
      <Tabs
        items={[
          {
            key: 'fines',
            label: t('penalty.fines'),
            children: (
              <Table<Fine>
                rowKey="id"
                size="small"
                loading={loading}
                dataSource={fines}
                pagination={{ pageSize: 50 }}
                data-testid="penalty-fines"
                expandable={{
                  expandedRowRender: (f) => (
                    <Space direction="vertical" size={2}>
                      <Typography.Text>{f.facts}</Typography.Text>
                      <Typography.Text type="secondary">{f.arithmetic}</Typography.Text>
                      {f.reason && <Typography.Text type="secondary">{f.reason}</Typography.Text>}
                    </Space>
                  ),
                }}
                columns={[
                  { title: t('penalty.day'), dataIndex: 'day' },
                  { title: t('penalty.rule'), dataIndex: 'rule', render: (r: string) => <Tag color="blue">{r}</Tag> },
                  { title: t('penalty.person'), dataIndex: 'person_name' },
                  { title: t('field.department'), dataIndex: 'department_name' },
                  {
                    title: t('archive.number'),
                    dataIndex: 'archive_number',
                    render: (n: string, f) => <Link to={`/archives/${f.archive_id}`}>{n}</Link>,
                  },
                  {
                    title: t('penalty.amount'),
                    dataIndex: 'amount_fen',
                    render: (v: number, f) => (
                      <span>
                        {yuan(v)} {f.multiplier > 1 && <Tag color="volcano">×{f.multiplier}</Tag>}
                      </span>
                    ),
                  },
                  {
                    title: t('penalty.status'),
                    dataIndex: 'status',
                    render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`penalty.status.${s}` as 'penalty.status.proposed')}</Tag>,
                  },
                  ...(decide
                    ? [
                        {
                          title: t('common.actions'),
                          key: 'a',
                          render: (_: unknown, f: Fine) =>
                            f.status === 'proposed' && (
                              <Space size={0}>
                                <Button size="small" type="link" onClick={() => decideFine(f, 'confirm')} data-testid="fine-confirm">
                                  {t('penalty.confirm')}
                                </Button>
                                <Button
                                  size="small"
                                  type="link"
                                  onClick={() => {
                                    setReason('');
                                    setWaiving(f);
                                  }}
                                >
                                  {t('penalty.waive')}
                                </Button>
                              </Space>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
          {
            key: 'statement',
            label: t('penalty.statement'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Table
                  rowKey="person_id"
                  size="small"
                  pagination={false}
                  dataSource={statement?.persons ?? []}
                  data-testid="penalty-statement"
                  columns={[
                    { title: t('penalty.person'), dataIndex: 'person_name' },
                    { title: t('field.department'), dataIndex: 'department_name' },
                    { title: t('penalty.violations'), dataIndex: 'violations' },
                    { title: t('penalty.proposedTotal'), dataIndex: 'proposed_fen', render: yuan },
                    { title: t('penalty.confirmedTotal'), dataIndex: 'confirmed_fen', render: yuan },
                    {
                      title: t('penalty.payDeduction'),
                      dataIndex: 'pay_deduction',
                      render: (v: boolean) => (v ? <Tag color="red">{t('penalty.payDeductionYes')}</Tag> : '—'),
                    },
                  ]}
                />
                <Table
                  rowKey="department_id"
                  size="small"
                  pagination={false}
                  dataSource={statement?.departments ?? []}
                  columns={[
                    { title: t('field.department'), dataIndex: 'department_name' },
                    { title: t('penalty.violations'), dataIndex: 'violations' },
                    { title: t('penalty.proposedTotal'), dataIndex: 'proposed_fen', render: yuan },
                    { title: t('penalty.confirmedTotal'), dataIndex: 'confirmed_fen', render: yuan },
                  ]}
                />
              </Space>
            ),
          },
          ...(can('penalty.read') ? [{ key: 'kpi', label: t('kpi.title'), children: <ArchiveKpi month={m} /> }] : []),
        ]}
      />
      <Modal
        open={!!waiving}
        title={t('penalty.waive')}
        onCancel={() => setWaiving(null)}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => decideFine(waiving!, 'waive', reason.trim())}
      >
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('penalty.waiveReason')} />
      </Modal>
    </Card>
  );
}
