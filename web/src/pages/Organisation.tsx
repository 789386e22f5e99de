import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../api';
import { useAuth } from '../auth';
import { useDepartments, useRoles, useUsers } from '../data';
import { DEPT_FUNCTIONS, DEPT_KINDS, EMAIL_RE, PERMISSIONS } from '../enums';
import { applyServerErrors, useModalSubmit } from '../formErrors';
import { useI18n, type MessageKey } from '../i18n';
import type { Department, Role, User } from '../types';

export default function Organisation() {
  const { t } = useI18n();
  const { can } = useAuth();
  const depts = useDepartments();
  const canManage = can('org.manage');

  if (depts.error instanceof ApiError && depts.error.status === 403) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  }

  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('org.title')}
      </Typography.Title>
      <Tabs
        destroyInactiveTabPane={false}
        items={[
          { key: 'departments', label: <span data-testid="tab-departments">{t('org.departments')}</span>, children: <DepartmentsTab canManage={canManage} /> },
          { key: 'users', label: <span data-testid="tab-users">{t('org.users')}</span>, children: <UsersTab canManage={canManage} /> },
          { key: 'roles', label: <span data-testid="tab-roles">{t('org.roles')}</span>, children: <RolesTab canManage={canManage} /> },
        ]}
      />
    </Card>
  );
}

function useErrorMessage() {
  const { message } = App.useApp();
  return (e: unknown) => message.error(e instanceof ApiError ? e.detail : String(e));
}

