import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Progress, Result, Row, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileTextOutlined } from '@ant-design/icons';
import { ApiError, request } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { ImportError, ImportJob } from '../types';

export const TEMPLATE_COLUMNS = [
  'name',
  'kind',
  'customer_type',
  'category',
  'company_name',
  'id_number',
  'phone',
  'address',
  'department',
  'owner_username',
  'plate',
  'vin',
  'brand',
  'model',
  'purchase_date',
  'notes',
];

const RUNNING = new Set(['queued', 'pending', 'running', 'processing', 'started', 'in_progress']);
const FAILED = new Set(['failed', 'invalid', 'error', 'cancelled']);

const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE_COLUMNS.join(',') + '\r\n')}`;

export default function ImportExport() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const timer = useRef<number | undefined>();

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const running = !!job && RUNNING.has(job.status);

  const poll = (id: ImportJob['id']) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      try {
        const j = await request<ImportJob>('GET', `/imports/${id}`);
        setJob(j);
        if (RUNNING.has(j.status)) poll(id);
        else if (!j.dry_run && !FAILED.has(j.status)) message.success(t('import.done'));
      } catch (e) {
        setError((e as ApiError).detail);
      }
    }, 500);
  };

  const start = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError('');
    try {
      const body = await file.arrayBuffer();
      const j = await request<ImportJob>('POST', '/imports/customers', {
        query: { dry_run: dryRun ? 'true' : 'false' },
        rawBody: body,
        contentType: 'text/csv',
      });
      setJob(j);
      if (RUNNING.has(j.status)) poll(j.id);
    } catch (e) {
      setError((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };

  const percent = job && job.total > 0 ? Math.floor((job.processed / job.total) * 100) : running ? 0 : 100;
  const errors = job?.errors ?? [];
  // Server statuses: running -> validated | invalid (dry run), committed | invalid (commit), failed.
  const canCommit = !!job && job.dry_run && !running && !FAILED.has(job.status) && errors.length === 0;

  if (!can('customer.import') && !can('customer.export')) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {can('customer.import') && (
        <Card title={t('import.importTitle')}>
          <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
          <Space wrap style={{ marginBottom: 16 }}>
            <Button icon={<FileTextOutlined />} href={templateHref} download="patron-customers-template.csv" data-testid="import-template">
              {t('import.template')}
            </Button>
            <Upload
              accept=".csv,text/csv"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(f) => {
                setFile(f);
                setJob(null);
                setError('');
                return false;
              }}
            >
              <Button icon={<CloudUploadOutlined />} data-testid="import-select">
                {t('import.select')}
              </Button>
            </Upload>
            {file && (
              <Typography.Text data-testid="import-file-name">
                {t('import.file')}: {file.name} ({Math.ceil(file.size / 1024)} KB)
              </Typography.Text>
            )}
            <Button type="primary" disabled={!file || running} loading={busy} onClick={() => start(true)} data-testid="import-dry-run">
              {t('import.dryRun')}
            </Button>
            <Button type="primary" danger disabled={!canCommit} loading={busy} onClick={() => start(false)} data-testid="import-commit">
              {t('import.commit')}
            </Button>
          </Space>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="import-error" />}
          {job && (
            <>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col span={6}>
                  <Statistic
                    title={t('import.status')}
                    valueRender={() => (
                      <Tag color={FAILED.has(job.status) ? 'red' : running ? 'processing' : 'green'} data-testid="import-status">
                        {te('import_status', job.status)}
                        {job.dry_run ? ` · ${t('import.dryRun')}` : ''}
                      </Tag>
                    )}
                  />
                </Col>
                <Col span={12}>
                  <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>{t('import.progress')}</div>
                  <Progress percent={percent} status={FAILED.has(job.status) ? 'exception' : running ? 'active' : 'success'} data-testid="import-progress" />
                  <Typography.Text type="secondary">
                    {job.processed} / {job.total}
                  </Typography.Text>
                </Col>
                <Col span={6}>
                  <Statistic
                    title={job.dry_run ? t('import.validRows', { n: '' }).trim() : t('import.imported', { n: '' }).trim()}
                    value={job.imported}
                  />
                </Col>
              </Row>
              {!running &&
                (errors.length ? (
                  <Table<ImportError>
                    size="small"
                    rowKey={(r, i) => `${r.line}-${r.field}-${i}`}
                    dataSource={errors}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    title={() => (
                      <Typography.Text strong type="danger">
                        {t('import.errors')} ({errors.length})
                      </Typography.Text>
                    )}
                    data-testid="import-errors"
                    columns={[
                      { title: t('import.line'), dataIndex: 'line', width: 80 },
                      { title: t('import.field'), dataIndex: 'field', width: 160 },
                      { title: t('import.message'), dataIndex: 'message' },
                    ]}
                  />
                ) : (
                  <Alert type="success" showIcon message={job.dry_run ? t('import.noErrors') : t('import.done')} />
                ))}
            </>
          )}
        </Card>
      )}
      {can('customer.export') && (
        <Card title={t('import.exportTitle')}>
          <Typography.Paragraph type="secondary">{t('import.exportHelp')}</Typography.Paragraph>
          <Button icon={<DownloadOutlined />} href="/api/v1/exports/customers" download data-testid="export-all">
            {t('customer.export')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
