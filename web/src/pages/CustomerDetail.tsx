import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { api, asItems, ApiError } from '../api';
import { useAuth } from '../auth';
import { useDepartments, useUsers } from '../data';
import { DIRECTIONS, INTERACTION_KINDS, PLATE_RE, VIN_RE } from '../enums';
import { applyServerErrors, useModalSubmit } from '../formErrors';
import { fmtTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { Customer, HistoryEntry, Interaction, PersonalDataCopy, Vehicle } from '../types';
import AccessRefused from '../components/AccessRefused';

const kindColor: Record<string, string> = {
  call: 'blue',
  letter: 'purple',
  fax: 'cyan',
  visit: 'green',
  email: 'geekblue',
  note: 'gray',
  meeting: 'orange',
};

export default function CustomerDetail() {
  const { id } = useParams();
  const { t, te } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [vehicles, setVehicles] = useState<Vehicle[]>([]);
  const [interactions, setInteractions] = useState<Interaction[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [vehicleModal, setVehicleModal] = useState<{ open: boolean; vehicle?: Vehicle }>({ open: false });
  const [interactionOpen, setInteractionOpen] = useState(false);
  const [archiveFor, setArchiveFor] = useState<Vehicle | null>(null);
  const [anonymising, setAnonymising] = useState(false);
  const [exporting, setExporting] = useState(false);
  const { message } = App.useApp();
  const { byId: deptById } = useDepartments();
  const { users } = useUsers(can('org.read'));

  const loadCustomer = useCallback(async () => {
    try {
      const c = await api.get<Customer>(`/customers/${id}`);
      setCustomer(c);
      setVehicles(c.vehicles ?? []);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  }, [id]);
  const loadVehicles = useCallback(async () => {
    try {
      setVehicles(asItems<Vehicle>(await api.get(`/customers/${id}/vehicles`)));
    } catch {
      /* keep what the customer record had */
    }
  }, [id]);
  const loadInteractions = useCallback(async () => {
    try {
      const list = asItems<Interaction>(await api.get(`/customers/${id}/interactions`));
      list.sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : a.occurred_at > b.occurred_at ? -1 : 0));
      setInteractions(list);
    } catch {
      setInteractions([]);
    }
  }, [id]);
  const loadHistory = useCallback(async () => {
    try {
      setHistory(asItems<HistoryEntry>(await api.get(`/customers/${id}/history`)));
    } catch {
      setHistory([]);
    }
  }, [id]);

  // PIPL: the data subject's copy (unmasked, watermarked; the server audits the export), saved as
  // a pretty-printed JSON file to hand to the customer.
  const exportPersonalData = async () => {
    setExporting(true);
    try {
      const copy = await api.get<PersonalDataCopy>(`/customers/${id}/personal-data`);
      const file = `personal-data-${id}.json`;
      const url = URL.createObjectURL(new Blob([JSON.stringify(copy, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.success(t('customer.pipl.exported', { file }));
    } catch (e) {
      message.error((e as ApiError).detail);
    } finally {
      setExporting(false);
    }
  };

  useEffect(() => {
    setCustomer(null);
    loadCustomer();
    loadInteractions();
    loadHistory();
  }, [loadCustomer, loadInteractions, loadHistory]);

  // SEC-1/SEC-4/SEC-6: another department's customer is refused, a classified one looks missing;
  // either way the caller may ask for access (SEC-2).
  if (error && (error.status === 403 || error.status === 404)) {
    return <AccessRefused error={error} objectType="customer" objectId={Number(id)} backTo="/customers" />;
  }
  if (error) {
    return (
      <Result
        status={error.status === 403 ? '403' : error.status === 404 ? '404' : 'error'}
        title={error.status || t('common.error')}
        subTitle={error.detail}
        extra={<Button onClick={() => navigate('/customers')}>{t('common.back')}</Button>}
      />
    );
  }
  if (!customer) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  const c = customer;
  const fieldLabel = (f: string) => {
    const key = `field.${f}` as MessageKey;
    const s = t(key);
    return s === key ? f : s;
  };
  const enumGroupOf: Record<string, string> = {
    kind: 'kind',
    customer_type: 'customer_type',
    special_kind: 'special_kind',
    category: 'category',
    grade: 'grade',
    secrecy: 'secrecy',
  };
  const showValue = (field: string, v: string) => {
    if (v === '' || v === undefined || v === null) return <Typography.Text type="secondary">∅</Typography.Text>;
    if (field === 'department_id') return deptById.get(Number(v))?.name ?? v;
    if (field === 'owner_id') return users.find((u) => u.id === Number(v))?.display_name ?? v;
    return enumGroupOf[field] ? te(enumGroupOf[field], v) : v;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Space wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-name">
              {c.name}
            </Typography.Title>
            <Tag color="blue">{te('category', c.category)}</Tag>
            <Tag>{te('customer_type', c.customer_type)}</Tag>
            {c.special_kind && <Tag>{te('special_kind', c.special_kind)}</Tag>}
            {c.grade && <Tag color="gold">{c.grade}</Tag>}
            {c.secrecy && c.secrecy !== 'normal' && <Tag color="red">{te('secrecy', c.secrecy)}</Tag>}
          </Space>
          <Space wrap>
            <Button onClick={() => navigate('/customers')}>{t('common.back')}</Button>
            {can('customer.personal_data') && (
              <Tooltip title={t('customer.pipl.exportHelp')}>
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportPersonalData} data-testid="pipl-export">
                  {t('customer.pipl.export')}
                </Button>
              </Tooltip>
            )}
            {can('customer.erase') && (
              <Button danger icon={<DeleteOutlined />} onClick={() => setAnonymising(true)} data-testid="pipl-anonymise">
                {t('customer.pipl.anonymise')}
              </Button>
            )}
            {can('customer.update') && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/customers/${c.id}/edit`)} data-testid="edit-customer">
                {t('common.edit')}
              </Button>
            )}
          </Space>
        </Space>
        {c.masked && <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('customer.maskedNotice')} />}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('customer.profile')} data-testid="customer-profile">
              <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                <Descriptions.Item label={t('field.kind')}>{te('kind', c.kind)}</Descriptions.Item>
                <Descriptions.Item label={t('field.customer_type')}>
                  {te('customer_type', c.customer_type)}
                  {c.special_kind ? ` / ${te('special_kind', c.special_kind)}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.category')}>{te('category', c.category)}</Descriptions.Item>
                <Descriptions.Item label={t('field.grade')}>{te('grade', c.grade)}</Descriptions.Item>
                <Descriptions.Item label={t('field.company_name')}>{c.company_name}</Descriptions.Item>
                <Descriptions.Item label={t('field.id_number')}>
                  <span data-testid="customer-id-number">{c.id_number}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('field.enterprise_nature')}>{c.enterprise_nature}</Descriptions.Item>
                <Descriptions.Item label={t('field.supervising_unit')}>{c.supervising_unit}</Descriptions.Item>
                <Descriptions.Item label={t('field.address')} span={2}>
                  {c.address}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.website')}>
                  {c.website && /^https?:\/\//i.test(c.website) ? (
                    <a href={c.website} target="_blank" rel="noreferrer noopener">
                      {c.website}
                    </a>
                  ) : (
                    c.website
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('field.credit_status')}>{c.credit_status}</Descriptions.Item>
                <Descriptions.Item label={t('field.secrecy')}>{te('secrecy', c.secrecy)}</Descriptions.Item>
                <Descriptions.Item label={t('field.department')}>{c.department_name}</Descriptions.Item>
                <Descriptions.Item label={t('field.owner')}>{c.owner_name}</Descriptions.Item>
                <Descriptions.Item label={t('field.updated_at')}>{fmtTime(c.updated_at)}</Descriptions.Item>
                <Descriptions.Item label={t('field.notes')} span={2}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.notes}</Typography.Paragraph>
                </Descriptions.Item>
              </Descriptions>
            </Card>

            <Card title={t('customer.phones')} size="small">
              {c.phones?.length ? (
                <List
                  size="small"
                  dataSource={c.phones}
                  data-testid="customer-phones"
                  renderItem={(p) => (
                    <List.Item>
                      <Space>
                        <Tag>{te('phone_kind', p.kind)}</Tag>
                        <span data-testid="customer-phone">{p.number}</span>
                        {p.label && <Typography.Text type="secondary">{p.label}</Typography.Text>}
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>

            <Card title={t('customer.contacts')} size="small">
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={false}
                dataSource={c.contacts ?? []}
                data-testid="customer-contacts"
                columns={[
                  {
                    title: t('field.contact.name'),
                    dataIndex: 'name',
                    render: (v: string, r) => (
                      <Space>
                        {v}
                        {r.is_primary && (
                          <Tooltip title={t('field.contact.is_primary')}>
                            <StarFilled style={{ color: '#faad14' }} />
                          </Tooltip>
                        )}
                      </Space>
                    ),
                  },
                  { title: t('field.contact.title'), dataIndex: 'title' },
                  { title: t('field.contact.mobile'), dataIndex: 'mobile' },
                  { title: t('field.contact.landline'), dataIndex: 'landline' },
                  { title: t('field.contact.email'), dataIndex: 'email' },
                ]}
              />
            </Card>

            <Card
              title={t('customer.vehicles')}
              size="small"
              extra={
                can('customer.update') && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setVehicleModal({ open: true })} data-testid="add-vehicle">
                    {t('vehicle.add')}
                  </Button>
                )
              }
            >
              <Table<Vehicle>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={vehicles}
                data-testid="customer-vehicles"
                columns={[
                  { title: t('field.plate'), dataIndex: 'plate' },
                  { title: t('field.vin'), dataIndex: 'vin' },
                  { title: t('field.brand'), dataIndex: 'brand' },
                  { title: t('field.model'), dataIndex: 'model' },
                  { title: t('field.color'), dataIndex: 'color' },
                  { title: t('field.purchase_date'), dataIndex: 'purchase_date' },
                  {
                    title: t('field.sold_by_us'),
                    dataIndex: 'sold_by_us',
                    render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
                  },
                  ...(can('customer.update') || can('archive.create')
                    ? [
                        {
                          title: t('common.actions'),
                          key: 'a',
                          render: (_: unknown, v: Vehicle) => (
                            <Space size={0}>
                              {can('customer.update') && (
                                <Button size="small" type="link" onClick={() => setVehicleModal({ open: true, vehicle: v })}>
                                  {t('common.edit')}
                                </Button>
                              )}
                              {can('archive.create') && (
                                <Button size="small" type="link" onClick={() => setArchiveFor(v)} data-testid="open-archive">
                                  {t('archive.open')}
                                </Button>
                              )}
                            </Space>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
          </Space>
        </Col>

        <Col xs={24} xl={9}>
          <Card
            title={t('customer.interactions')}
            extra={
              can('interaction.create') && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setInteractionOpen(true)} data-testid="add-interaction">
                  {t('interaction.add')}
                </Button>
              )
            }
          >
            {interactions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('interaction.empty')} />
            ) : (
              <Timeline
                data-testid="interaction-timeline"
                items={interactions.map((i) => ({
                  color: kindColor[i.kind] ?? 'blue',
                  children: (
                    <div data-testid="interaction-item">
                      <Space size={4} wrap>
                        <Tag color={kindColor[i.kind]}>{te('interaction_kind', i.kind)}</Tag>
                        {i.direction && <Tag>{te('direction', i.direction)}</Tag>}
                        <Typography.Text strong>{i.subject}</Typography.Text>
                      </Space>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {fmtTime(i.occurred_at)} · {i.author_name}
                        </Typography.Text>
                      </div>
                      {i.body && (
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 4, expandable: true }}>
                          {i.body}
                        </Typography.Paragraph>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      <Card title={t('customer.history')} data-testid="customer-history">
        <Table<HistoryEntry>
          size="small"
          rowKey="id"
          dataSource={history}
          locale={{ emptyText: t('history.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={() => ({ 'data-testid': 'history-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('common.version'), dataIndex: 'version', width: 70 },
            { title: t('history.field'), dataIndex: 'field', render: (f: string) => fieldLabel(f) },
            {
              title: t('history.change'),
              key: 'change',
              render: (_, h) => (
                <span>
                  {showValue(h.field, h.old_value)} <Typography.Text type="secondary">→</Typography.Text> {showValue(h.field, h.new_value)}
                </span>
              ),
            },
            { title: t('history.who'), dataIndex: 'changed_by_name' },
            { title: t('history.when'), dataIndex: 'changed_at', render: fmtTime },
          ]}
        />
      </Card>

      <VehicleModal
        customerId={c.id}
        open={vehicleModal.open}
        vehicle={vehicleModal.vehicle}
        onClose={(saved) => {
          setVehicleModal({ open: false });
          if (saved) {
            loadVehicles();
            loadHistory();
          }
        }}
      />
      <InteractionModal
        customerId={c.id}
        open={interactionOpen}
        onClose={(saved) => {
          setInteractionOpen(false);
          if (saved) loadInteractions();
        }}
      />
      <AnonymiseModal
        customer={c}
        open={anonymising}
        onStale={loadCustomer}
        onClose={(done) => {
          setAnonymising(false);
          if (done) {
            message.success(t('customer.pipl.anonymised'));
            loadCustomer();
            loadInteractions();
            loadHistory();
          }
        }}
      />
      <OpenArchiveModal vehicle={archiveFor} defaultDepartment={c.department_id} onClose={() => setArchiveFor(null)} />
    </Space>
  );
}

// PIPL: anonymise the customer at the end of retention — irreversible, and only once every archive
// of the customer has been destroyed (ARC-12); the server's refusal naming the archive still kept is
// shown at the top of the modal, a field error on the reason under it.
function AnonymiseModal({
  customer,
  open,
  onStale,
  onClose,
}: {
  customer: Customer;
  open: boolean;
  onStale: () => Promise<void>;
  onClose: (done: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const { err, setErr, busy, submit } = useModalSubmit(form, async (v) => {
    try {
      await api.post<Customer>(`/customers/${customer.id}/anonymise`, {
        reason: (v.reason ?? '').trim(),
        version: customer.version,
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await onStale();
        throw new ApiError(409, { detail: t('customer.conflict') }, t('customer.conflict'));
      }
      throw e;
    }
    onClose(true);
  });
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setErr('');
  }, [open, form, setErr]);
  return (
    <Modal
      open={open}
      title={t('customer.pipl.anonymiseTitle', { name: customer.name })}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
      okText={t('customer.pipl.confirm')}
      okButtonProps={{ id: 'pipl-anonymise-confirm', danger: true }}
      destroyOnClose
    >
      <div data-testid="pipl-anonymise-form">
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('customer.pipl.anonymiseWarning')}
          description={t('customer.pipl.anonymiseRule')}
        />
        {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} data-testid="pipl-anonymise-error" />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('customer.pipl.reason')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: t('customer.pipl.reason') }) },
              { max: 500, message: t('validation.maxLength', { max: 500 }) },
            ]}
          >
            <Input.TextArea rows={3} placeholder={t('customer.pipl.reasonPlaceholder')} data-testid="pipl-anonymise-reason" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

// ARC-1: open the vehicle's archive (a new-car archive once per vehicle; after-sales per visit).
function OpenArchiveModal({
  vehicle,
  defaultDepartment,
  onClose,
}: {
  vehicle: Vehicle | null;
  defaultDepartment: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { departments } = useDepartments();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!vehicle) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'new_car', department_id: defaultDepartment, event_at: dayjs(), visit_ref: '', contact_verified: true });
    setError('');
  }, [vehicle, defaultDepartment, form]);
  const kind = Form.useWatch('kind', form);
  const save = async () => {
    let v;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form marks what is missing
    }
    setBusy(true);
    setError('');
    try {
      const a = await api.post<{ id: number }>('/archives', {
        kind: v.kind,
        vehicle_id: vehicle!.id,
        department_id: v.department_id,
        event_at: v.event_at.toISOString(),
        visit_ref: (v.visit_ref ?? '').trim(),
        contact_verified: v.contact_verified,
      });
      onClose();
      navigate(`/archives/${a.id}`);
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (rest.length || !(e as ApiError).errors?.length) setError((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!vehicle}
      title={`${t('archive.openTitle')} ${vehicle?.plate ?? ''}`}
      onCancel={onClose}
      onOk={save}
      confirmLoading={busy}
      okButtonProps={{ id: 'open-archive-save' }}
      destroyOnClose
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="kind" label={t('archive.kind')}>
          <Select
            options={[
              { value: 'new_car', label: t('archive.kind.new_car') },
              { value: 'after_sales', label: t('archive.kind.after_sales') },
            ]}
          />
        </Form.Item>
        <Form.Item name="department_id" label={t('field.department')} rules={[{ required: true }]}>
          <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="event_at" label={t('archive.eventAt')} extra={t('archive.eventAtHelp')} rules={[{ required: true }]}>
          <DatePicker showTime />
        </Form.Item>
        {kind === 'after_sales' && (
          <>
            <Form.Item name="visit_ref" label={t('archive.visitRef')} rules={[{ required: true }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="contact_verified" label={t('archive.contactVerified')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

interface VehicleForm {
  vin: string;
  plate: string;
  brand: string;
  model: string;
  color: string;
  purchase_date?: Dayjs | null;
  sold_by_us: boolean;
}

function VehicleModal({
  customerId,
  open,
  vehicle,
  onClose,
}: {
  customerId: number;
  open: boolean;
  vehicle?: Vehicle;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<VehicleForm>();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');

  useEffect(() => {
    if (!open) return;
    setErr('');
    form.resetFields();
    if (vehicle) {
      form.setFieldsValue({
        ...vehicle,
        purchase_date: vehicle.purchase_date ? dayjs(vehicle.purchase_date) : null,
      });
    } else {
      form.setFieldsValue({ sold_by_us: true });
    }
  }, [open, vehicle, form]);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      vin: (v.vin ?? '').trim().toUpperCase(),
      plate: (v.plate ?? '').trim(),
      brand: v.brand ?? '',
      model: v.model ?? '',
      color: v.color ?? '',
      purchase_date: v.purchase_date ? v.purchase_date.format('YYYY-MM-DD') : '',
      sold_by_us: !!v.sold_by_us,
    };
    setBusy(true);
    setErr('');
    try {
      if (vehicle) await api.patch(`/customers/${customerId}/vehicles/${vehicle.id}`, { ...body, version: vehicle.version });
      else await api.post(`/customers/${customerId}/vehicles`, body);
      message.success(t('vehicle.saved'));
      onClose(true);
    } catch (e) {
      const rest = applyServerErrors(form, e);
      const ae = e as ApiError;
      if (ae.status === 409) setErr(t('customer.conflict'));
      else if (rest.length || !ae.errors?.length) setErr(ae.detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={vehicle ? t('vehicle.edit') : t('vehicle.add')}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'vehicle-save' }}
      destroyOnClose
    >
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="vin"
          label={t('field.vin')}
          rules={[
            { required: true, message: t('validation.required', { field: t('field.vin') }) },
            { pattern: VIN_RE, message: t('validation.vin') },
          ]}
        >
          <Input maxLength={17} data-testid="vehicle-vin" style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name="plate" label={t('field.plate')} rules={[{ pattern: PLATE_RE, message: t('validation.plate') }]}>
          <Input data-testid="vehicle-plate" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="brand" label={t('field.brand')} style={{ flex: 1, marginRight: 8 }}>
            <Input />
          </Form.Item>
          <Form.Item name="model" label={t('field.model')} style={{ flex: 1, marginRight: 8 }}>
            <Input />
          </Form.Item>
          <Form.Item name="color" label={t('field.color')} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Space size="large">
          <Form.Item name="purchase_date" label={t('field.purchase_date')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="sold_by_us" label={t('field.sold_by_us')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

interface InteractionForm {
  kind: string;
  direction: string;
  subject: string;
  body: string;
  occurred_at: Dayjs;
}

function InteractionModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: (saved: boolean) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<InteractionForm>();
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState('');

  useEffect(() => {
    if (open) {
      setErr('');
      form.resetFields();
      form.setFieldsValue({ kind: 'call', direction: 'outbound', occurred_at: dayjs() });
    }
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setErr('');
    try {
      await api.post(`/customers/${customerId}/interactions`, {
        kind: v.kind,
        direction: v.direction ?? '',
        subject: v.subject,
        body: v.body ?? '',
        occurred_at: (v.occurred_at ?? dayjs()).toDate().toISOString(),
      });
      message.success(t('interaction.saved'));
      onClose(true);
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (rest.length || !(e as ApiError).errors?.length) setErr((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('interaction.add')}
      onCancel={() => onClose(false)}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'interaction-save' }}
      destroyOnClose
    >
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Space size="middle" wrap>
          <Form.Item name="kind" label={t('interaction.kind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={INTERACTION_KINDS.map((k) => ({ value: k, label: te('interaction_kind', k) }))} />
          </Form.Item>
          <Form.Item name="direction" label={t('interaction.direction')}>
            <Select style={{ width: 160 }} options={DIRECTIONS.map((k) => ({ value: k, label: te('direction', k) }))} />
          </Form.Item>
          <Form.Item name="occurred_at" label={t('interaction.occurred_at')} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Space>
        <Form.Item
          name="subject"
          label={t('interaction.subject')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required', { field: t('interaction.subject') }) },
            { max: 200, message: t('validation.maxLength', { max: 200 }) },
          ]}
        >
          <Input data-testid="interaction-subject" />
        </Form.Item>
        <Form.Item name="body" label={t('interaction.body')} rules={[{ max: 4000, message: t('validation.maxLength', { max: 4000 }) }]}>
          <Input.TextArea rows={4} data-testid="interaction-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
