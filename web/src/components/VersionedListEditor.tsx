// The editor of a versioned settings list with one document per kind (the archive checklists, the
// approval chains): each kind's rows are a local draft, edited, moved, added and removed, and saved
// with PUT and the version read (409: someone else changed it first — reload). Field errors of a
// refused save are shown at their row by "<row index>.<field>". Without the right to edit, read-only.
import { useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Space, Spin, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { api, asItems, ApiError, fieldPath } from '../api';
import { usePageLoad } from '../hooks/usePageLoad';
import { useI18n, type MessageKey } from '../i18n';

export interface VersionedDoc<K extends string> {
  kind: K;
  version: number;
}

export interface Draft<D, R> {
  doc: D;
  rows: R[];
  dirty: boolean;
  /** Field errors of the last refused save, by "<row index>.<field>"; "" for the whole list. */
  errors: Record<string, string[]>;
  error: string;
  saving: boolean;
}

/** What the page and the kind's editor need of useVersionedDrafts. */
export interface VersionedDraftsState<K extends string, R = unknown> {
  drafts: Partial<Record<K, { dirty: boolean; saving: boolean; error: string; rows: R[] }>>;
  loading: boolean;
  error: ApiError | null;
  load: (only?: K) => Promise<void>;
  save: (k: K) => Promise<void>;
  reorder: (k: K, rows: (d: R[]) => R[]) => void;
}

/** The messages and test ids of an editor: "<prefix>.title", "<prefix>-save"… ("checklist", "chain"). */
export type EditorPrefix = 'checklist' | 'chain';

/** problem+json errors (<list>[2].code, <list>, version) -> {"2.code": [...], "": [...]}. */
function groupErrors(err: ApiError, listField: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of err.errors) {
    const path = fieldPath(e.field);
    const key = path[0] === listField && typeof path[1] === 'number' && path.length === 3 ? `${path[1]}.${path[2]}` : '';
    (out[key] ??= []).push(key ? e.message : `${e.field}: ${e.message}`);
  }
  return out;
}

export function swap<T>(rows: T[], a: number, b: number): T[] {
  const out = [...rows];
  [out[a], out[b]] = [out[b], out[a]];
  return out;
}

export function useVersionedDrafts<K extends string, D extends VersionedDoc<K>, R extends object>(opts: {
  /** The collection ("/archive-checklists"); one kind is PUT at "<path>/<kind>". */
  path: string;
  /** The rows' field in the document and in the PUT body ("items", "steps"). */
  listField: string;
  toRows: (doc: D) => R[];
  toBody: (rows: R[]) => unknown[];
  /** Said when a kind is saved. */
  savedMessage: () => string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Partial<Record<K, Draft<D, R>>>>({});
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const fresh = (doc: D): Draft<D, R> => ({ doc, rows: opts.toRows(doc), dirty: false, errors: {}, error: '', saving: false });

  const { loading, error, load } = usePageLoad(async (only?: K) => {
    const docs = asItems<D>(await api.get(opts.path));
    setDrafts((d) => {
      const next = { ...d };
      for (const doc of docs) if (!only || doc.kind === only) next[doc.kind] = fresh(doc);
      return next;
    });
  }, []);

  const update = (k: K, change: (d: Draft<D, R>) => Partial<Draft<D, R>>) =>
    setDrafts((all) => (all[k] ? { ...all, [k]: { ...all[k]!, ...change(all[k]!) } } : all));
  // An edit of one field clears that field's error; a change of the rows' order clears them all
  // (they are numbered by position).
  const editRow = <F extends keyof R>(k: K, idx: number, field: F, value: R[F]) =>
    update(k, (d) => {
      const errors = { ...d.errors };
      delete errors[`${idx}.${String(field)}`];
      return { rows: d.rows.map((r, i) => (i === idx ? { ...r, [field]: value } : r)), dirty: true, errors };
    });
  const reorder = (k: K, rows: (d: R[]) => R[]) => update(k, (d) => ({ rows: rows(d.rows), dirty: true, errors: {} }));

  const save = async (k: K) => {
    const d = draftsRef.current[k];
    if (!d) return;
    update(k, () => ({ saving: true, error: '', errors: {} }));
    try {
      const saved = await api.put<D>(`${opts.path}/${k}`, { [opts.listField]: opts.toBody(d.rows), version: d.doc.version });
      setDrafts((all) => ({ ...all, [k]: fresh(saved) }));
      message.success(opts.savedMessage());
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        update(k, () => ({ saving: false, error: t('customer.conflict') }));
        return;
      }
      const errors = groupErrors(err, opts.listField);
      const rowErrors = Object.keys(errors).some((key) => key !== '');
      update(k, () => ({
        saving: false,
        errors,
        error: errors[''] ? errors[''].join('; ') : rowErrors ? '' : err.detail,
      }));
    }
  };

  return { drafts, loading, error, load, editRow, reorder, save };
}

