import type { FormInstance } from 'antd';
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
