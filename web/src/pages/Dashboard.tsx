import { useEffect, useState } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { CATEGORIES } from '../enums';
import type { CustomerSummary, Page } from '../types';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export default function Dashboard() {
  const { t, te } = useI18n();
  const { me } = useAuth();
  const [counts, setCounts] = useState<Record<string, number> | null>(null);
  const [total, setTotal] = useState<number | null>(null);

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
