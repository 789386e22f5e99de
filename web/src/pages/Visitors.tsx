// SEC-3: the register of non-employees (外来人员登记). 非本公司人员查阅档案，须先凭介绍信或工作证登记:
// the employee who hosts a visitor registers them with their introduction letter or work ID, the
// purpose and the last day (at most 90 days); while the registration is in force the host may file
// access requests on the visitor's behalf. Everyone sees the visitors they host; the general manager
// (access.authorise) and auditors see all. The host or access.authorise ends a registration early.
// Document numbers come masked from the server to anyone but the host and customer.personal_data.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, asItems } from '../api';
import { useAuth } from '../auth';
import { MAX_VISITOR_DAYS, VISITOR_DOCUMENT_KINDS } from '../enums';
import { useModalSubmit } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { usePageLoad } from '../hooks/usePageLoad';
import type { Visitor, VisitorDocumentKind } from '../types';

const BASE = '/visitors';

const STATUS_COLOR: Record<Visitor['status'], string> = {
  active: 'success',
  expired: 'default',
  revoked: 'error',
};

interface Values {
  name: string;
  organisation: string;
  document_kind: VisitorDocumentKind;
  document_number: string;
  purpose: string;
  valid_until: Dayjs | null;
}

export function VisitorStatusTag({ status }: { status: Visitor['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="visitor-status" data-status={status}>
      {t(`visitor.status.${status}` as MessageKey)}
    </Tag>
  );
}

/** Outside today … today + 90 days: not a valid last day of a registration. */
export function visitorDayDisabled(d: Dayjs): boolean {
  const today = dayjs().startOf('day');
  return d.isBefore(today, 'day') || d.isAfter(today.add(MAX_VISITOR_DAYS, 'day'), 'day');
}

function RegisterModal({ open, onClose }: { open: boolean; onClose: (created: Visitor | null) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { err, setErr, busy, submit } = useModalSubmit(form, async (v) => {
    const created = await api.post<Visitor>(BASE, {
      name: (v.name ?? '').trim(),
      organisation: (v.organisation ?? '').trim(),
      document_kind: v.document_kind,
      document_number: (v.document_number ?? '').trim(),
      purpose: (v.purpose ?? '').trim(),
      valid_until: v.valid_until ? v.valid_until.format('YYYY-MM-DD') : '',
    });
    onClose(created);
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setErr('');
  }, [open, form, setErr]);

  const required = (key: MessageKey) => ({ required: true, message: t('validation.required', { field: t(key) }) });
  const text = (key: MessageKey) => ({ ...required(key), whitespace: true });
  return (
    <Modal
      open={open}
      title={t('visitor.registerTitle')}
      onCancel={() => onClose(null)}
      onOk={submit}
      confirmLoading={busy}
      okText={t('visitor.register')}
      okButtonProps={{ id: 'visitor-save' }}
      cancelText={t('common.cancel')}
      forceRender
      width={600}
    >
      <Typography.Paragraph type="secondary">{t('visitor.rule')}</Typography.Paragraph>
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} data-testid="visitor-error" />}
      <Form<Values> form={form} layout="vertical" data-testid="visitor-form">
        <Space size="middle" style={{ display: 'flex' }} align="start">
          <Form.Item name="name" label={t('visitor.name')} rules={[text('visitor.name')]} style={{ width: 200 }}>
            <Input maxLength={50} data-testid="visitor-name" />
          </Form.Item>
          <Form.Item name="organisation" label={t('visitor.organisation')} rules={[text('visitor.organisation')]} style={{ width: 330 }}>
            <Input maxLength={100} data-testid="visitor-organisation" />
          </Form.Item>
        </Space>
        <Form.Item name="document_kind" label={t('visitor.documentKind')} rules={[required('visitor.documentKind')]}>
          <Radio.Group data-testid="visitor-document-kind">
            {VISITOR_DOCUMENT_KINDS.map((k) => (
              <Radio key={k} value={k} data-testid={`visitor-document-kind-${k}`}>
                {t(`visitor.document.${k}` as MessageKey)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="document_number" label={t('visitor.documentNumber')} rules={[text('visitor.documentNumber')]}>
          <Input maxLength={50} placeholder={t('visitor.documentNumberPlaceholder')} data-testid="visitor-document-number" />
        </Form.Item>
        <Form.Item name="purpose" label={t('visitor.purpose')} rules={[text('visitor.purpose')]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('visitor.purposePlaceholder')} data-testid="visitor-purpose" />
        </Form.Item>
        <Form.Item
          name="valid_until"
          label={t('visitor.validUntil')}
          extra={t('visitor.validUntilHelp', { max: MAX_VISITOR_DAYS })}
          rules={[required('visitor.validUntil')]}
        >
          <DatePicker format="YYYY-MM-DD" disabledDate={visitorDayDisabled} data-testid="visitor-valid-until" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function Visitors() {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const seesAll = can('access.authorise') || can('audit.read');

  const [items, setItems] = useState<Visitor[]>([]);
  const { loading, error, load } = usePageLoad(async () => {
    setItems(asItems<Visitor>(await api.get(BASE)));
  }, []);
  const [registering, setRegistering] = useState(false);

  const end = async (v: Visitor) => {
    try {
      await api.post<Visitor>(`${BASE}/${v.id}/revoke`, { version: v.version });
      message.success(t('visitor.ended'));
    } catch (e) {
      const err = e as ApiError;
      message.error(err.status === 409 ? t('customer.conflict') : err.errors?.[0]?.message || err.detail, 6);
    }
    await load();
  };
  const mayEnd = (v: Visitor) => v.status === 'active' && (v.host_id === me?.id || can('access.authorise'));

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={4} className="patron-page-title">
          {t('visitor.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="visitor-register">
          {t('visitor.register')}
        </Button>
      </Space>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={<span data-testid="visitor-rule">{t('visitor.rule')}</span>}
        description={t('visitor.help', { max: MAX_VISITOR_DAYS })}
      />
      <Typography.Paragraph type="secondary" data-testid={seesAll ? 'visitor-all' : 'visitor-mine-only'}>
        {t(seesAll ? 'visitor.allShown' : 'visitor.mineOnly')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Table<Visitor>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="visitor-list"
        locale={{ emptyText: <span data-testid="visitor-empty">{t('visitor.empty')}</span> }}
        onRow={(r) =>
          ({ 'data-testid': 'visitor-row', 'data-id': r.id, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('visitor.name'), dataIndex: 'name', render: (v: string) => <span data-testid="visitor-row-name">{v}</span> },
          { title: t('visitor.organisation'), dataIndex: 'organisation' },
          {
            title: t('visitor.documentKind'),
            dataIndex: 'document_kind',
            render: (k: VisitorDocumentKind) => t(`visitor.document.${k}` as MessageKey),
          },
          {
            title: t('visitor.documentNumber'),
            dataIndex: 'document_number',
            render: (v: string) => (
              <Typography.Text code style={{ whiteSpace: 'nowrap' }} data-testid="visitor-row-document">
                {v}
              </Typography.Text>
            ),
          },
          { title: t('visitor.purpose'), dataIndex: 'purpose', ellipsis: true },
          { title: t('visitor.host'), dataIndex: 'host_name', render: (v: string) => <span data-testid="visitor-row-host">{v}</span> },
          { title: t('visitor.validUntil'), dataIndex: 'valid_until', width: 110 },
          {
            title: t('visitor.status'),
            dataIndex: 'status',
            render: (s: Visitor['status'], r) => (
              <Space direction="vertical" size={0}>
                <VisitorStatusTag status={s} />
                {r.revoked_at && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('visitor.revokedAt', { at: fmtTime(r.revoked_at) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('visitor.registeredAt'), dataIndex: 'registered_at', render: (v: string) => fmtTime(v) },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, r: Visitor) =>
              mayEnd(r) && (
                <Popconfirm
                  title={t('visitor.endConfirm', { name: r.name })}
                  okText={t('visitor.end')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'visitor-end-confirm' } as never}
                  onConfirm={() => end(r)}
                >
                  <Button type="link" size="small" danger icon={<StopOutlined />} data-testid="visitor-end">
                    {t('visitor.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <RegisterModal
        open={registering}
        onClose={async (created) => {
          setRegistering(false);
          if (created) {
            message.success(t('visitor.registered'));
            await load();
          }
        }}
      />
    </Card>
  );
}
