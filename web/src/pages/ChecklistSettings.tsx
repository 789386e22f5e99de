// The organisation's archive checklists (ARC-2 new car, ARC-3 after-sales): what each kind of
// archive must hold. An administrator with policy.manage edits them; PUT with the version read.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Result, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, asItems, ApiError, fieldPath } from '../api';
import { useAuth } from '../auth';
import { useUsers } from '../data';
import { fmtTime } from '../format';
import { useI18n } from '../i18n';
import type { ChecklistItem, ChecklistTemplate } from '../types';

type Kind = ChecklistTemplate['kind'];
const KINDS: Kind[] = ['new_car', 'after_sales'];
type Flag = 'needs_customer_signature' | 'needs_internal_signature' | 'optional';
const FLAGS: Flag[] = ['needs_customer_signature', 'needs_internal_signature', 'optional'];

interface Row extends ChecklistItem {
  key: string;
}

interface Draft {
  template: ChecklistTemplate;
  rows: Row[];
  dirty: boolean;
  /** Field errors of the last refused save, by "<row index>.<field>"; "" for the whole list. */
  errors: Record<string, string[]>;
  error: string;
  saving: boolean;
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
const fresh = (template: ChecklistTemplate): Draft => ({
  template,
  rows: toRows(template.items),
  dirty: false,
  errors: {},
  error: '',
  saving: false,
});

/** problem+json errors (items[2].code, items, version) -> {"2.code": [...], "": [...]}. */
function groupErrors(err: ApiError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of err.errors) {
    const path = fieldPath(e.field);
    const key = path[0] === 'items' && typeof path[1] === 'number' && path.length === 3 ? `${path[1]}.${path[2]}` : '';
    (out[key] ??= []).push(key ? e.message : `${e.field}: ${e.message}`);
  }
  return out;
}

export default function ChecklistSettings() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { users } = useUsers(can('org.read'));
  const [drafts, setDrafts] = useState<Partial<Record<Kind, Draft>>>({});
  const [kind, setKind] = useState<Kind>('new_car');
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const editable = can('policy.manage');
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const load = useCallback(async (only?: Kind) => {
    setLoading(true);
    try {
      const templates = asItems<ChecklistTemplate>(await api.get('/archive-checklists'));
      setDrafts((d) => {
        const next = { ...d };
        for (const tpl of templates) if (!only || tpl.kind === only) next[tpl.kind] = fresh(tpl);
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
  // An edit of one field clears that field's error; a change of the rows' order clears them all
  // (they are numbered by position).
  const editRow = (k: Kind, idx: number, field: keyof ChecklistItem, value: string | boolean) =>
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
      const saved = await api.put<ChecklistTemplate>(`/archive-checklists/${k}`, {
        items: toItems(d.rows),
        version: d.template.version,
      });
      setDrafts((all) => ({ ...all, [k]: fresh(saved) }));
      message.success(t('checklist.saved'));
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

  const userName = (uid: number | null) => users.find((u) => u.id === uid)?.display_name ?? (uid ? `#${uid}` : '');

  const editor = (k: Kind) => {
    const d = drafts[k];
    if (!d) return <Spin />;
    const tpl = d.template;
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
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space wrap>
            {tpl.is_default ? (
              <Tooltip title={t('checklist.defaultHelp')}>
                <Tag color="blue" data-testid="checklist-default">
                  {t('checklist.default')}
                </Tag>
              </Tooltip>
            ) : (
              <Typography.Text type="secondary" data-testid="checklist-version">
                {t('checklist.changed', { version: tpl.version, user: userName(tpl.updated_by), at: fmtTime(tpl.updated_at) })}
              </Typography.Text>
            )}
            {d.dirty && (
              <Tag color="orange" data-testid="checklist-dirty">
                {t('checklist.unsaved')}
              </Tag>
            )}
          </Space>
          {editable && (
            <Space wrap>
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
              <Button disabled={!d.dirty} onClick={() => load(k)} data-testid="checklist-discard">
                {t('checklist.discard')}
              </Button>
              <Button type="primary" loading={d.saving} onClick={() => save(k)} data-testid="checklist-save">
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
            data-testid="checklist-error"
            action={
              d.error === t('customer.conflict') ? (
                <Button size="small" onClick={() => load(k)}>
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
          data-testid={`checklist-table-${k}`}
          columns={[
            { title: '#', key: 'n', width: 40, render: (_, __, idx) => idx + 1 },
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
                            data-testid={`checklist-up-${idx}`}
                          />
                        </Tooltip>
                        <Tooltip title={t('checklist.moveDown')}>
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={idx === d.rows.length - 1}
                            onClick={() => reorder(k, (rows) => swap(rows, idx, idx + 1))}
                            data-testid={`checklist-down-${idx}`}
                          />
                        </Tooltip>
                        <Tooltip title={t('common.remove')}>
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => reorder(k, (rows) => rows.filter((_, i) => i !== idx))}
                            data-testid={`checklist-remove-${idx}`}
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
        {t('checklist.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('checklist.help')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon message={t('checklist.readOnly')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading && !drafts[kind]}>
        <Tabs
          activeKey={kind}
          onChange={(k) => setKind(k as Kind)}
          items={KINDS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`checklist-tab-${k}`}>
                {t(`archive.kind.${k}` as 'archive.kind.new_car')}
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
