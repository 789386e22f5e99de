import { useEffect, useState } from 'react';
import { Badge, Button, Dropdown, Layout, Menu, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  DownOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
  ApartmentOutlined,
  FolderOpenOutlined,
  BookOutlined,
  DollarOutlined,
  SafetyCertificateOutlined,
  ReadOutlined,
  MessageOutlined,
  PhoneOutlined,
  ProfileOutlined,
  BellOutlined,
  SafetyOutlined,
  DeleteOutlined,
  FieldTimeOutlined,
  SearchOutlined,
  KeyOutlined,
  FileProtectOutlined,
  NodeIndexOutlined,
  AlertOutlined,
  IdcardOutlined,
  BarChartOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, asItems, REMINDERS_CHANGED } from '../api';
import { useAuth } from '../auth';
import { useI18n, type Lang, type MessageKey } from '../i18n';
import SessionsModal from './SessionsModal';
import type { Reminder } from '../types';

const { Header, Sider, Content } = Layout;

interface NavEntry {
  key: string;
  label: MessageKey;
  icon: JSX.Element;
  testid: string;
  /** Shown only to users with any of these permissions. */
  perms?: string[];
  children?: NavEntry[];
}

// ARC-11/ARC-12: the custody of the archives, for the keeper and who approves destructions.
const CUSTODY_PERMS = ['archive.manage', 'archive.destroy'];
const CUSTODY_DESTRUCTIONS = '/archive-custody/destructions';
const CUSTODY_INSPECTIONS = '/archive-custody/inspections';
// SEC-2 … SEC-6, SEC-12: anyone may ask for access; the general manager also authorises it directly.
const ACCESS_REQUESTS = '/access';
const ACCESS_GRANTS = '/access/grants';
// SEC-3: anyone registers the non-employees they host.
const VISITORS = '/visitors';
// SEC-10: anyone reports a (possible) leak of customer information.
const INCIDENTS = '/incidents';

const MAIN: NavEntry[] = [
  { key: '/', label: 'nav.dashboard', icon: <DashboardOutlined />, testid: 'nav-dashboard' },
  { key: '/customers', label: 'nav.customers', icon: <TeamOutlined />, testid: 'nav-customers' },
  // ARC-10: customers not filed in time, in the caller's customer.read scope.
  {
    key: '/customer-filings',
    label: 'nav.customerFilings',
    icon: <FieldTimeOutlined />,
    testid: 'nav-customer-filings',
    perms: ['customer.read'],
  },
  { key: '/archives', label: 'nav.archives', icon: <FolderOpenOutlined />, testid: 'nav-archives' },
  { key: '/handovers', label: 'nav.handover', icon: <BookOutlined />, testid: 'nav-handovers' },
  // SEC-5: the lending register; keepers lend and enter returns, everyone sees their own loans.
  { key: '/archive-loans', label: 'nav.lending', icon: <ReadOutlined />, testid: 'nav-lending' },
  {
    key: 'custody',
    label: 'nav.custody',
    icon: <SafetyOutlined />,
    testid: 'nav-custody',
    perms: CUSTODY_PERMS,
    children: [
      { key: CUSTODY_DESTRUCTIONS, label: 'nav.destructions', icon: <DeleteOutlined />, testid: 'nav-destructions' },
      { key: CUSTODY_INSPECTIONS, label: 'nav.inspections', icon: <SearchOutlined />, testid: 'nav-inspections' },
    ],
  },
  // SEC-11: customer statistics reports: preparers, readers of the reports sent to their department;
  // the approvers (customer service manager, general manager) hold report.prepare or report.read too.
  {
    key: '/customer-reports',
    label: 'nav.reports',
    icon: <BarChartOutlined />,
    testid: 'nav-reports',
    perms: ['report.prepare', 'report.read'],
  },
  { key: '/penalties', label: 'nav.penalties', icon: <DollarOutlined />, testid: 'nav-penalties' },
  {
    key: 'access',
    label: 'nav.access',
    icon: <SafetyCertificateOutlined />,
    testid: 'nav-access',
    children: [
      { key: ACCESS_REQUESTS, label: 'nav.accessRequests', icon: <KeyOutlined />, testid: 'nav-access-requests' },
      { key: ACCESS_GRANTS, label: 'nav.accessGrants', icon: <FileProtectOutlined />, testid: 'nav-access-grants' },
      { key: VISITORS, label: 'nav.visitors', icon: <IdcardOutlined />, testid: 'nav-visitors' },
      { key: INCIDENTS, label: 'nav.incidents', icon: <AlertOutlined />, testid: 'nav-incidents' },
    ],
  },
  { key: '/org', label: 'nav.org', icon: <ApartmentOutlined />, testid: 'nav-org' },
  { key: '/policy', label: 'nav.policy', icon: <SettingOutlined />, testid: 'nav-policy' },
  { key: '/settings/checklists', label: 'nav.checklists', icon: <ProfileOutlined />, testid: 'nav-checklists', perms: ['policy.manage'] },
  {
    key: '/settings/approval-chains',
    label: 'nav.approvalChains',
    icon: <NodeIndexOutlined />,
    testid: 'nav-approval-chains',
    perms: ['org.manage'],
  },
  { key: '/calendar', label: 'nav.calendar', icon: <CalendarOutlined />, testid: 'nav-calendar' },
  { key: '/audit', label: 'nav.audit', icon: <AuditOutlined />, testid: 'nav-audit' },
  { key: '/import', label: 'nav.importExport', icon: <CloudUploadOutlined />, testid: 'nav-import' },
];

