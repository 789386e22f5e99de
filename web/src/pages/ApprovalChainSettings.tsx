// SEC-2/SEC-3/SEC-4: the organisation's approval chains of access requests — own department,
// another department, and the steps added for classified records. Each step names who decides it
// (roles) and where the approver must hold the role (scope). The administrator (org.manage) edits
// them; PUT with the version read (409: someone else changed it first).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, Result, Select, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, asItems, ApiError, fieldPath } from '../api';
import { useAuth } from '../auth';
import { useRoles } from '../data';
import { MAX_CHAIN_STEPS, STEP_SCOPES } from '../enums';
import { useI18n, type MessageKey } from '../i18n';
import type { ApprovalChain, ApprovalStep } from '../types';

type Kind = ApprovalChain['kind'];
const KINDS: Kind[] = ['own_department', 'other_department', 'classified'];

interface Row extends ApprovalStep {
  key: string;
}

interface Draft {
  chain: ApprovalChain;
  rows: Row[];
  dirty: boolean;
  /** Field errors of the last refused save, by "<row index>.<field>"; "" for the whole chain. */
  errors: Record<string, string[]>;
  error: string;
  saving: boolean;
}

let nextKey = 1;
const toRows = (steps: ApprovalStep[]): Row[] => steps.map((s) => ({ ...s, roles: [...s.roles], key: `s${nextKey++}` }));
const toSteps = (rows: Row[]): ApprovalStep[] => rows.map(({ name, roles, scope }) => ({ name: name.trim(), roles, scope }));
const fresh = (chain: ApprovalChain): Draft => ({ chain, rows: toRows(chain.steps), dirty: false, errors: {}, error: '', saving: false });

/** problem+json errors (steps[1].roles, steps, version) -> {"1.roles": [...], "": [...]}. */
function groupErrors(err: ApiError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of err.errors) {
    const path = fieldPath(e.field);
    const key = path[0] === 'steps' && typeof path[1] === 'number' && path.length === 3 ? `${path[1]}.${path[2]}` : '';
    (out[key] ??= []).push(key ? e.message : `${e.field}: ${e.message}`);
  }
  return out;
}

