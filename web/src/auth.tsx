// The logged-in user (GET /auth/me), login/logout, and the global 401 -> login redirect.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, onUnauthorized, request, setCsrfToken } from './api';
import type { Me } from './types';

interface AuthValue {
  me: Me | null;
  loading: boolean;
  login: (org: string, username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    onUnauthorized(() => {
      setMe(null);
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) {
        navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
      }
    });
    return () => onUnauthorized(null);
  }, [navigate]);

  const refresh = useCallback(async () => {
    try {
      const m = await request<Me>('GET', '/auth/me', { noAuthRedirect: true });
      setMe(m);
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    if (location.pathname.startsWith('/login')) {
      setLoading(false);
      return;
    }
    refresh().finally(() => setLoading(false));
    // only on first load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const login = useCallback(async (org: string, username: string, password: string) => {
    const resp = await request<{ token: string; expires_at: string; csrf_token: string; user: Me }>(
      'POST',
      '/auth/login',
      { body: { org, username, password }, noAuthRedirect: true },
    );
    if (resp?.csrf_token) setCsrfToken(resp.csrf_token);
    let user = resp?.user;
    if (!user || !Array.isArray(user.permissions)) {
      user = await request<Me>('GET', '/auth/me', { noAuthRedirect: true });
    }
    setMe(user);
    return user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await request('POST', '/auth/logout', { body: {}, noAuthRedirect: true });
    } catch {
      /* the session may already be gone */
    }
    setCsrfToken('');
    setMe(null);
    navigate('/login', { replace: true });
  }, [navigate]);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      loading,
      login,
      logout,
      refresh,
      can: (p: string) => !!me?.permissions?.includes(p),
    }),
    [me, loading, login, logout, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export { api };
