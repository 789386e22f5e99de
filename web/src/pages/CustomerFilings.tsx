// ARC-10: the customers whose filing deadline (N working days after the department met them) passed
// before their basic information form was complete, with what the form still lacks. The list is
// the caller's customer.read scope; completing the form takes a customer off it.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Result, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, ApiError, asItems } from '../api';
import { useAuth } from '../auth';
import { usePolicyValue } from '../data';
import { useI18n, type MessageKey } from '../i18n';
import type { OverdueFiling } from '../types';

/** The form's fields as the server names them, with the customer form's labels. */
const FIELD_LABEL: Record<string, MessageKey> = {
  name: 'field.name',
  phones: 'field.phones',
  address: 'field.address',
  contacts: 'field.contacts',
};

export default function CustomerFilings() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [items, setItems] = useState<OverdueFiling[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const days = usePolicyValue('customer.filing_deadline_working_days', can('policy.read'));
  const mayUpdate = can('customer.update');

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

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('filing.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={load} data-testid="filings-reload">
          {t('common.reload')}
        </Button>
      </Space>
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
    </Card>
  );
}
