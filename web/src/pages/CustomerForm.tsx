import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Spin,
  TreeSelect,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { api, ApiError, type FieldError } from '../api';
import { useAuth } from '../auth';
import { useDepartments, usePolicyValue, useUsers } from '../data';
import {
  CATEGORIES,
  CUSTOMER_KINDS,
  CUSTOMER_TYPES,
  EMAIL_RE,
  GRADES,
  ID_NUMBER_RE,
  isPhone,
  LANDLINE_RE,
  MOBILE_RE,
  PHONE_KINDS,
  SECRECY,
  SPECIAL_KINDS,
} from '../enums';
import { applyServerErrors } from '../formErrors';
import { useI18n, type MessageKey } from '../i18n';
import type { Contact, Customer } from '../types';

// The editable fields of a customer, as the form holds them (ids may be unset while editing).
type FormValues = Omit<
  Customer,
  'id' | 'version' | 'department_id' | 'department_name' | 'owner_id' | 'owner_name' | 'vehicles' |
  'created_at' | 'updated_at' | 'masked'
> & {
  department_id?: number;
  owner_id?: number;
  /** ARC-10: the day the department met the customer (new customers only). */
  met_on?: Dayjs;
  /** ARC-10: the day the change happened on the customer's side (the maintenance form, edits only). */
  changed_on?: Dayjs | null;
};

const TEXT_FIELDS = [
  'kind',
  'customer_type',
  'special_kind',
  'category',
  'name',
  'company_name',
  'id_number',
  'enterprise_nature',
  'supervising_unit',
  'address',
  'website',
  'credit_status',
  'grade',
  'secrecy',
  'notes',
] as const;
const PERSONAL_FIELDS = new Set(['id_number', 'address', 'phones', 'contacts']);

/**
 * The personal fields a caller who sees masked values may not change: those with something on
 * record. An empty one reveals nothing and may be filled in (the basic information form, ARC-10).
 */
function lockedPersonal(c: Customer | null): Set<string> {
  const out = new Set<string>();
  if (!c?.masked) return out;
  if (c.id_number) out.add('id_number');
  if (c.address) out.add('address');
  if ((c.phones ?? []).length > 0) out.add('phones');
  if ((c.contacts ?? []).length > 0) out.add('contacts');
  return out;
}

const EMPTY: FormValues = {
  kind: 'individual',
  customer_type: 'general',
  special_kind: '',
  category: 'potential',
  name: '',
  company_name: '',
  id_number: '',
  enterprise_nature: '',
  supervising_unit: '',
  address: '',
  website: '',
  credit_status: '',
  grade: '',
  secrecy: 'normal',
  notes: '',
  phones: [{ kind: 'mobile', number: '', label: '' }],
  contacts: [],
};

function fromCustomer(c: Customer): FormValues {
  const v = { ...EMPTY } as FormValues;
  for (const f of TEXT_FIELDS) (v as unknown as Record<string, string>)[f] = (c as unknown as Record<string, string>)[f] ?? '';
  v.department_id = c.department_id || undefined;
  v.owner_id = c.owner_id || undefined;
  v.phones = (c.phones ?? []).map((p) => ({ kind: p.kind || 'mobile', number: p.number ?? '', label: p.label ?? '' }));
  v.contacts = (c.contacts ?? []).map((k) => ({
    name: k.name ?? '',
    title: k.title ?? '',
    mobile: k.mobile ?? '',
    landline: k.landline ?? '',
    email: k.email ?? '',
    is_primary: !!k.is_primary,
  }));
  return v;
}

/** The JSON body for the API: trimmed strings, consistent special_kind. */
function toPayload(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of TEXT_FIELDS) out[f] = ((v as unknown as Record<string, string>)[f] ?? '').trim();
  if (out.customer_type !== 'special') out.special_kind = '';
  if (v.department_id !== undefined) out.department_id = v.department_id;
  if (v.owner_id !== undefined) out.owner_id = v.owner_id;
  out.phones = (v.phones ?? []).map((p) => ({ kind: p.kind || 'mobile', number: (p.number ?? '').trim(), label: (p.label ?? '').trim() }));
  out.contacts = (v.contacts ?? []).map((k) => ({
    name: (k.name ?? '').trim(),
    title: (k.title ?? '').trim(),
    mobile: (k.mobile ?? '').trim(),
    landline: (k.landline ?? '').trim(),
    email: (k.email ?? '').trim(),
    is_primary: !!k.is_primary,
  }));
  return out;
}