export default function ApprovalChainSettings() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { roles } = useRoles(can('org.read'));
  const [drafts, setDrafts] = useState<Partial<Record<Kind, Draft>>>({});
  const [kind, setKind] = useState<Kind>('own_department');
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const editable = can('org.manage');
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const load = useCallback(async (only?: Kind) => {
    setLoading(true);
    try {
      const chains = asItems<ApprovalChain>(await api.get('/approval-chains'));
      setDrafts((d) => {
        const next = { ...d };
        for (const c of chains) if (!only || c.kind === only) next[c.kind] = fresh(c);
        return next;
      });
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

  const update = (k: Kind, change: (d: Draft) => Partial<Draft>) =>
    setDrafts((all) => (all[k] ? { ...all, [k]: { ...all[k]!, ...change(all[k]!) } } : all));
  // An edit of one field clears that field's error; a change of the steps' order clears them all
  // (they are numbered by position).
  const editRow = <F extends keyof ApprovalStep>(k: Kind, idx: number, field: F, value: ApprovalStep[F]) =>
    update(k, (d) => {
      const errors = { ...d.errors };
      delete errors[`${idx}.${field}`];
      return { rows: d.rows.map((r, i) => (i === idx ? { ...r, [field]: value } : r)), dirty: true, errors };
    });
  const reorder = (k: Kind, rows: (d: Row[]) => Row[]) => update(k, (d) => ({ rows: rows(d.rows), dirty: true, errors: {} }));

  const save = async (k: Kind) => {
    const d = draftsRef.current[k];
    if (!d) return;
    update(k, () => ({ saving: true, error: '', errors: {} }));
    try {
      const saved = await api.put<ApprovalChain>(`/approval-chains/${k}`, { steps: toSteps(d.rows), version: d.chain.version });
      setDrafts((all) => ({ ...all, [k]: fresh(saved) }));
      message.success(t('chain.saved'));
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        update(k, () => ({ saving: false, error: t('customer.conflict') }));
        return;
      }
      const errors = groupErrors(err);
      const rowErrors = Object.keys(errors).some((key) => key !== '');
      update(k, () => ({
        saving: false,
        errors,
        error: errors[''] ? errors[''].join('; ') : rowErrors ? '' : err.detail,
      }));
    }
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  const roleOptions = roles.map((r) => ({ value: r.code, label: (lang === 'en' ? r.name_en || r.name_zh : r.name_zh || r.name_en) || r.code }));
  const scopeOptions = STEP_SCOPES.map((s) => ({ value: s, label: t(`access.scope.${s}` as MessageKey) }));

  const editor = (k: Kind) => {
    const d = drafts[k];
    if (!d) return <Spin />;
    const errs = (idx: number, field: string) => d.errors[`${idx}.${field}`];
    const errorText = (idx: number, field: string) =>
      errs(idx, field) && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`chain-error-${idx}-${field}`}>
          {errs(idx, field)!.join('; ')}
        </Typography.Text>
      );
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            {d.chain.version === 0 ? (
              <Tooltip title={t('chain.defaultHelp')}>
                <Tag color="blue" data-testid="chain-default">
                  {t('chain.default')}
                </Tag>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary" data-testid="chain-version">
                {t('chain.version', { version: d.chain.version })}
              </Typography.Text>
            )}
            {d.dirty && (
              <Tag color="orange" data-testid="chain-dirty">
                {t('chain.unsaved')}
              </Tag>
            )}
          </Space>
          {editable && (
            <Space wrap>
              <Tooltip title={d.rows.length >= MAX_CHAIN_STEPS ? t('chain.maxSteps', { n: MAX_CHAIN_STEPS }) : undefined}>
                <Button
                  icon={<PlusOutlined />}
                  disabled={d.rows.length >= MAX_CHAIN_STEPS}
                  onClick={() => reorder(k, (rows) => [...rows, { key: `s${nextKey++}`, name: '', roles: [], scope: 'record_department' }])}
                  data-testid="chain-add"
                >
                  {t('chain.addStep')}
                </Button>
              </Tooltip>
              <Button disabled={!d.dirty} onClick={() => load(k)} data-testid="chain-discard">
                {t('chain.discard')}
              </Button>
              <Button type="primary" loading={d.saving} onClick={() => save(k)} data-testid="chain-save">
                {t('common.save')}
              </Button>
            </Space>
          )}
        </Space>
        {d.error && (
          <Alert
            type="error"
            showIcon
            message={d.error}
            data-testid="chain-error"
            action={
              d.error === t('customer.conflict') ? (
                <Button size="small" onClick={() => load(k)} data-testid="chain-reload">
                  {t('common.reload')}
                </Button>
              ) : undefined
            }
          />
        )}
        <Table<Row>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={d.rows}
          data-testid={`chain-table-${k}`}
          locale={{ emptyText: k === 'classified' ? t('chain.classifiedEmpty') : t('chain.noSteps') }}
          columns={[
            { title: '#', key: 'n', width: 40, render: (_, __, idx) => idx + 1 },
            {
              title: t('chain.stepName'),
              key: 'name',
              width: 260,
              render: (_, r, idx) => (
                <>
                  <Input
                    size="small"
                    value={r.name}
                    maxLength={60}
                    disabled={!editable}
                    status={errs(idx, 'name') ? 'error' : undefined}
                    onChange={(e) => editRow(k, idx, 'name', e.target.value)}
                    data-testid={`chain-name-${idx}`}
                  />
                  {errorText(idx, 'name')}
                </>
              ),
            },
            {
              title: t('chain.roles'),
              key: 'roles',
              render: (_, r, idx) => (
                <>
                  <Select
                    mode="multiple"
                    size="small"
                    style={{ width: '100%', minWidth: 240 }}
                    value={r.roles}
                    disabled={!editable}
                    status={errs(idx, 'roles') ? 'error' : undefined}
                    options={roleOptions.length ? roleOptions : r.roles.map((c) => ({ value: c, label: c }))}
                    optionFilterProp="label"
                    onChange={(v) => editRow(k, idx, 'roles', v)}
                    data-testid={`chain-roles-${idx}`}
                  />
                  {errorText(idx, 'roles')}
                </>
              ),
            },
            {
              title: <Tooltip title={t('chain.scopeHelp')}>{t('chain.scope')}</Tooltip>,
              key: 'scope',
              width: 200,
              render: (_, r, idx) => (
                <>
                  <Select
                    size="small"
                    style={{ width: '100%' }}
                    value={r.scope}
                    disabled={!editable}
                    status={errs(idx, 'scope') ? 'error' : undefined}
                    options={scopeOptions}
                    onChange={(v) => editRow(k, idx, 'scope', v)}
                    data-testid={`chain-scope-${idx}`}
                  />
                  {errorText(idx, 'scope')}
                </>
              ),
            },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'a',
                    width: 120,
                    render: (_: unknown, __: Row, idx: number) => (
                      <Space size={0}>
                        <Tooltip title={t('checklist.moveUp')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowUpOutlined />}
                            disabled={idx === 0}
                            onClick={() => reorder(k, (rows) => swap(rows, idx, idx - 1))}
                            data-testid={`chain-up-${idx}`}
                          />
                        </Tooltip>
                        <Tooltip title={t('checklist.moveDown')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={idx === d.rows.length - 1}
                            onClick={() => reorder(k, (rows) => swap(rows, idx, idx + 1))}
                            data-testid={`chain-down-${idx}`}
                          />
                        </Tooltip>
                        <Tooltip title={t('common.remove')}>
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => reorder(k, (rows) => rows.filter((_, i) => i !== idx))}
                            data-testid={`chain-remove-${idx}`}
                          />
                        </Tooltip>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
    );
  };

  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t('chain.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('chain.help')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon message={t('chain.readOnly')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading && !drafts[kind]}>
        <Tabs
          activeKey={kind}
          onChange={(k) => setKind(k as Kind)}
          items={KINDS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`chain-tab-${k}`}>
                {t(`chain.kind.${k}` as MessageKey)}
                {drafts[k]?.dirty ? ' *' : ''}
              </span>
            ),
            children: editor(k),
          }))}
        />
      </Spin>
    </Card>
  );
}

function swap<T>(rows: T[], a: number, b: number): T[] {
  const out = [...rows];
  [out[a], out[b]] = [out[b], out[a]];
  return out;
}
