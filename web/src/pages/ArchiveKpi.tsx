// ARC-6h: each department's on-time handover rate and completeness rate for a month, as a chart
// and a table (they feed the department head's KPI).
import { useEffect, useState } from 'react';
import { Alert, Empty, Space, Table } from 'antd';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface Kpi {
  department_id: number;
  department_name: string;
  due: number;
  on_time: number;
  on_time_rate: number | null;
  checked: number;
  complete_first_time: number;
  completeness_rate: number | null;
}

export default function ArchiveKpi({ month }: { month: string }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Kpi[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api
      .get<{ departments: Kpi[] }>('/kpi/archives', { month })
      .then((r) => {
        setRows(r.departments);
        setError(null);
      })
      .catch((e: ApiError) => setError(e));
  }, [month]);
  if (error) return <Alert type="error" showIcon message={error.detail} />;
  if (rows.length === 0) return <Empty description={t('kpi.none')} />;
  const option = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [t('kpi.onTimeRate'), t('kpi.completenessRate')] },
    grid: { left: 40, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', data: rows.map((r) => r.department_name) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('kpi.onTimeRate'), type: 'bar', data: rows.map((r) => r.on_time_rate) },
      { name: t('kpi.completenessRate'), type: 'bar', data: rows.map((r) => r.completeness_rate) },
    ],
  };
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />
      <Table<Kpi>
        rowKey="department_id"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="kpi-table"
        columns={[
          { title: t('field.department'), dataIndex: 'department_name' },
          { title: t('kpi.due'), dataIndex: 'due' },
          { title: t('kpi.onTime'), dataIndex: 'on_time' },
          { title: t('kpi.onTimeRate'), dataIndex: 'on_time_rate', render: pct },
          { title: t('kpi.checked'), dataIndex: 'checked' },
          { title: t('kpi.completeFirstTime'), dataIndex: 'complete_first_time' },
          { title: t('kpi.completenessRate'), dataIndex: 'completeness_rate', render: pct },
        ]}
      />
    </Space>
  );
}
