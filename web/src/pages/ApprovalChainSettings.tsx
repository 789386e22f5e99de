// SEC-2/SEC-3/SEC-4/SEC-5/SEC-7/SEC-8: the organisation's approval chains of access requests — own department,
// another department, the steps added for classified records, and borrowing a paper file (lending).
// Each step names who decides it (roles) and where the approver must hold the role (scope). The
// administrator (org.manage) edits them; PUT with the version read (409: someone else changed it first).
import { useState } from 'react';
import { Button, Input, Result, Select, Spin, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { useRoles } from '../data';
import { MAX_CHAIN_STEPS, STEP_SCOPES } from '../enums';
import { useI18n, type MessageKey } from '../i18n';
import type { ApprovalChain, ApprovalStep } from '../types';
import { DraftEditor, useVersionedDrafts, VersionedSettingsCard } from '../components/VersionedListEditor';

type Kind = ApprovalChain['kind'];
const KINDS: Kind[] = [
  'own_department',
  'other_department',
  'classified',
  'lending',
  'copying',
  'disclosure',
  'report_change',
  'report_review',
  'report_distribution',
];

interface Row extends ApprovalStep {
  key: string;
}

let nextKey = 1;
const toRows = (steps: ApprovalStep[]): Row[] => steps.map((s) => ({ ...s, roles: [...s.roles], key: `s${nextKey++}` }));
const toSteps = (rows: Row[]): ApprovalStep[] => rows.map(({ name, roles, scope }) => ({ name: name.trim(), roles, scope }));

export default function ApprovalChainSettings() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { roles } = useRoles(can('org.read'));
  const [kind, setKind] = useState<Kind>('own_department');
  const editable = can('org.manage');
  const state = useVersionedDrafts<Kind, ApprovalChain, Row>({
    path: '/approval-chains',
    listField: 'steps',
    toRows: (chain) => toRows(chain.steps),
    toBody: toSteps,
    savedMessage: () => t('chain.saved'),
  });
  const { drafts, editRow, reorder } = state;

  if (state.error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

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
      <DraftEditor<Kind, Row>
        prefix="chain"
        kind={k}
        state={state}
        editable={editable}
        isDefault={d.doc.version === 0}
        versionText={t('chain.version', { version: d.doc.version })}
        reloadTestId="chain-reload"
        addButton={
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
        }
        emptyText={k === 'classified' ? t('chain.classifiedEmpty') : t('chain.noSteps')}
        columns={[
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
        ]}
      />
    );
  };

  return (
    <VersionedSettingsCard
      prefix="chain"
      state={state}
      editable={editable}
      kinds={KINDS}
      kind={kind}
      onKind={setKind}
      tabLabel={(k) => t(`chain.kind.${k}` as MessageKey)}
      editor={editor}
    />
  );
}
