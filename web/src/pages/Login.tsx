import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { BankOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n, type Lang } from '../i18n';
import { clearDataCache } from '../data';
import type { ApiError } from '../api';

const ORG_KEY = 'patron.org';

function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export default function Login() {
  const { t, lang, setLang } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  let initialOrg = 'demo';
  try {
    initialOrg = localStorage.getItem(ORG_KEY) || 'demo';
  } catch {
    /* ignore */
  }

  const onFinish = async (v: { org: string; username: string; password: string }) => {
    setBusy(true);
    setError('');
    try {
      await login(v.org.trim(), v.username.trim(), v.password);
      try {
        localStorage.setItem(ORG_KEY, v.org.trim());
      } catch {
        /* ignore */
      }
      clearDataCache();
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (e) {
      const err = e as ApiError;
      setError(err.detail || err.message || t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="patron-login-bg">
      <Card className="patron-login-card">
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start' }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.short')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
            </div>
            <Segmented
              size="small"
              value={lang}
              onChange={(v) => setLang(v as Lang)}
              options={[
                { label: <span data-testid="lang-zh">中文</span>, value: 'zh-CN' },
                { label: <span data-testid="lang-en">EN</span>, value: 'en' },
              ]}
            />
          </div>
          {error && <Alert type="error" showIcon message={error} data-testid="login-error" />}
          <Form layout="vertical" initialValues={{ org: initialOrg }} onFinish={onFinish} requiredMark={false}>
            <Form.Item
              name="org"
              label={t('login.org')}
              rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('login.org') }) }]}
            >
              <Input prefix={<BankOutlined />} data-testid="login-org" autoComplete="organization" />
            </Form.Item>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('login.username') }) }]}
            >
              <Input prefix={<UserOutlined />} data-testid="login-username" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} data-testid="login-password" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
