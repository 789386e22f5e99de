import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuthProvider, useAuth } from './auth';
import { useI18n } from './i18n';
import AppLayout from './components/AppLayout';
import Login from './pages/Login';

const Dashboard = lazy(() => import('./pages/Dashboard'));
const CustomerList = lazy(() => import('./pages/CustomerList'));
const CustomerDetail = lazy(() => import('./pages/CustomerDetail'));
const CustomerForm = lazy(() => import('./pages/CustomerForm'));
const CustomerFilings = lazy(() => import('./pages/CustomerFilings'));
const Organisation = lazy(() => import('./pages/Organisation'));
const PolicySettings = lazy(() => import('./pages/PolicySettings'));
const ChecklistSettings = lazy(() => import('./pages/ChecklistSettings'));
const WorkingCalendar = lazy(() => import('./pages/WorkingCalendar'));
const ArchiveList = lazy(() => import('./pages/ArchiveList'));
const ArchiveDetail = lazy(() => import('./pages/ArchiveDetail'));
const ArchiveDestructions = lazy(() => import('./pages/ArchiveDestructions'));
const ArchiveInspections = lazy(() => import('./pages/ArchiveInspections'));
const HandoverBook = lazy(() => import('./pages/HandoverBook'));
const ArchiveLoans = lazy(() => import('./pages/ArchiveLoans'));
const Penalties = lazy(() => import('./pages/Penalties'));
const AuditLog = lazy(() => import('./pages/AuditLog'));
const ImportExport = lazy(() => import('./pages/ImportExport'));
const AccessRequests = lazy(() => import('./pages/AccessRequests'));
const AccessGrants = lazy(() => import('./pages/AccessGrants'));
const Visitors = lazy(() => import('./pages/Visitors'));
const BreachIncidents = lazy(() => import('./pages/BreachIncidents'));
const ApprovalChainSettings = lazy(() => import('./pages/ApprovalChainSettings'));
const CustomerReports = lazy(() => import('./pages/CustomerReports'));
const NotFound = lazy(() => import('./pages/NotFound'));

function RequireAuth({ children }: { children: JSX.Element }) {
  const { me, loading } = useAuth();
  const location = useLocation();
  if (loading) {
    return (
      <div style={{ padding: 80, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

const fallback = (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

export default function App() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <AuthProvider>
          <Suspense fallback={fallback}>
            <Routes>
              <Route path="/login" element={<Login />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<Dashboard />} />
                <Route path="customers" element={<CustomerList />} />
                <Route path="customers/new" element={<CustomerForm />} />
                <Route path="customers/:id" element={<CustomerDetail />} />
                <Route path="customers/:id/edit" element={<CustomerForm />} />
                <Route path="customer-filings" element={<CustomerFilings />} />
                <Route path="org" element={<Organisation />} />
                <Route path="policy" element={<PolicySettings />} />
                <Route path="settings/checklists" element={<ChecklistSettings />} />
                <Route path="settings/approval-chains" element={<ApprovalChainSettings />} />
                <Route path="calendar" element={<WorkingCalendar />} />
                <Route path="archives" element={<ArchiveList />} />
                <Route path="archives/:id" element={<ArchiveDetail />} />
                <Route path="archive-custody" element={<Navigate to="/archive-custody/destructions" replace />} />
                <Route path="archive-custody/destructions" element={<ArchiveDestructions />} />
                <Route path="archive-custody/inspections" element={<ArchiveInspections />} />
                <Route path="handovers" element={<HandoverBook />} />
                <Route path="archive-loans" element={<ArchiveLoans />} />
                <Route path="customer-reports" element={<CustomerReports />} />
                <Route path="penalties" element={<Penalties />} />
                <Route path="access" element={<AccessRequests />} />
                <Route path="access/grants" element={<AccessGrants />} />
                <Route path="visitors" element={<Visitors />} />
                <Route path="incidents" element={<BreachIncidents />} />
                <Route path="incidents/:id" element={<BreachIncidents />} />
                <Route path="audit" element={<AuditLog />} />
                <Route path="import" element={<ImportExport />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