// Modules of later releases: visible but disabled.
const SOON: { key: string; label: MessageKey; icon: JSX.Element; rule: string }[] = [
  { key: 'complaints', label: 'nav.complaints', icon: <MessageOutlined />, rule: 'CMP-4' },
  { key: 'return-visits', label: 'nav.returnVisits', icon: <PhoneOutlined />, rule: 'RV-1' },
];

export default function AppLayout() {
  const { me, logout, can } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [sessionsOpen, setSessionsOpen] = useState(false);
  const [reminders, setReminders] = useState<Reminder[]>([]);

  // The open reminders (raised by the daily job) for the badge in the header.
  const userId = me?.id;
  useEffect(() => {
    if (!userId) return;
    let alive = true;
    const reload = () =>
      api
        .get('/reminders')
        .then((r) => alive && setReminders(asItems<Reminder>(r)))
        .catch(() => alive && setReminders([]));
    reload();
    window.addEventListener(REMINDERS_CHANGED, reload);
    return () => {
      alive = false;
      window.removeEventListener(REMINDERS_CHANGED, reload);
    };
  }, [userId]);

  const main = MAIN.filter((m) => !m.perms || m.perms.some((p) => can(p)));
  const leaves = main.flatMap((m) => m.children ?? [m]);
  // The entry of the longest path the location starts with (/access/grants, not /access).
  const selected =
    leaves
      .filter((m) => m.key !== '/' && location.pathname.startsWith(m.key))
      .map((m) => m.key)
      .sort((a, b) => b.length - a.length)[0] ?? (location.pathname === '/' ? '/' : '');
  const parentOfSelected = main.find((m) => m.children?.some((c) => c.key === selected))?.key;
  const [openKeys, setOpenKeys] = useState<string[]>(() => (parentOfSelected ? [parentOfSelected] : []));
  useEffect(() => {
    if (parentOfSelected) setOpenKeys((keys) => (keys.includes(parentOfSelected) ? keys : [...keys, parentOfSelected]));
  }, [parentOfSelected]);

  const entry = (m: NavEntry): NonNullable<MenuProps['items']>[number] =>
    m.children
      ? {
          key: m.key,
          icon: m.icon,
          label: <span data-testid={m.testid}>{t(m.label)}</span>,
          children: m.children.map(entry),
        }
      : {
          key: m.key,
          icon: m.icon,
          label: <span data-testid={m.testid}>{t(m.label)}</span>,
        };

  const items: MenuProps['items'] = [
    ...main.map(entry),
    {
      type: 'group' as const,
      key: 'soon',
      label: collapsed ? '' : t('nav.comingSoonGroup'),
      children: SOON.map((m) => ({
        key: `soon:${m.key}`,
        icon: m.icon,
        disabled: true,
        label: (
          <Tooltip title={`${t('common.comingSoonDesc')} (${m.rule})`} placement="right">
            <span data-testid={`nav-soon-${m.key}`}>
              {t(m.label)}{' '}
              <Tag style={{ marginLeft: 4, marginRight: 0, fontSize: 11, lineHeight: "16px", paddingInline: 4 }} bordered={false}>
                {t('nav.soonTag')}
              </Tag>
            </span>
          </Tooltip>
        ),
      })),
    },
  ];

  const userMenu: MenuProps['items'] = [
    { key: 'sessions', icon: <ClockCircleOutlined />, label: <span data-testid="menu-sessions">{t('header.mySessions')}</span> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="menu-logout">{t('header.logout')}</span> },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={240}
        data-testid="sider"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div className="patron-logo">
          <span className="mark">P</span>
          {!collapsed && <span>{t('app.short')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={(keys) => setOpenKeys(keys as string[])}
          items={items}
          onClick={(e) => {
            if (!e.key.startsWith('soon:')) navigate(e.key);
          }}
        />
      </Sider>
      <Layout>
        <Header className="patron-header">
          <Space>
            <BankOutlined />
            <Typography.Text strong data-testid="org-name">
              {me?.org?.name}
            </Typography.Text>
          </Space>
          <Space size="large">
            <Tooltip title={t('header.reminders')}>
              <Badge count={reminders.length} size="small" data-testid="reminder-badge">
                <Button
                  type="text"
                  shape="circle"
                  icon={<BellOutlined />}
                  aria-label={t('header.reminders')}
                  onClick={() => navigate('/')}
                  data-testid="reminder-bell"
                />
              </Badge>
            </Tooltip>
            <Segmented
              data-testid="lang-switch"
              size="small"
              value={lang}
              onChange={(v) => setLang(v as Lang)}
              options={[
                { label: <span data-testid="lang-zh">中文</span>, value: 'zh-CN' },
                { label: <span data-testid="lang-en">English</span>, value: 'en' },
              ]}
            />
            <Dropdown
              trigger={['click']}
              menu={{
                items: userMenu,
                onClick: (e) => {
                  if (e.key === 'logout') logout();
                  if (e.key === 'sessions') setSessionsOpen(true);
                },
              }}
            >
              <a onClick={(e) => e.preventDefault()} data-testid="user-menu">
                <Space>
                  <UserOutlined />
                  <span data-testid="user-display-name">{me?.display_name || me?.username}</span>
                  <DownOutlined />
                </Space>
              </a>
            </Dropdown>
          </Space>
        </Header>
        <Content className="patron-content">
          <Outlet />
        </Content>
      </Layout>
      <SessionsModal open={sessionsOpen} onClose={() => setSessionsOpen(false)} />
    </Layout>
  );
}
