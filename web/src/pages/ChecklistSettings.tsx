// The organisation's archive checklists (ARC-2 new car, ARC-3 after-sales): what each kind of
// archive must hold. An administrator with policy.manage edits them; PUT with the version read.
import { useState } from 'react';
import { Button, Checkbox, Input, Result, Spin, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { ChecklistItem, ChecklistTemplate } from '../types';
import { DraftEditor, useVersionedDrafts, VersionedSettingsCard } from '../components/VersionedListEditor';

type Kind = ChecklistTemplate['kind'];
const KINDS: Kind[] = ['new_car', 'after_sales'];
type Flag = 'needs_customer_signature' | 'needs_internal_signature' | 'optional';
const FLAGS: Flag[] = ['needs_customer_signature', 'needs_internal_signature', 'optional'];

interface Row extends ChecklistItem {
  key: string;
}

let nextKey = 1;
const toRows = (items: ChecklistItem[]): Row[] => items.map((i) => ({ ...i, key: `r${nextKey++}` }));
const toItems = (rows: Row[]): ChecklistItem[] =>
  rows.map(({ code, title_zh, title_en, needs_customer_signature, needs_internal_signature, optional }) => ({
    code: code.trim(),
    title_zh: title_zh.trim(),
    title_en: title_en.trim(),
    needs_customer_signature,
    needs_internal_signature,
    optional,
  }));

export default function ChecklistSettings() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { users } = useUsers(can('org.read'));
  const [kind, setKind] = useState<Kind>('new_car');
  const editable = can('policy.manage');
  const state = useVersionedDrafts<Kind, ChecklistTemplate, Row>({
    path: '/archive-checklists',
    listField: 'items',
    toRows: (tpl) => toRows(tpl.items),
    toBody: toItems,
    savedMessage: () => t('checklist.saved'),
  });
  const { drafts, editRow, reorder } = state;

  if (state.error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;

  const userName = (uid: number | null) => users.find((u) => u.id === uid)?.display_name ?? (uid ? `#${uid}` : '');

  const editor = (k: Kind) => {
    const d = drafts[k];
    if (!d) return <Spin />;
    const tpl = d.doc;
    const fieldError = (idx: number, field: string) => d.errors[`${idx}.${field}`];
    const text = (field: 'code' | 'title_zh' | 'title_en', testid: string, maxLength: number) => ({
      render: (_: unknown, r: Row, idx: number) => {
        const errs = fieldError(idx, field);
        return (
          <>
            {field === 'code' ? (
              <Input
                size="small"
                value={r[field]}
                maxLength={maxLength}
                disabled={!editable}
                status={errs ? 'error' : undefined}
                onChange={(e) => editRow(k, idx, field, e.target.value)}
                data-testid={`${testid}-${idx}`}
              />
            ) : (
              <Input.TextArea
                size="small"
                autoSize={{ minRows: 1, maxRows: 4 }}
                value={r[field]}
                maxLength={maxLength}
                disabled={!editable}
                status={errs ? 'error' : undefined}
                onChange={(e) => editRow(k, idx, field, e.target.value)}
                data-testid={`${testid}-${idx}`}
              />
            )}
            {errs && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`checklist-error-${idx}-${field}`}>
                {errs.join('; ')}
              </Typography.Text>
            )}
          </>
        );
      },
    });
    const flagTitle: Record<Flag, string> = {
      needs_customer_signature: t('checklist.customerSignature'),
      needs_internal_signature: t('checklist.internalSignature'),
      optional: t('checklist.optional'),
    };
    const flagTestid: Record<Flag, string> = {
      needs_customer_signature: 'checklist-customer-sig',
      needs_internal_signature: 'checklist-internal-sig',
      optional: 'checklist-optional',
    };
    return (
      <DraftEditor<Kind, Row>
        prefix="checklist"
        kind={k}
        state={state}
        editable={editable}
        isDefault={tpl.is_default}
        versionText={t('checklist.changed', { version: tpl.version, user: userName(tpl.updated_by), at: fmtTime(tpl.updated_at) })}
        addButton={
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              reorder(k, (rows) => [
                ...rows,
                {
                  key: `r${nextKey++}`,
                  code: '',
                  title_zh: '',
                  title_en: '',
                  needs_customer_signature: false,
                  needs_internal_signature: false,
                  optional: false,
                },
              ])
            }
            data-testid="checklist-add"
          >
            {t('checklist.addItem')}
          </Button>
        }
        columns={[
          {
            title: <Tooltip title={t('checklist.codeHelp')}>{t('checklist.code')}</Tooltip>,
            key: 'code',
            width: 200,
            ...text('code', 'checklist-code', 40),
          },
          { title: t('checklist.titleZh'), key: 'title_zh', ...text('title_zh', 'checklist-title-zh', 400) },
          { title: t('checklist.titleEn'), key: 'title_en', ...text('title_en', 'checklist-title-en', 400) },
          ...FLAGS.map((f) => ({
            title: flagTitle[f],
            key: f,
            width: 110,
            align: 'center' as const,
            render: (_: unknown, r: Row, idx: number) => (
              <Checkbox
                checked={r[f]}
                disabled={!editable}
                onChange={(e) => editRow(k, idx, f, e.target.checked)}
                data-testid={`${flagTestid[f]}-${idx}`}
              />
            ),
          })),
        ]}
      />
    );
  };

  return (
    <VersionedSettingsCard
      prefix="checklist"
      state={state}
      editable={editable}
      kinds={KINDS}
      kind={kind}
      onKind={setKind}
      tabLabel={(k) => t(`archive.kind.${k}` as 'archive.kind.new_car')}
      editor={editor}
    />
  );
}
