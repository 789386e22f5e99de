// An approve/reject decision on one record, taken in a dialog with a comment (required to reject):
// the dialog's state, its form, and the submit with the usual answers — 409 (someone else decided
// first) shows the conflict and reloads; field errors go onto the form, the rest above it.
import { useState } from 'react';
import { Form, type FormInstance } from 'antd';
import type { ApiError } from '../api';
import { applyServerErrors } from '../formErrors';
import { useI18n } from '../i18n';

export type Decision = 'approve' | 'reject';

export interface DecisionDialogState<T> {
  deciding: { record: T; decision: Decision } | null;
  form: FormInstance;
  /** The form field of the comment. */
  field: string;
  busy: boolean;
  error: string;
  open: (record: T, decision: Decision) => void;
  close: () => void;
  decide: () => Promise<void>;
}

export function useDecision<T, F extends string>(opts: {
  /** The form field of the comment ("comment", "reason"). */
  field: F;
  /** Posts the decision with the trimmed comment. */
  submit: (record: T, decision: Decision, comment: string) => Promise<unknown>;
  /** After a decision is taken and the dialog closed. */
  onDecided: () => Promise<void> | void;
  /** Reloads the page's lists (after a 409). */
  reload: () => unknown;
  /** Which error paths are the form's fields (default: the registered ones). */
  isFormField?: (path: (string | number)[]) => boolean;
  onOpen?: (record: T) => void;
}): DecisionDialogState<T> {
  const { t } = useI18n();
  const [deciding, setDeciding] = useState<{ record: T; decision: Decision } | null>(null);
  const [form] = Form.useForm<Record<F, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const open = (record: T, decision: Decision) => {
    form.resetFields();
    setError('');
    opts.onOpen?.(record);
    setDeciding({ record, decision });
  };
  const close = () => setDeciding(null);
  const decide = async () => {
    if (!deciding) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError('');
    try {
      await opts.submit(deciding.record, deciding.decision, ((v[opts.field] as string | undefined) ?? '').trim());
      setDeciding(null);
      await opts.onDecided();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        setError(t('customer.conflict'));
        opts.reload();
        return;
      }
      const rest = applyServerErrors(form, err, opts.isFormField);
      if (rest.length || !err.errors?.length) setError(err.detail);
    } finally {
      setBusy(false);
    }
  };
  return { deciding, form, field: opts.field, busy, error, open, close, decide };
}
