import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, fieldPath, type FieldError } from './api';

/**
 * Puts the server's problem+json field errors (errors[].field such as "phones[1].number") onto the
 * matching antd form fields. Returns the errors that match no registered field (shown elsewhere).
 */
export function applyServerErrors(
  form: FormInstance,
  err: unknown,
  isKnown?: (path: (string | number)[]) => boolean,
): FieldError[] {
  if (!(err instanceof ApiError)) return [];
  const unmatched: FieldError[] = [];
  const grouped = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const e of err.errors) {
    const name = fieldPath(e.field);
    let registered = false;
    if (isKnown) {
      registered = isKnown(name);
    } else {
      try {
        registered = form.getFieldInstance(name as never) !== undefined;
      } catch {
        registered = false;
      }
    }
    if (!registered) {
      unmatched.push(e);
      continue;
    }
    const key = JSON.stringify(name);
    const g = grouped.get(key) ?? { name, errors: [] };
    g.errors.push(e.message || err.detail);
    grouped.set(key, g);
  }
  if (grouped.size > 0) {
    form.setFields([...grouped.values()].map((g) => ({ name: g.name as never, errors: g.errors })));
    const first = [...grouped.values()][0];
    try {
      form.scrollToField(first.name as never);
    } catch {
      /* ignore */
    }
  }
  return unmatched;
}

/**
 * The submit of a modal form: validates, sends, and on failure puts the server's field errors on
 * the form (anything else in `err`). `busy` is true while sending.
 */
export function useModalSubmit<T>(form: FormInstance<T>, send: (values: T) => Promise<void>) {
  const [err, setErr] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    let values: T;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form marks what is missing; nothing to send
    }
    setBusy(true);
    setErr('');
    try {
      await send(values);
    } catch (e) {
      const rest = applyServerErrors(form, e);
      if (rest.length || !(e as ApiError).errors?.length) setErr((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };
  return { err, setErr, busy, submit };
}
