import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Result, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, asItems, ApiError } from '../api';
import { fmtTimeSec } from '../format';
import { useI18n } from '../i18n';
import type { AuditEntry } from '../types';

interface Filters {
  user_id?: number;
  object_type?: string;
  object_id?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE_SIZE = 50;

export default function AuditLog() {
  const { t, te } = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  // Stack of `before` cursors: the last is the current page (undefined = newest).
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const before = cursors[cursors.length - 1];

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.get<unknown>('/audit', {
        user_id: filters.user_id,
        object_type: filters.object_type?.trim(),
        object_id: filters.object_id?.trim(),
        action: filters.action?.trim(),
        from: filters.range?.[0]?.startOf('day').toISOString(),
        to: filters.range?.[1]?.endOf('day').toISOString(),
        before,
      });
      const list = asItems<AuditEntry>(r);
      setItems(list);
      const explicit = (r as { next_before?: number } | null)?.next_before;
      const minSeq = list.length ? Math.min(...list.map((e) => e.seq)) : undefined;
      setNextBefore(explicit ?? (list.length >= PAGE_SIZE || (minSeq !== undefined && minSeq > 1) ? minSeq : undefined));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, [filters, before]);

  useEffect(() => {
    load();
  }, [load]);

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('audit.title')}
      </Typography.Title>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters(v);
          setCursors([undefined]);
        }}
      >
        <Form.Item name="user_id" label={t('audit.userId')}>
          <InputNumber min={1} style={{ width: 110 }} data-testid="audit-user-id" />
        </Form.Item>
        <Form.Item name="object_type" label={t('audit.objectType')}>
          <Input style={{ width: 130 }} placeholder="customer" />
        </Form.Item>
        <Form.Item name="object_id" label={t('audit.objectId')}>
          <Input style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input style={{ width: 160 }} placeholder="customer.read" />
        </Form.Item>
        <Form.Item name="range" label={t('audit.timeRange')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilters({});
              setCursors([undefined]);
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="audit-table"
        scroll={{ x: 1100 }}
        columns={[
          { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: fmtTimeSec },
          { title: t('audit.user'), key: 'u', width: 140, render: (_, e) => (e.user_id ? `${e.username} (#${e.user_id})` : e.username || '-') },
          { title: t('audit.action'), dataIndex: 'action', width: 160, render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
          { title: t('audit.objectType'), dataIndex: 'object_type', width: 110 },
          { title: t('audit.objectId'), dataIndex: 'object_id', width: 90 },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            width: 90,
            render: (o: string) => <Tag color={o === 'ok' ? 'green' : o === 'denied' ? 'red' : 'orange'}>{te('outcome', o)}</Tag>,
          },
          { title: t('audit.ip'), dataIndex: 'ip', width: 120 },
          { title: t('audit.detail'), dataIndex: 'detail', ellipsis: true },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors([undefined])}>
          {t('common.firstPage')}
        </Button>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="audit-prev">
          {t('common.prevPage')}
        </Button>
        <Button disabled={nextBefore === undefined} onClick={() => setCursors((c) => [...c, nextBefore])} data-testid="audit-next">
          {t('common.nextPage')}
        </Button>
      </Space>
    </Card>
  );
}
