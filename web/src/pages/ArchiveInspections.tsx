// ARC-11: the full inspections of the archive storage (environment, damaged files, findings,
// repairs), when the last one was, when the next is due and whether it is overdue. The archive
// keeper (archive.manage) records them; findings are required when anything was found.
import { useCallback, useEffect, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Result, Row, Space, Table, Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, asItems, remindersChanged } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { applyServerErrors } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { InspectionList, PolicySetting, StorageInspection } from '../types';

interface FormValues {
  inspected_on: Dayjs;
  location: string;
  damp: boolean;
  mould: boolean;
  pests: boolean;
  damaged_files: number | null;
  findings: string;
  repairs: string;
}

const ENVIRONMENT = ['damp', 'mould', 'pests'] as const;

export default function ArchiveInspections() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { users } = useUsers(can('org.read'));
  const [data, setData] = useState<InspectionList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [months, setMonths] = useState<number | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState('');
  const mayRecord = can('archive.manage');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await api.get<InspectionList>('/archive-inspections'));
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

  // The interval is a policy setting; without policy.read the help text goes without it.
  const mayReadPolicy = can('policy.read');
  useEffect(() => {
    if (!mayReadPolicy) return;
    api
      .get('/policy')
      .then((r) => setMonths(asItems<PolicySetting>(r).find((s) => s.key === 'archive.inspection_interval_months')?.value ?? null))
      .catch(() => setMonths(null));
  }, [mayReadPolicy]);

  const userName = (uid: number | null) => users.find((u) => u.id === uid)?.display_name ?? (uid ? `#${uid}` : '');

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setSaveError('');
    try {
      await api.post<StorageInspection>('/archive-inspections', {
        inspected_on: v.inspected_on.format('YYYY-MM-DD'),
        location: (v.location ?? '').trim(),
        damp: !!v.damp,
        mould: !!v.mould,
        pests: !!v.pests,
        damaged_files: v.damaged_files ?? 0,
        findings: (v.findings ?? '').trim(),
        repairs: (v.repairs ?? '').trim(),
      });
      message.success(t('custody.recorded'));
      form.resetFields();
      remindersChanged();
      await load();
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (rest.length || !(e as ApiError).errors?.length) setSaveError((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  // Findings are required once anything was found (as the server checks).
  const somethingFound = (get: (name: keyof FormValues) => unknown) =>
    ENVIRONMENT.some((k) => !!get(k)) || Number(get('damaged_files') ?? 0) > 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <Typography.Title level={4} className="patron-page-title">
          {t('custody.inspectionsTitle')}
        </Typography.Title>
        {months !== null && <Typography.Paragraph type="secondary">{t('custody.inspectionsHelp', { months })}</Typography.Paragraph>}
        {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="inspection-summary">
          <Descriptions.Item label={t('custody.lastInspection')}>
            <span data-testid="inspection-last">{data ? data.last ?? t('custody.neverInspected') : ''}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('custody.nextDue')}>
            <Space>
              <Typography.Text strong data-testid="inspection-next-due">
                {data?.next_due ?? ''}
              </Typography.Text>
              {data?.overdue && (
                <Tag color="red" data-testid="inspection-overdue">
                  {t('custody.overdue')}
                </Tag>
              )}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {mayRecord && (
        <Card title={t('custody.record')} size="small" data-testid="inspection-form">
          {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 12 }} data-testid="inspection-error" />}
          <Form<FormValues>
            form={form}
            layout="vertical"
            initialValues={{ inspected_on: dayjs(), location: '', damp: false, mould: false, pests: false, damaged_files: 0, findings: '', repairs: '' }}
          >
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  name="inspected_on"
                  label={t('custody.inspectedOn')}
                  rules={[{ required: true, message: t('validation.required', { field: t('custody.inspectedOn') }) }]}
                >
                  <DatePicker
                    style={{ width: '100%' }}
                    allowClear={false}
                    disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                    data-testid="inspection-date"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item name="location" label={t('custody.location')}>
                  <Input maxLength={100} placeholder={t('custody.locationPlaceholder')} data-testid="inspection-location" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item label={t('custody.environment')}>
                  <Space>
                    {ENVIRONMENT.map((k) => (
                      <Form.Item key={k} name={k} valuePropName="checked" noStyle>
                        <Checkbox data-testid={`inspection-${k}`}>
                          {t(`custody.${k}` as 'custody.damp')}
                        </Checkbox>
                      </Form.Item>
                    ))}
                  </Space>
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="damaged_files" label={t('custody.damagedFiles')}>
                  <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} data-testid="inspection-damaged" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name="findings"
                  label={t('custody.findings')}
                  dependencies={[...ENVIRONMENT, 'damaged_files']}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: (_, value: string) =>
                        somethingFound(getFieldValue) && !(value ?? '').trim()
                          ? Promise.reject(new Error(t('custody.findingsRequired')))
                          : Promise.resolve(),
                    }),
                  ]}
                >
                  <Input.TextArea rows={3} maxLength={2000} data-testid="inspection-findings" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="repairs" label={t('custody.repairs')}>
                  <Input.TextArea rows={3} maxLength={2000} data-testid="inspection-repairs" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" loading={busy} onClick={submit} data-testid="inspection-submit">
              {t('custody.record')}
            </Button>
          </Form>
        </Card>
      )}

      <Card title={t('custody.history')} size="small">
        <Table<StorageInspection>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: <span data-testid="inspections-empty">{t('custody.noInspections')}</span> }}
          data-testid="inspection-table"
          onRow={() => ({ 'data-testid': 'inspection-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('custody.inspectedOn'), dataIndex: 'inspected_on', width: 110 },
            { title: t('custody.inspector'), dataIndex: 'inspector_id', render: userName },
            { title: t('custody.location'), dataIndex: 'location' },
            {
              title: t('custody.environment'),
              key: 'env',
              render: (_, i) => {
                const found = ENVIRONMENT.filter((k) => i[k]);
                return found.length === 0 ? (
                  <Tag color="green">{t('custody.environmentOk')}</Tag>
                ) : (
                  found.map((k) => (
                    <Tag key={k} color="red">
                      {t(`custody.${k}` as 'custody.damp')}
                    </Tag>
                  ))
                );
              },
            },
            { title: t('custody.damagedFiles'), dataIndex: 'damaged_files', width: 120 },
            { title: t('custody.findings'), dataIndex: 'findings', render: (v: string) => v || '—' },
            { title: t('custody.repairs'), dataIndex: 'repairs', render: (v: string) => v || '—' },
            { title: t('custody.recordedAt'), dataIndex: 'created_at', render: (v: string) => fmtTime(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