/** The page: title, help, read-only note, load error and one tab per kind ("*" on an unsaved one). */
export function VersionedSettingsCard<K extends string, R>({
  prefix,
  state: { drafts, loading, error },
  editable,
  kinds,
  kind,
  onKind,
  tabLabel,
  editor,
}: {
  prefix: EditorPrefix;
  state: VersionedDraftsState<K, R>;
  editable: boolean;
  kinds: K[];
  kind: K;
  onKind: (k: K) => void;
  tabLabel: (k: K) => string;
  editor: (k: K) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Card>
      <Typography.Title level={4} className="patron-page-title">
        {t(`${prefix}.title` as MessageKey)}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(`${prefix}.help` as MessageKey)}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon message={t(`${prefix}.readOnly` as MessageKey)} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading && !drafts[kind]}>
        <Tabs
          activeKey={kind}
          onChange={(k) => onKind(k as K)}
          items={kinds.map((k) => ({
            key: k,
            label: (
              <span data-testid={`${prefix}-tab-${k}`}>
                {tabLabel(k)}
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

/**
 * One kind's editor: its state (default or version, unsaved), the add/discard/save buttons when
 * editable, the save's error (with a reload after a conflict) and the rows' table — the given
 * columns, then (when editable) the buttons that move and remove a row.
 */
export function DraftEditor<K extends string, R extends { key: string }>({
  prefix,
  kind,
  state: { drafts, load, save, reorder },
  editable,
  isDefault,
  versionText,
  addButton,
  reloadTestId,
  columns,
  emptyText,
}: {
  prefix: EditorPrefix;
  kind: K;
  state: VersionedDraftsState<K, R>;
  editable: boolean;
  isDefault: boolean;
  versionText: string;
  addButton: ReactNode;
  reloadTestId?: string;
  columns: ColumnsType<R>;
  emptyText?: string;
}) {
  const { t } = useI18n();
  const draft = drafts[kind]!;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          {isDefault ? (
            <Tooltip title={t(`${prefix}.defaultHelp` as MessageKey)}>
              <Tag color="blue" data-testid={`${prefix}-default`}>
                {t(`${prefix}.default` as MessageKey)}
              </Tag>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary" data-testid={`${prefix}-version`}>
              {versionText}
            </Typography.Text>
          )}
          {draft.dirty && (
            <Tag color="orange" data-testid={`${prefix}-dirty`}>
              {t(`${prefix}.unsaved` as MessageKey)}
            </Tag>
          )}
        </Space>
        {editable && (
          <Space wrap>
            {addButton}
            <Button disabled={!draft.dirty} onClick={() => load(kind)} data-testid={`${prefix}-discard`}>
              {t(`${prefix}.discard` as MessageKey)}
            </Button>
            <Button type="primary" loading={draft.saving} onClick={() => save(kind)} data-testid={`${prefix}-save`}>
              {t('common.save')}
            </Button>
          </Space>
        )}
      </Space>
      {draft.error && (
        <Alert
          type="error"
          showIcon
          message={draft.error}
          data-testid={`${prefix}-error`}
          action={
            draft.error === t('customer.conflict') ? (
              <Button size="small" onClick={() => load(kind)} data-testid={reloadTestId}>
                {t('common.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Table<R>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={draft.rows}
        data-testid={`${prefix}-table-${kind}`}
        locale={emptyText === undefined ? undefined : { emptyText }}
        columns={[
          { title: '#', key: 'n', width: 40, render: (_, __, idx) => idx + 1 },
          ...columns,
          ...rowActionsColumns<R>({ editable, count: draft.rows.length, prefix, reorder: (rows) => reorder(kind, rows), t }),
        ]}
      />
    </Space>
  );
}

/** The table column (when editable) that moves a row up or down or removes it. */
function rowActionsColumns<R>(opts: {
  editable: boolean;
  count: number;
  prefix: EditorPrefix;
  reorder: (rows: (d: R[]) => R[]) => void;
  t: ReturnType<typeof useI18n>['t'];
}) {
  const { t, reorder, prefix: testId } = opts;
  if (!opts.editable) return [];
  return [
    {
      title: t('common.actions'),
      key: 'a',
      width: 120,
      render: (_: unknown, __: R, idx: number) => (
        <Space size={0}>
          <Tooltip title={t('checklist.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={idx === 0}
              onClick={() => reorder((rows) => swap(rows, idx, idx - 1))}
              data-testid={`${testId}-up-${idx}`}
            />
          </Tooltip>
          <Tooltip title={t('checklist.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={idx === opts.count - 1}
              onClick={() => reorder((rows) => swap(rows, idx, idx + 1))}
              data-testid={`${testId}-down-${idx}`}
            />
          </Tooltip>
          <Tooltip title={t('common.remove')}>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => reorder((rows) => rows.filter((_, i) => i !== idx))}
              data-testid={`${testId}-remove-${idx}`}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];
}

