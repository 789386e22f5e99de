// ARC-8: archive lookup by number, customer, phone, plate or VIN.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Card, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { ArchiveSummary } from '../types';

export const STATUS_COLOR: Record<string, string> = { open: 'orange', handed_over: 'blue', checked: 'cyan', filed: 'green', destroyed: 'default' };
export const ARCHIVE_STATUSES = ['open', 'handed_over', 'checked', 'filed', 'destroyed'];

export default function ArchiveList() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const status = params.get('status') ?? '';
  const [items, setItems] = useState<ArchiveSummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.get<{ items: ArchiveSummary[] }>('/archives', { q, kind, status, page_size: 100 });
      setItems(r.items);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, [q, kind, status]);
  useEffect(() => {
    load();
  }, [load]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('archive.title')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('archive.searchPlaceholder')}
          style={{ width: 340 }}
          onSearch={(v) => set('q', v.trim())}
          data-testid="archive-search"
        />
        <Select
          style={{ width: 140 }}
          value={kind}
          onChange={(v) => set('kind', v)}
          options={[
            { value: '', label: t('common.all') },
            { value: 'new_car', label: t('archive.kind.new_car') },
            { value: 'after_sales', label: t('archive.kind.after_sales') },
          ]}
        />
        <Select
          style={{ width: 140 }}
          value={status}
          data-testid="archive-status-filter"
          onChange={(v) => set('status', v)}
          options={[{ value: '', label: t('common.all') }].concat(
            ARCHIVE_STATUSES.map((s) => ({ value: s, label: t(`archive.status.${s}` as 'archive.status.open') })),
          )}
        />
      </Space>
      <Table<ArchiveSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 20 }}
        onRow={() => ({ 'data-testid': 'archive-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('archive.number'),
            dataIndex: 'number',
            render: (n: string, a) => (
              <Link to={`/archives/${a.id}`} data-testid="archive-link">
                {n}
              </Link>
            ),
          },
          { title: t('archive.kind'), dataIndex: 'kind', render: (k: string) => t(`archive.kind.${k}` as 'archive.kind.new_car') },
          { title: t('archive.customer'), dataIndex: 'customer_name' },
          { title: t('field.plate'), dataIndex: 'plate' },
          { title: t('field.vin'), dataIndex: 'vin' },
          { title: t('archive.eventAt'), dataIndex: 'event_at', render: (v: string) => fmtTime(v) },
          {
            title: t('archive.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`archive.status.${s}` as 'archive.status.open')}</Tag>,
          },
        ]}
      />
    </Card>
  );
}
