import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Radio, Result, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { api, asItems, ApiError } from '../api';
import { useAuth } from '../auth';
import { applyServerErrors } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { PolicyHistoryEntry, PolicySetting } from '../types';

export default function PolicySettings() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [items, setItems] = useState<PolicySetting[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<PolicySetting | null>(null);
  const [historyKey, setHistoryKey] = useState<string | null>(null);
  const [history, setHistory] = useState<PolicyHistoryEntry[]>([]);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [editError, setEditError] = useState('');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(asItems<PolicySetting>(await api.get('/policy')));
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

  useEffect(() => {
    if (!historyKey) return;
    setHistory([]);
    api
      .get(`/policy/${encodeURIComponent(historyKey)}/history`)
      .then((r) => setHistory(asItems<PolicyHistoryEntry>(r)))
      .catch((e: ApiError) => message.error(e.detail));
  }, [historyKey, message]);

  useEffect(() => {
    if (editing) {
      form.resetFields();
      form.setFieldsValue({ value: editing.value, reason: '' });
      setEditError('');
    }
  }, [editing, form]);

  const unit = (u: string) => {
    const key = `unit.${u}` as MessageKey;
    const s = t(key);
    return s === key ? u : s;
  };
  const withUnit = (v: number, u: string) => {
    if (u === 'bool') return v ? t('common.yes') : t('common.no');
    const text = `${v}${u === 'percent' ? '' : ' '}${unit(u)}`;
    if (u === 'fen') return `${text} (¥${(v / 100).toFixed(2)})`;
    return text;
  };

  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setEditError('');
    try {
      await api.put(`/policy/${encodeURIComponent(editing!.key)}`, { value: v.value, version: editing!.version, reason: v.reason.trim() });
      message.success(t('policy.saved'));
      setEditing(null);
      load();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        setEditError(t('customer.conflict'));
        load();
        return;
      }
      const rest = applyServerErrors(form, e);
      if (rest.length || !err.errors?.length) setEditError(err.detail);
    } finally {
      setBusy(false);
    }
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('policy.title')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Table<PolicySetting>
        rowKey="key"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="policy-table"
        columns={[
          { title: t('policy.key'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
          {
            title: t('policy.rule'),
            dataIndex: 'rule',
            render: (r: string) =>
              r === 'platform' ? (
                <Tag>{t('policy.platform')}</Tag>
              ) : (
                <Tooltip title="POLICIES.md">
                  <Tag color="blue">{r}</Tag>
                </Tooltip>
              ),
          },
          { title: t('policy.description'), key: 'd', render: (_, s) => (lang === 'en' ? s.description_en : s.description_zh) },
          {
            title: t('policy.value'),
            key: 'v',
            render: (_, s) => (
              <Typography.Text strong={s.value !== s.default} data-testid={`policy-value-${s.key}`}>
                {withUnit(s.value, s.unit)}
              </Typography.Text>
            ),
          },
          { title: t('policy.default'), key: 'def', render: (_, s) => withUnit(s.default, s.unit) },
          {
            title: t('policy.range'),
            key: 'r',
            render: (_, s) => (s.unit === 'bool' ? `${t('common.yes')} / ${t('common.no')}` : `${s.min} – ${s.max}`),
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, s) => (
              <>
                {can('policy.manage') && (
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} data-testid="policy-edit">
                    {t('policy.edit')}
                  </Button>
                )}
                <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setHistoryKey(s.key)}>
                  {t('policy.history')}
                </Button>
              </>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `${t('policy.edit')}: ${editing.key}` : ''}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={busy}
        okText={t('common.save')}
        destroyOnClose
      >
        {editing && (
          <>
            <Typography.Paragraph type="secondary">
              {editing.rule} · {lang === 'en' ? editing.description_en : editing.description_zh}
            </Typography.Paragraph>
            {editError && <Alert type="error" showIcon message={editError} style={{ marginBottom: 12 }} />}
            <Form form={form} layout="vertical">
              {editing.unit === 'bool' ? (
                <Form.Item
                  name="value"
                  label={t('policy.value')}
                  rules={[{ required: true, message: t('validation.required', { field: t('policy.value') }) }]}
                  extra={`${t('policy.default')}: ${withUnit(editing.default, editing.unit)}`}
                >
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 1, label: t('common.yes') },
                      { value: 0, label: t('common.no') },
                    ]}
                    data-testid="policy-value-input"
                  />
                </Form.Item>
              ) : (
                <Form.Item
                  name="value"
                  label={`${t('policy.value')} (${unit(editing.unit)})`}
                  rules={[{ required: true, message: t('validation.required', { field: t('policy.value') }) }]}
                  extra={`${t('policy.range')}: ${editing.min} – ${editing.max}; ${t('policy.default')}: ${editing.default}`}
                >
                  <InputNumber min={editing.min} max={editing.max} precision={0} style={{ width: 200 }} data-testid="policy-value-input" />
                </Form.Item>
              )}
              <Form.Item
                name="reason"
                label={t('policy.reason')}
                rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('policy.reason') }) }]}
              >
                <Input.TextArea rows={2} data-testid="policy-reason" />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
      <Drawer open={!!historyKey} onClose={() => setHistoryKey(null)} width={640} title={t('policy.historyTitle', { key: historyKey ?? '' })}>
        <Table<PolicyHistoryEntry>
          size="small"
          rowKey={(r, i) => String(r.version ?? i)}
          dataSource={history}
          pagination={false}
          columns={[
            { title: t('common.version'), dataIndex: 'version', width: 70 },
            {
              title: t('policy.value'),
              dataIndex: 'value',
              render: (v: number) => {
                const u = items.find((s) => s.key === historyKey)?.unit;
                return u ? withUnit(v, u) : v;
              },
            },
            {
              title: t('policy.updatedBy'),
              key: 'by',
              render: (_, h) => (h.updated_by_name as string) || (h.updated_by_username as string) || h.updated_by,
            },
            { title: t('policy.updatedAt'), dataIndex: 'updated_at', render: (v: string) => fmtTime(v) },
            { title: t('policy.reason'), dataIndex: 'reason' },
          ]}
        />
      </Drawer>
    </Card>
  );
}