function DepartmentsTab({ canManage }: { canManage: boolean }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { tree, byId, reload, loading } = useDepartments();
  const [selected, setSelected] = useState<number | null>(null);
  const [modal, setModal] = useState<{ mode: 'create' | 'rename'; dept?: Department } | null>(null);
  const [form] = Form.useForm();
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const dept = selected ? byId.get(selected) : undefined;

  useEffect(() => {
    if (!modal) return;
    form.resetFields();
    setErr('');
    if (modal.mode === 'rename') form.setFieldsValue({ name: modal.dept?.name });
    else form.setFieldsValue({ parent_id: modal.dept?.id, kind: 'department', function: '' });
  }, [modal, form]);

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setErr('');
    try {
      if (modal?.mode === 'rename' && modal.dept) {
        await api.patch(`/departments/${modal.dept.id}`, { name: v.name.trim(), version: modal.dept.version });
      } else {
        await api.post('/departments', { parent_id: v.parent_id ?? null, name: v.name.trim(), kind: v.kind, function: v.function ?? '' });
      }
      message.success(t('common.saved'));
      setModal(null);
      reload();
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (rest.length || !(e as ApiError).errors?.length) setErr((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card
          size="small"
          title={t('org.departments')}
          extra={
            canManage && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })} data-testid="dept-create">
                {t('org.dept.create')}
              </Button>
            )
          }
        >
          {tree.length ? (
            <Tree
              data-testid="dept-tree"
              treeData={tree}
              defaultExpandAll
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected((keys[0] as number) ?? null)}
            />
          ) : (
            !loading && <Empty />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14}>
        <Card size="small" title={dept?.name ?? t('org.dept.selectHint')}>
          {dept ? (
            <>
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('org.dept.name')}>{dept.name}</Descriptions.Item>
                <Descriptions.Item label={t('org.dept.kind')}>{te('dept_kind', dept.kind)}</Descriptions.Item>
                <Descriptions.Item label={t('org.dept.function')}>{te('dept_function', dept.function)}</Descriptions.Item>
                <Descriptions.Item label={t('org.dept.parent')}>{dept.parent_id ? byId.get(dept.parent_id)?.name : '-'}</Descriptions.Item>
              </Descriptions>
              {canManage && (
                <Space style={{ marginTop: 12 }}>
                  <Button icon={<EditOutlined />} onClick={() => setModal({ mode: 'rename', dept })} data-testid="dept-rename">
                    {t('org.dept.rename')}
                  </Button>
                  <Button icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create', dept })} data-testid="dept-create-child">
                    {t('org.dept.createChild')}
                  </Button>
                </Space>
              )}
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.dept.selectHint')} />
          )}
        </Card>
      </Col>
      <Modal
        open={!!modal}
        title={modal?.mode === 'rename' ? t('org.dept.rename') : t('org.dept.create')}
        onCancel={() => setModal(null)}
        onOk={submit}
        confirmLoading={busy}
        okText={t('common.save')}
        destroyOnClose
      >
        {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('org.dept.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('org.dept.name') }) }]}
          >
            <Input data-testid="dept-name" />
          </Form.Item>
          {modal?.mode === 'create' && (
            <>
              <Form.Item name="parent_id" label={t('org.dept.parent')}>
                <TreeSelect treeData={tree} allowClear treeDefaultExpandAll />
              </Form.Item>
              <Form.Item name="kind" label={t('org.dept.kind')}>
                <Select options={DEPT_KINDS.map((k) => ({ value: k, label: te('dept_kind', k) }))} />
              </Form.Item>
              <Form.Item name="function" label={t('org.dept.function')}>
                <Select options={DEPT_FUNCTIONS.map((k) => ({ value: k, label: te('dept_function', k) }))} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Row>
  );
}

function roleName(roles: Role[], code: string, lang: string) {
  const r = roles.find((x) => x.code === code);
  if (!r) return code;
  return lang === 'en' ? r.name_en || r.name_zh : r.name_zh || r.name_en;
}

function UsersTab({ canManage }: { canManage: boolean }) {
  const { t, te, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const { users, reload, loading, error } = useUsers();
  const { byId, tree } = useDepartments();
  const { roles } = useRoles();
  const [createOpen, setCreateOpen] = useState(false);
  const [pwUser, setPwUser] = useState<User | null>(null);
  const [rolesUserId, setRolesUserId] = useState<number | null>(null);
  const rolesUser = users.find((u) => u.id === rolesUserId) ?? null;

  const setStatus = async (u: User, status: string) => {
    try {
      await api.patch(`/users/${u.id}`, { status, version: u.version });
      message.success(t('common.saved'));
      reload();
    } catch (e) {
      showError(e);
    }
  };

  if (error instanceof ApiError) return <Alert type="error" showIcon message={error.detail} />;

  return (
    <>
      {canManage && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreateOpen(true)} data-testid="user-create">
            {t('org.user.create')}
          </Button>
        </Space>
      )}
      <Table<User>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={users}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="users-table"
        columns={[
          { title: t('org.user.username'), dataIndex: 'username' },
          { title: t('org.user.displayName'), dataIndex: 'display_name' },
          { title: t('field.department'), dataIndex: 'department_id', render: (d: number) => byId.get(d)?.name ?? d },
          {
            title: t('org.user.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag color={s === 'active' ? 'green' : 'default'}>{te('user_status', s)}</Tag>,
          },
          {
            title: t('org.user.roles'),
            dataIndex: 'roles',
            render: (rs: User['roles']) =>
              (rs ?? []).map((r) => (
                <Tag key={r.id}>
                  {t('org.user.roleInDept', { role: roleName(roles, r.role, lang), dept: byId.get(r.department_id)?.name ?? String(r.department_id) })}
                </Tag>
              )),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, u: User) => (
                    <Space size={0} wrap>
                      {u.status === 'active' ? (
                        <Popconfirm title={`${t('org.user.disable')} ${u.display_name}?`} onConfirm={() => setStatus(u, 'disabled')}>
                          <Button type="link" size="small" danger data-testid="user-disable">
                            {t('org.user.disable')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button type="link" size="small" onClick={() => setStatus(u, 'active')} data-testid="user-enable">
                          {t('org.user.enable')}
                        </Button>
                      )}
                      <Button type="link" size="small" onClick={() => setPwUser(u)} data-testid="user-reset-password">
                        {t('org.user.resetPassword')}
                      </Button>
                      <Button type="link" size="small" onClick={() => setRolesUserId(u.id)} data-testid="user-roles">
                        {t('org.user.assignRoles')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CreateUserModal open={createOpen} onClose={(saved) => (setCreateOpen(false), saved && reload())} tree={tree} />
      <PasswordModal user={pwUser} onClose={() => setPwUser(null)} />
      <AssignmentsModal user={rolesUser} roles={roles} onClose={() => setRolesUserId(null)} onChanged={reload} />
    </>
  );
}

function CreateUserModal({ open, onClose, tree }: { open: boolean; onClose: (saved: boolean) => void; tree: ReturnType<typeof useDepartments>['tree'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { err, setErr, busy, submit } = useModalSubmit(form, async (v) => {
    await api.post('/users', {
      username: v.username.trim(),
      display_name: v.display_name.trim(),
      password: v.password,
      department_id: v.department_id,
      phone: (v.phone ?? '').trim(),
      email: (v.email ?? '').trim(),
    });
    message.success(t('common.saved'));
    onClose(true);
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      setErr('');
    }
  }, [open, form, setErr]);
  const req = (k: MessageKey) => ({ required: true, whitespace: true, message: t('validation.required', { field: t(k) }) });
  return (
    <Modal open={open} title={t('org.user.create')} onCancel={() => onClose(false)} onOk={submit} confirmLoading={busy} okText={t('common.save')} destroyOnClose>
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="username" label={t('org.user.username')} rules={[req('org.user.username')]}>
          <Input data-testid="user-username" autoComplete="off" />
        </Form.Item>
        <Form.Item name="display_name" label={t('org.user.displayName')} rules={[req('org.user.displayName')]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('org.user.password')}
          rules={[req('org.user.password'), { min: 12, message: t('validation.password') }]}
        >
          <Input.Password data-testid="user-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="department_id"
          label={t('field.department')}
          rules={[{ required: true, message: t('validation.required', { field: t('field.department') }) }]}
        >
          <TreeSelect treeData={tree} treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="phone" label={t('org.user.phone')}>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('org.user.email')} rules={[{ pattern: EMAIL_RE, message: t('validation.email') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { err, setErr, busy, submit } = useModalSubmit(form, async (v) => {
    await api.post(`/users/${user!.id}/password`, { password: v.password });
    message.success(t('org.user.passwordReset'));
    onClose();
  });
  useEffect(() => {
    if (user) {
      form.resetFields();
      setErr('');
    }
  }, [user, form, setErr]);
  return (
    <Modal
      open={!!user}
      title={`${t('org.user.resetPassword')}: ${user?.display_name ?? ''}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('common.save')}
      destroyOnClose
    >
      {err && <Alert type="error" showIcon message={err} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="password"
          label={t('org.user.newPassword')}
          rules={[{ required: true, message: t('validation.password') }, { min: 12, message: t('validation.password') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignmentsModal({ user, roles, onClose, onChanged }: { user: User | null; roles: Role[]; onClose: () => void; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const showError = useErrorMessage();
  const { byId, tree } = useDepartments();
  const [role, setRole] = useState<string | undefined>();
  const [dept, setDept] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setRole(undefined);
    setDept(user?.department_id);
  }, [user]);
  const add = async () => {
    if (!user || !role || !dept) return;
    setBusy(true);
    try {
      await api.post(`/users/${user.id}/roles`, { role, department_id: dept });
      onChanged();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (assignmentId: number) => {
    if (!user) return;
    try {
      await api.del(`/users/${user.id}/roles/${assignmentId}`);
      onChanged();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Modal open={!!user} title={`${t('org.user.assignRoles')}: ${user?.display_name ?? ''}`} onCancel={onClose} footer={null} width={640} destroyOnClose>
      <List
        size="small"
        bordered
        dataSource={user?.roles ?? []}
        locale={{ emptyText: t('common.none') }}
        renderItem={(r) => (
          <List.Item
            actions={[
              <Popconfirm key="rm" title={t('common.remove') + '?'} onConfirm={() => remove(r.id)}>
                <Button type="link" danger size="small">
                  {t('common.remove')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {t('org.user.roleInDept', { role: roleName(roles, r.role, lang), dept: byId.get(r.department_id)?.name ?? String(r.department_id) })}
          </List.Item>
        )}
      />
      <Space style={{ marginTop: 16 }} wrap>
        <Select
          style={{ width: 200 }}
          placeholder={t('org.roles')}
          value={role}
          onChange={setRole}
          options={roles.map((r) => ({ value: r.code, label: roleName(roles, r.code, lang) }))}
          data-testid="assign-role"
        />
        <TreeSelect style={{ width: 220 }} treeData={tree} value={dept} onChange={setDept} treeDefaultExpandAll data-testid="assign-dept" />
        <Button type="primary" onClick={add} loading={busy} disabled={!role || !dept} data-testid="assign-add">
          {t('org.user.addAssignment')}
        </Button>
      </Space>
    </Modal>
  );
}

function RolesTab({ canManage }: { canManage: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const { roles, reload, loading } = useRoles();
  const [edits, setEdits] = useState<Record<string, string[]>>({});
  const allPerms = useMemo(() => {
    const set = new Set(PERMISSIONS);
    for (const r of roles) for (const p of r.permissions ?? []) set.add(p);
    return [...set];
  }, [roles]);

  const save = async (r: Role) => {
    try {
      await api.put(`/roles/${encodeURIComponent(r.code)}`, { permissions: edits[r.code], version: r.version });
      message.success(t('org.role.saved'));
      setEdits((e) => {
        const n = { ...e };
        delete n[r.code];
        return n;
      });
      reload();
    } catch (e) {
      showError(e);
    }
  };

  const permLabel = (p: string) => {
    const key = `perm.${p}` as MessageKey;
    const s = t(key);
    return s === key ? p : s;
  };

  return (
    <Table<Role>
      rowKey="code"
      size="small"
      loading={loading}
      dataSource={roles}
      pagination={false}
      data-testid="roles-table"
      columns={[
        { title: t('org.role.code'), dataIndex: 'code', width: 180 },
        { title: t('org.role.name'), key: 'name', width: 160, render: (_, r) => (lang === 'en' ? r.name_en : r.name_zh) },
        {
          title: t('org.role.permissions'),
          key: 'perms',
          render: (_, r) => (
            <Checkbox.Group
              disabled={!canManage}
              value={edits[r.code] ?? r.permissions}
              onChange={(v) => setEdits((e) => ({ ...e, [r.code]: v as string[] }))}
              options={allPerms.map((p) => ({ value: p, label: permLabel(p) }))}
            />
          ),
        },
        ...(canManage
          ? [
              {
                title: t('common.actions'),
                key: 'a',
                width: 100,
                render: (_: unknown, r: Role) => (
                  <Button size="small" type="primary" disabled={!edits[r.code]} onClick={() => save(r)} data-testid="role-save">
                    {t('common.save')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
