// ARC-5: the handover sign-off book (用户档案签收簿) for a period, printable: the book is signed
// on paper, so the print view has signature columns.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Result, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { Handover } from '../types';

export default function HandoverBook() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { users } = useUsers(can('org.read'));
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [items, setItems] = useState<Handover[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await api.get<{ items: Handover[] }>('/handovers', {
        from: range[0].startOf('day').toISOString(),
        to: range[1].add(1, 'day').startOf('day').toISOString(),
      });
      setItems(r.items);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, [range]);
  useEffect(() => {
    load();
  }, [load]);

  const name = (id: number) => users.find((u) => u.id === id)?.display_name ?? `#${id}`;
  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return (
    <Card className="patron-printable">
      <Typography.Title level={4} className="patron-page-title">
        {t('handover.bookTitle')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Space className="patron-no-print" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="handover-print">
          {t('handover.print')}
        </Button>
      </Space>
      <Typography.Paragraph className="patron-print-only">
        {range[0].format('YYYY-MM-DD')} — {range[1].format('YYYY-MM-DD')}
      </Typography.Paragraph>
      <Table<Handover>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="handover-book"
        columns={[
          { title: t('handover.at'), dataIndex: 'handed_at', render: (v: string) => fmtTime(v) },
          {
            title: t('archive.number'),
            dataIndex: 'archive_number',
            render: (n: string, h) => <Link to={`/archives/${h.archive_id}`}>{n}</Link>,
          },
          { title: t('handover.items'), dataIndex: 'items_handed', render: (v: string[]) => v.length },
          { title: t('handover.missing'), dataIndex: 'items_missing', render: (v: string[]) => v.join(', ') || '—' },
          { title: t('handover.sender'), dataIndex: 'sender_id', render: name },
          { title: t('handover.receiver'), dataIndex: 'receiver_id', render: name },
          {
            title: t('handover.onTime'),
            dataIndex: 'late_working_days',
            render: (n: number) =>
              n === 0 ? <Tag color="green">{t('handover.onTimeYes')}</Tag> : <Tag color="red">{t('handover.late', { n })}</Tag>,
          },
          { title: t('handover.senderSignature'), key: 'ss', className: 'patron-signature', render: () => '' },
          { title: t('handover.receiverSignature'), key: 'rs', className: 'patron-signature', render: () => '' },
        ]}
      />
    </Card>
  );
}
