import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, buildQuery, type ApiError } from '../api';
import { useAuth } from '../auth';
import { useDepartments } from '../data';
import { CATEGORIES } from '../enums';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { CustomerSummary, Page } from '../types';

const categoryColor: Record<string, string> = { key: 'red', target: 'blue', general: 'default', potential: 'gold' };

export default function CustomerList() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { tree } = useDepartments();

  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const departmentId = params.get('department_id') ?? '';
  const sort = params.get('sort') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const pageSize = Number(params.get('page_size') ?? '20') || 20;

  const [input, setInput] = useState(q);
  const [data, setData] = useState<Page<CustomerSummary> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const update = (changes: Record<string, string | number | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '' || v === null) next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  // Debounced search box (300 ms) -> ?q=
  useEffect(() => {
    if (input === q) return;
    const h = setTimeout(() => update({ q: input.trim() ? input : undefined }), 300);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [input]);

  useEffect(() => {
    setInput(q);
    // keep the box in sync when navigating back
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const filters = useMemo(
    () => ({ q: q.trim() || undefined, category: category || undefined, department_id: departmentId || undefined, sort: sort || undefined }),
    [q, category, departmentId, sort],
  );

  useEffect(() => {
    let alive = true;
    setLoading(true);
    api
      .get<Page<CustomerSummary>>('/customers', { ...filters, page, page_size: pageSize })
      .then((r) => {
        if (!alive) return;
        setData(r);
        setError('');
      })
      .catch((e: ApiError) => alive && setError(e.detail || e.message))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [filters, page, pageSize]);

  const sortOrder = (field: string) =>
    sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null;

  const columns: TableProps<CustomerSummary>['columns'] = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v: string, r) => (
        <Link to={`/customers/${r.id}`} data-testid="customer-link" onClick={(e) => e.stopPropagation()}>
          {v}
        </Link>
      ),
    },
    { title: t('field.kind'), dataIndex: 'kind', render: (v: string) => te('kind', v), width: 80 },
    {
      title: t('field.category'),
      dataIndex: 'category',
      render: (v: string) => <Tag color={categoryColor[v]}>{te('category', v)}</Tag>,
    },
    { title: t('field.customer_type'), dataIndex: 'customer_type', render: (v: string) => te('customer_type', v) },
    { title: t('field.grade'), dataIndex: 'grade', width: 90, render: (v: string) => v || '-' },
    { title: t('field.company_name'), dataIndex: 'company_name', ellipsis: true },
    { title: t('field.phone'), dataIndex: 'phone' },
    { title: t('field.department'), dataIndex: 'department_name' },
    { title: t('field.owner'), dataIndex: 'owner_name' },
    {
      title: t('field.updated_at'),
      dataIndex: 'updated_at',
      sorter: true,
      sortOrder: sortOrder('updated_at'),
      render: (v: string) => fmtTime(v),
    },
  ];

  const onTableChange: TableProps<CustomerSummary>['onChange'] = (pagination, _f, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = s?.field as string | undefined;
      const nextSort = s?.order && field ? (s.order === 'descend' ? `-${field}` : field) : undefined;
      update({ sort: nextSort ?? '-updated_at' });
      return;
    }
    update({ page: pagination.current ?? 1, page_size: pagination.pageSize ?? 20 }, false);
  };

  const exportHref = `/api/v1/exports/customers${buildQuery(filters)}`;
  const total = data?.total ?? 0;

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} className="patron-page-title" style={{ marginBottom: 0 }}>
          {t('customer.list.title')}
        </Typography.Title>
        <Space wrap>
          {can('customer.export') && (
            <Button icon={<DownloadOutlined />} href={exportHref} download data-testid="export-csv">
              {t('customer.export')}
            </Button>
          )}
          {can('customer.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/new')} data-testid="new-customer">
              {t('customer.new')}
            </Button>
          )}
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 360 }}
          placeholder={t('customer.searchPlaceholder')}
          value={input}
          onChange={(e) => setInput(e.target.value)}
          onSearch={(v) => update({ q: v.trim() ? v : undefined })}
          data-testid="customer-search"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('customer.filterCategory')}
          value={category || undefined}
          onChange={(v) => update({ category: v })}
          options={CATEGORIES.map((c) => ({ value: c, label: te('category', c) }))}
          data-testid="filter-category"
        />
        <TreeSelect
          allowClear
          style={{ width: 220 }}
          placeholder={t('customer.filterDepartment')}
          value={departmentId ? Number(departmentId) : undefined}
          onChange={(v) => update({ department_id: v })}
          treeData={tree}
          treeDefaultExpandAll
          data-testid="filter-department"
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<CustomerSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        onChange={onTableChange}
        rowClassName="clickable-row"
        onRow={(r) =>
          ({
            'data-testid': 'customer-row',
            'data-customer-id': r.id,
            onClick: () => navigate(`/customers/${r.id}`),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100, 200],
          showTotal: () => (
            <span data-testid="customer-total">
              {data?.total_is_estimate ? t('common.totalEstimate') : t('common.total', { total })}
            </span>
          ),
        }}
      />
    </Card>
  );
}
