import { useEffect, useState } from 'react';
import { Card, Col, Empty, List, Row, Statistic, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, asItems } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { CATEGORIES } from '../enums';
import type { CustomerSummary, Page, Reminder } from '../types';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function Dashboard() {
  const { t, te } = useI18n();
  const { me } = useAuth();
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [reminders, setReminders] = useState<Reminder[] | null>(null);

  // ARC-10/ARC-11/ARC-12: the open reminders of the daily job this user may act on.
  useEffect(() => {
    let alive = true;
    api
      .get('/reminders')
      .then((r) => alive && setReminders(asItems<Reminder>(r)))
      .catch(() => alive && setReminders([]));
    return () => {
      alive = false;
    };
  }, []);
  const reminderText = (r: Reminder) => {
    if (r.rule === 'ARC-10') return t('reminder.ARC-10', { detail: r.detail });
    if (r.rule === 'ARC-11') return t('reminder.ARC-11', { due_on: r.due_on });
    if (r.rule === 'ARC-12') return t('reminder.ARC-12', { detail: r.detail });
    // SEC-5: the keepers' count of overdue loans (SEC-5:<day>), or a borrower's overdue file (SEC-5:<loan>:<day>).
    if (r.rule === 'SEC-5') return t(r.key.split(':').length > 2 ? 'reminder.SEC-5.mine' : 'reminder.SEC-5', { detail: r.detail });
    return r.subject;
  };

  useEffect(() => {
    let alive = true;
    (async () => {
      try {
        const all = await api.get<Page<CustomerSummary>>('/customers', { page: 1, page_size: 1 });
        const per = await Promise.all(
          CATEGORIES.map((c) => api.get<Page<CustomerSummary>>('/customers', { category: c, page: 1, page_size: 1 })),
        );
        if (!alive) return;
        setTotal(all.total);
        setCounts(Object.fromEntries(CATEGORIES.map((c, i) => [c, per[i].total])));
      } catch {
        /* a user without customer.read sees an empty chart */
      }
    })();
    return () => {
      alive = false;
    };
  }, []);

  const option = {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: CATEGORIES.map((c) => te('category', c)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('dashboard.customers'),
        type: 'bar',
        barMaxWidth: 48,
        data: CATEGORIES.map((c) => counts?.[c] ?? 0),
        itemStyle: { color: '#1677ff' },
        label: { show: true, position: 'top' },
      },
    ],
  };

  return (
    <div>
      <Typography.Title level={3} className="patron-page-title">
        {t('dashboard.welcome', { name: me?.display_name ?? '' })}
      </Typography.Title>
      <Card
        size="small"
        title={
          <span>
            <BellOutlined /> {t('dashboard.reminders')}
          </span>
        }
        style={{ marginBottom: 16 }}
        loading={reminders === null}
        data-testid="reminders-card"
      >
        {reminders && reminders.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noReminders')} data-testid="reminders-empty" />
        ) : (
          <List<Reminder>
            size="small"
            dataSource={reminders ?? []}
            renderItem={(r) => (
              <List.Item
                key={r.key}
                data-testid="reminder-item"
                data-key={r.key}
                actions={
                  r.link
                    ? [
                        <Link key="open" to={r.link} data-testid="reminder-link">
                          {t('reminder.open')}
                        </Link>,
                      ]
                    : []
                }
              >
                <span>
                  <Tag color={r.rule === 'ARC-12' || r.rule === 'SEC-10' ? 'volcano' : r.rule === 'ARC-10' ? 'gold' : 'orange'}>{r.rule}</Tag>
                  <span data-testid="reminder-text">{reminderText(r)}</span>
                </span>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Card>
            <Statistic title={t('dashboard.totalCustomers')} value={total ?? '-'} />
          </Card>
        </Col>
        <Col xs={24} md={18}>
          <Card title={t('dashboard.byCategory')} data-testid="chart-by-category">
            <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