export default function CustomerForm() {
  const { id } = useParams();
  const editing = !!id;
  const { t, te } = useI18n();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const { tree } = useDepartments();
  const { users, error: usersError } = useUsers();
  const [original, setOriginal] = useState<Customer | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [otherErrors, setOtherErrors] = useState<FieldError[]>([]);
  const [generalError, setGeneralError] = useState('');
  const kind = Form.useWatch('kind', form);
  const customerType = Form.useWatch('customer_type', form);
  const masked = !!original?.masked;
  const locked = useMemo(() => lockedPersonal(original), [original]);
  const lockPhones = locked.has('phones');
  const lockContacts = locked.has('contacts');
  const filingDays = usePolicyValue('customer.filing_deadline_working_days', can('policy.read'));

  const load = useCallback(async () => {
    if (!id) return;
    try {
      const c = await api.get<Customer>(`/customers/${id}`);
      setOriginal(c);
      form.resetFields();
      form.setFieldsValue(fromCustomer(c));
      setConflict(false);
      setLoadError(null);
    } catch (e) {
      setLoadError(e as ApiError);
    }
  }, [id, form]);

  useEffect(() => {
    if (editing) load();
    else {
      form.resetFields();
      form.setFieldsValue({ ...EMPTY, department_id: me?.department_id || undefined, owner_id: me?.id, met_on: dayjs() });
    }
  }, [editing, load, form, me]);

  const ownerOptions = useMemo(() => {
    const opts = users.filter((u) => u.status !== 'disabled').map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }));
    const ensure = (uid?: number, label?: string) => {
      if (uid && !opts.some((o) => o.value === uid)) opts.unshift({ value: uid, label: label ?? String(uid) });
    };
    if (original) ensure(original.owner_id, original.owner_name);
    else if (me) ensure(me.id, me.display_name);
    return opts;
  }, [users, original, me]);

  const req = (field: MessageKey): Rule => ({ required: true, whitespace: true, message: t('validation.required', { field: t(field) }) });
  const max = (n: number): Rule => ({ max: n, message: t('validation.maxLength', { max: n }) });

  const isKnown = (path: (string | number)[]) => {
    const [top, idx, sub] = path;
    if (typeof top !== 'string') return false;
    if (top === 'phones' || top === 'contacts') {
      if (typeof idx !== 'number' || typeof sub !== 'string') return false;
      const list = (form.getFieldValue(top) as unknown[]) ?? [];
      return idx < list.length;
    }
    if (top === 'company_name' || top === 'special_kind' || top === 'owner_id') return !!form.getFieldInstance(top);
    if (top === 'met_on') return !editing;
    if (top === 'changed_on') return editing;
    return path.length === 1 && ((TEXT_FIELDS as readonly string[]).includes(top) || top === 'department_id');
  };

  const onFinish = async (values: FormValues) => {
    setGeneralError('');
    setOtherErrors([]);
    setConflict(false);
    const payload = toPayload(values);
    setSaving(true);
    try {
      if (!editing) {
        if (values.met_on) payload.met_on = values.met_on.format('YYYY-MM-DD');
        const created = await api.post<Customer>('/customers', payload);
        message.success(t('customer.created'));
        navigate(`/customers/${created.id}`);
        return;
      }
      const before = toPayload(fromCustomer(original!));
      const changes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(payload)) {
        if (PERSONAL_FIELDS.has(k) && locked.has(k)) continue;
        if (JSON.stringify(v) !== JSON.stringify(before[k])) changes[k] = v;
      }
      if (Object.keys(changes).length === 0) {
        message.info(t('customer.noChanges'));
        navigate(`/customers/${original!.id}`);
        return;
      }
      // ARC-10: the day the change happened, when told, starts the deadline of its report.
      if (values.changed_on) changes.changed_on = values.changed_on.format('YYYY-MM-DD');
      await api.patch<Customer>(`/customers/${original!.id}`, { ...changes, version: original!.version });
      message.success(t('customer.updated'));
      navigate(`/customers/${original!.id}`);
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        setConflict(true);
        return;
      }
      const rest = applyServerErrors(form, err, isKnown);
      setOtherErrors(rest);
      if (!err.errors?.length) setGeneralError(err.detail || err.message);
    } finally {
      setSaving(false);
    }
  };

  if (loadError) {
    return (
      <Result
        status={loadError.status === 403 ? '403' : loadError.status === 404 ? '404' : 'error'}
        title={loadError.status || t('common.error')}
        subTitle={loadError.detail}
        extra={<Button onClick={() => navigate('/customers')}>{t('common.back')}</Button>}
      />
    );
  }
  if (editing && !original) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }

  const phoneRule = (idx: number): Rule => ({
    validator: async (_, value: string) => {
      const v = (value ?? '').trim();
      if (!v) throw new Error(t('validation.required', { field: t('field.phone.number') }));
      if (lockPhones) return;
      const kindOf = form.getFieldValue(['phones', idx, 'kind']);
      if (kindOf === 'mobile') {
        if (!MOBILE_RE.test(v.replace(/^\+86/, ''))) throw new Error(t('validation.mobile'));
      } else if (!isPhone(v)) throw new Error(t('validation.phone'));
    },
  });

  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {editing ? `${t('customer.edit.title')}：${original?.name ?? ''}` : t('customer.create.title')}
      </Typography.Title>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="conflict-alert"
          message={t('customer.conflict')}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={load} data-testid="conflict-reload">
              {t('common.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {masked && <Alert type="info" showIcon message={t('customer.maskedEditNotice')} style={{ marginBottom: 16 }} />}
      {generalError && <Alert type="error" showIcon message={generalError} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {otherErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="form-error"
          style={{ marginBottom: 16 }}
          message={t('customer.otherErrors')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {otherErrors.map((e, i) => (
                <li key={i}>
                  {e.field}: {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={EMPTY}
        data-testid="customer-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('field.name')} rules={[req('field.name'), max(100)]}>
              <Input data-testid="cf-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="kind" label={t('field.kind')}>
              <Select data-testid="cf-kind" options={CUSTOMER_KINDS.map((k) => ({ value: k, label: te('kind', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="category" label={t('field.category')}>
              <Select data-testid="cf-category" options={CATEGORIES.map((k) => ({ value: k, label: te('category', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="grade" label={t('field.grade')}>
              <Select data-testid="cf-grade" options={GRADES.map((k) => ({ value: k, label: te('grade', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="customer_type" label={t('field.customer_type')}>
              <Select data-testid="cf-customer-type" options={CUSTOMER_TYPES.map((k) => ({ value: k, label: te('customer_type', k) }))} />
            </Form.Item>
          </Col>
          {customerType === 'special' && (
            <Col xs={12} md={6}>
              <Form.Item
                name="special_kind"
                label={t('field.special_kind')}
                rules={[{ required: true, message: t('validation.required', { field: t('field.special_kind') }) }]}
              >
                <Select data-testid="cf-special-kind" options={SPECIAL_KINDS.map((k) => ({ value: k, label: te('special_kind', k) }))} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={6}>
            <Form.Item name="secrecy" label={t('field.secrecy')}>
              <Select data-testid="cf-secrecy" options={SECRECY.map((k) => ({ value: k, label: te('secrecy', k) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="company_name"
              label={t('field.company_name')}
              rules={[...(kind === 'company' ? [req('field.company_name')] : []), max(200)]}
            >
              <Input data-testid="cf-company-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="id_number"
              label={t('field.id_number')}
              rules={locked.has('id_number') ? [] : [{ pattern: ID_NUMBER_RE, message: t('validation.idNumber') }]}
            >
              <Input data-testid="cf-id-number" disabled={locked.has('id_number')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="enterprise_nature" label={t('field.enterprise_nature')} rules={[max(100)]}>
              <Input data-testid="cf-enterprise-nature" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="supervising_unit" label={t('field.supervising_unit')} rules={[max(200)]}>
              <Input data-testid="cf-supervising-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('field.address')} rules={[max(200)]}>
              <Input data-testid="cf-address" disabled={locked.has('address')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="website" label={t('field.website')} rules={[max(200)]}>
              <Input data-testid="cf-website" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="credit_status" label={t('field.credit_status')} rules={[max(100)]}>
              <Input data-testid="cf-credit-status" />
            </Form.Item>
          </Col>
          {!editing && (
            <Col xs={24} md={12}>
              <Form.Item
                name="met_on"
                label={t('customer.metOn')}
                extra={<span data-testid="cf-met-on-help">{t('customer.metOnHelp', { days: filingDays ?? 5 })}</span>}
                rules={[{ required: true, message: t('validation.required', { field: t('customer.metOn') }) }]}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="cf-met-on"
                />
              </Form.Item>
            </Col>
          )}
          {editing && (
            <Col xs={24} md={12}>
              <Form.Item
                name="changed_on"
                label={t('customer.changedOn')}
                extra={<span data-testid="cf-changed-on-help">{t('customer.changedOnHelp', { days: filingDays ?? 5 })}</span>}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="cf-changed-on"
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item
              name="department_id"
              label={t('field.department_id')}
              rules={[{ required: true, message: t('validation.required', { field: t('field.department_id') }) }]}
            >
              <TreeSelect data-testid="cf-department" treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="owner_id" label={t('field.owner_id')}>
              <Select
                data-testid="cf-owner"
                options={ownerOptions}
                showSearch
                optionFilterProp="label"
                disabled={!!usersError}
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left">{t('field.phones')}</Divider>
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col xs={8} md={4}>
                    <Form.Item name={[f.name, 'kind']}>
                      <Select
                        disabled={lockPhones}
                        data-testid={`cf-phones-${f.name}-kind`}
                        options={PHONE_KINDS.map((k) => ({ value: k, label: te('phone_kind', k) }))}
                        onChange={() => form.validateFields([['phones', f.name, 'number']]).catch(() => undefined)}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={16} md={8}>
                    <Form.Item name={[f.name, 'number']} rules={[phoneRule(f.name)]}>
                      <Input disabled={lockPhones} placeholder={t('field.phone.number')} data-testid={`cf-phones-${f.name}-number`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} md={8}>
                    <Form.Item name={[f.name, 'label']} rules={[max(100)]}>
                      <Input disabled={lockPhones} placeholder={t('field.phone.label')} data-testid={`cf-phones-${f.name}-label`} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} md={2}>
                    {!lockPhones && (
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} data-testid={`cf-phones-${f.name}-remove`} />
                    )}
                  </Col>
                </Row>
              ))}
              {!lockPhones && fields.length < 10 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'mobile', number: '', label: '' })} data-testid="cf-add-phone">
                  {t('phone.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider orientation="left">{t('customer.contacts')}</Divider>
        <Form.List
          name="contacts"
          rules={[
            {
              validator: async (_, list: Contact[]) => {
                if ((list ?? []).filter((c) => c?.is_primary).length > 1) throw new Error(t('validation.onePrimary'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Card size="small" key={f.key} style={{ marginBottom: 8 }} data-testid={`cf-contact-${f.name}`}>
                  <Row gutter={8}>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'name']} label={t('field.contact.name')} rules={[req('field.contact.name'), max(100)]}>
                        <Input disabled={lockContacts} data-testid={`cf-contacts-${f.name}-name`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[f.name, 'title']} label={t('field.contact.title')} rules={[max(100)]}>
                        <Input disabled={lockContacts} data-testid={`cf-contacts-${f.name}-title`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[f.name, 'mobile']}
                        label={t('field.contact.mobile')}
                        rules={lockContacts ? [] : [{ pattern: MOBILE_RE, message: t('validation.mobile') }]}
                      >
                        <Input disabled={lockContacts} data-testid={`cf-contacts-${f.name}-mobile`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[f.name, 'landline']}
                        label={t('field.contact.landline')}
                        rules={lockContacts ? [] : [{ pattern: LANDLINE_RE, message: t('validation.phone') }]}
                      >
                        <Input disabled={lockContacts} data-testid={`cf-contacts-${f.name}-landline`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item
                        name={[f.name, 'email']}
                        label={t('field.contact.email')}
                        rules={[{ pattern: EMAIL_RE, message: t('validation.email') }]}
                      >
                        <Input disabled={lockContacts} data-testid={`cf-contacts-${f.name}-email`} />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={3}>
                      <Form.Item name={[f.name, 'is_primary']} label=" " valuePropName="checked">
                        <Checkbox disabled={lockContacts} data-testid={`cf-contacts-${f.name}-primary`}>
                          {t('field.contact.is_primary')}
                        </Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={2} md={1}>
                      {!lockContacts && (
                        <Form.Item label=" ">
                          <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} data-testid={`cf-contacts-${f.name}-remove`} />
                        </Form.Item>
                      )}
                    </Col>
                  </Row>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {!lockContacts && fields.length < 20 && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', title: '', mobile: '', landline: '', email: '', is_primary: fields.length === 0 })}
                  data-testid="cf-add-contact"
                >
                  {t('contact.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider />
        <Form.Item name="notes" label={t('field.notes')} rules={[max(4000)]}>
          <Input.TextArea rows={3} data-testid="cf-notes" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="customer-save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(editing ? `/customers/${id}` : '/customers')}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
