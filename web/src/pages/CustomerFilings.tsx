// ARC-10: the customers whose filing deadline (N working days after the department met them) passed
// before their basic information form was complete, with what the form still lacks. The list is
// the caller's customer.read scope; completing the form takes a customer off it.
// A second tab lists the changes reported on the maintenance form after their deadline (N working
// days after the change happened), by the month they were reported in.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Result, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError, asItems } from '../api';
import { useAuth } from '../auth';
import { usePolicyValue, useUsers } from '../data';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { LateChange, OverdueFiling } from '../types';

type TabKey = 'overdue' | 'late';

/** The form's fields as the server names them, with the customer form's labels. */
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'field.name',
  phones: 'field.phones',
  address: 'field.address',
  contacts: 'field.contacts',
};

export default function CustomerFilings() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'late' ? 'late' : 'overdue';
  const [items, setItems] = useState<OverdueFiling[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const days = usePolicyValue('customer.filing_deadline_working_days', can('policy.read'));
  const mayUpdate = can('customer.update');
  const { users } = useUsers(can('org.read'));

  const [month, setMonth] = useState<Dayjs>(dayjs());
  const m = month.format('YYYY-MM');
  const [late, setLate] = useState<LateChange[] | null>(null);
  const [lateError, setLateError] = useState<ApiError | null>(null);
  const [lateLoading, setLateLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(asItems<OverdueFiling>(await api.get('/customer-filings/overdue', { limit: 200 })));
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

  const loadLate = useCallback(async () => {
    setLateLoading(true);
    try {
      setLate(asItems<LateChange>(await api.get('/customer-filings/late-changes', { month: m })));
      setLateError(null);
    } catch (e) {
      setLateError(e as ApiError);
    } finally {
      setLateLoading(false);
    }
  }, [m]);
  useEffect(() => {
    if (tab === 'late') loadLate();
  }, [tab, loadLate]);

  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    if (k === 'late') next.set('tab', 'late');
    else next.delete('tab');
    setParams(next, { replace: true });
  };
  const userName = (uid: number) =>
    users.find((u) => u.id === uid)?.display_name ?? (uid === me?.id ? me.display_name : `#${uid}`);
  /** A changed field with the customer form's label where there is one. */
  const fieldLabel = (f: string) => {
    const key = `field.${f}` as MessageKey;
    const label = t(key);
    return label === key ? f : label;
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  const overdueTab = (
    <>
      <Typography.Paragraph type="secondary">{days !== null ? t('filing.help', { days }) : t('filing.helpNoDays')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} data-testid="filings-error" />}
      <Table<OverdueFiling>
        rowKey="customer_id"
        size="small"
        loading={loading}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <span data-testid="filings-empty">{t('filing.empty')}</span> }}
        data-testid="filings-table"
        onRow={(f) => ({ 'data-testid': 'filing-row', 'data-customer': f.customer_id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('filing.customer'),
            dataIndex: 'customer_name',
            render: (name: string, f) => (
              <Link to={`/customers/${f.customer_id}`} data-testid="filing-customer-link">
                {name}
              </Link>
            ),
          },
          { title: t('field.department'), dataIndex: 'department_name' },
          { title: t('customer.metOn'), dataIndex: 'met_on', width: 120 },
          {
            title: t('filing.dueDay'),
            dataIndex: 'due_day',
            width: 120,
            render: (d: string) => <Typography.Text type="danger">{d}</Typography.Text>,
          },
          {
            title: t('filing.missing'),
            dataIndex: 'missing',
            render: (missing: string[]) =>
              missing.map((m) => (
                <Tag key={m} color="orange" data-testid="filing-missing" data-field={m}>
                  {FIELD_LABEL[m] ? t(FIELD_LABEL[m]) : m}
                </Tag>
              )),
          },
          ...(mayUpdate
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, f: OverdueFiling) => (
                    <Link to={`/customers/${f.customer_id}/edit`} data-testid="filing-edit">
                      {t('filing.complete')}
                    </Link>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );

  const lateTab = (
    <>
      <Typography.Paragraph type="secondary">
        {days !== null ? t('filing.lateHelp', { days }) : t('filing.lateHelpNoDays')}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>{t('filing.month')}</span>
        <DatePicker
          picker="month"
          value={month}
          onChange={(v) => v && setMonth(v)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          data-testid="late-changes-month"
        />
      </Space>
      {lateError && <Alert type="error" showIcon message={lateError.detail} style={{ marginBottom: 12 }} data-testid="late-changes-error" />}
      <Table<LateChange>
        rowKey={(r) => `${r.customer_id}-${r.version}`}
        size="small"
        loading={lateLoading}
        dataSource={late ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <span data-testid="late-changes-empty">{t('filing.lateEmpty')}</span> }}
        data-testid="late-changes-table"
        onRow={(r) => ({ 'data-testid': 'late-change-row', 'data-customer': r.customer_id }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('filing.customer'),
            dataIndex: 'customer_name',
            render: (name: string, r) => (
              <Link to={`/customers/${r.customer_id}`} data-testid="late-change-customer-link">
                {name}
              </Link>
            ),
          },
          {
            title: t('filing.fields'),
            dataIndex: 'fields',
            render: (fields: string) =>
              fields
                .split(',')
                .filter(Boolean)
                .map((f) => (
                  <Tag key={f} data-testid="late-change-field" data-field={f}>
                    {fieldLabel(f)}
                  </Tag>
                )),
          },
          { title: t('customer.changedOn'), dataIndex: 'changed_on', width: 120 },
          {
            title: t('filing.reportDue'),
            dataIndex: 'due_day',
            width: 120,
            render: (d: string) => <Typography.Text type="danger">{d}</Typography.Text>,
          },
          { title: t('filing.reportedAt'), dataIndex: 'reported_at', width: 150, render: (v: string) => fmtTime(v) },
          { title: t('filing.reportedBy'), dataIndex: 'reported_by', render: (uid: number) => userName(uid) },
        ]}
      />
    </>
  );

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('filing.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={tab === 'late' ? loadLate : load} data-testid="filings-reload">
          {t('common.reload')}
        </Button>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'overdue',
            label: (
              <span data-testid="filings-tab-overdue">
                {t('filing.tabOverdue')} {(items?.length ?? 0) > 0 && <Tag color="volcano">{items!.length}</Tag>}
              </span>
            ),
            children: overdueTab,
          },
          {
            key: 'late',
            label: <span data-testid="filings-tab-late">{t('filing.tabLate')}</span>,
            children: lateTab,
          },
        ]}
      />
    </Card>
  );
}
