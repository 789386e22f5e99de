// Shared reference data (departments, users, roles) with a small in-memory cache.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, asItems } from './api';
import type { Department, PolicySetting, Role, User } from './types';

export interface DeptTreeNode {
  key: number;
  value: number;
  title: string;
  children: DeptTreeNode[];
  dept: Department;
}

export function buildDeptTree(depts: Department[]): DeptTreeNode[] {
  const nodes = new Map<number, DeptTreeNode>();
  for (const d of depts) nodes.set(d.id, { key: d.id, value: d.id, title: d.name, children: [], dept: d });
  const roots: DeptTreeNode[] = [];
  for (const d of depts) {
    const n = nodes.get(d.id)!;
    const parent = d.parent_id ? nodes.get(d.parent_id) : undefined;
    if (parent && parent !== n) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

function useCachedList<T>(loader: () => Promise<T[]>, cacheKey: string) {
  const [items, setItems] = useState<T[]>(() => (cache.get(cacheKey) as T[]) ?? []);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(!cache.has(cacheKey));
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const list = await loader();
      cache.set(cacheKey, list);
      setItems(list);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cacheKey]);
  useEffect(() => {
    reload();
  }, [reload]);
  return { items, error, loading, reload };
}

const cache = new Map<string, unknown>();
export function clearDataCache() {
  cache.clear();
}

export function useDepartments() {
  const r = useCachedList<Department>(async () => asItems<Department>(await api.get('/departments')), 'departments');
  const byId = useMemo(() => new Map(r.items.map((d) => [d.id, d])), [r.items]);
  const tree = useMemo(() => buildDeptTree(r.items), [r.items]);
  return { ...r, departments: r.items, byId, tree };
}

export function useUsers(enabled = true) {
  const r = useCachedList<User>(async () => (enabled ? asItems<User>(await api.get('/users')) : []), enabled ? 'users' : 'users-off');
  return { ...r, users: r.items };
}

export function useRoles(enabled = true) {
  const r = useCachedList<Role>(async () => (enabled ? asItems<Role>(await api.get('/roles')) : []), enabled ? 'roles' : 'roles-off');
  return { ...r, roles: r.items };
}

/** The current value of one policy setting (null while loading, without policy.read, or unknown). */
export function usePolicyValue(key: string, enabled = true): number | null {
  const [value, setValue] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    api
      .get('/policy')
      .then((r) => alive && setValue(asItems<PolicySetting>(r).find((s) => s.key === key)?.value ?? null))
      .catch(() => alive && setValue(null));
    return () => {
      alive = false;
    };
  }, [key, enabled]);
  return value;
}
