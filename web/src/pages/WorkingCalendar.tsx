// The organisation's working-day calendar (docs/calendar.md): holidays and make-up working days
// (调休) on a month view, the year's marks, import/export (CSV, iCalendar), time zone and weekend,
// and a deadline calculator that shows the arithmetic every deadline in Patron uses.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Button, Calendar, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Result, Row,
  Select, Space, Table, Tag, Typography, Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, request } from '../api';
import { useAuth } from '../auth';
import { applyServerErrors } from '../formErrors';
import { useI18n } from '../i18n';
import type { CalendarData, CalendarDay, Deadline } from '../types';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

export default function WorkingCalendar() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const manage = can('policy.manage');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const year = month.year();
  const [data, setData] = useState<CalendarData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<Dayjs | null>(null);
  const [dayForm] = Form.useForm();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsForm] = Form.useForm();
  const [importOpen, setImportOpen] = useState(false);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [deadline, setDeadline] = useState<Deadline | null>(null);
  const [deadlineForm] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setData(await api.get<CalendarData>('/calendar', { from: `${year}-01-01`, to: `${year}-12-31` }));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  }, [year]);
  useEffect(() => {
    load();
  }, [load]);

  const marks = useMemo(() => {
    const m = new Map<string, CalendarDay>();
    for (const d of data?.days ?? []) m.set(d.date, d);
    return m;
  }, [data]);
  const weekend = new Set(data?.weekend ?? [6, 7]);
  const isoDay = (d: Dayjs) => ((d.day() + 6) % 7) + 1;

  const openDay = (d: Dayjs) => {
    if (!manage) return;
    const mark = marks.get(d.format('YYYY-MM-DD'));
    dayForm.resetFields();
    dayForm.setFieldsValue({ kind: mark?.kind ?? 'none', name: mark?.name ?? '' });
    setEditing(d);
  };

  const saveDay = async () => {
    const v = await dayForm.validateFields();
    const date = editing!.format('YYYY-MM-DD');
    setBusy(true);
    try {
      if (v.kind === 'none') {
        if (marks.has(date)) await api.del(`/calendar/days/${date}`);
      } else {
        await api.put(`/calendar/days/${date}`, { kind: v.kind, name: (v.name ?? '').trim() });
      }
      message.success(t('common.saved'));
      setEditing(null);
      load();
    } catch (e) {
      const rest = applyServerErrors(dayForm, e);
      if (rest.length) message.error((e as ApiError).detail);
    } finally {
      setBusy(false);
    }
  };

  const saveSettings = async () => {
    const v = await settingsForm.validateFields();
    setBusy(true);
    try {
      await api.put('/calendar/settings', { time_zone: v.time_zone.trim(), weekend: v.weekend, version: data!.version });
      message.success(t('common.saved'));
      setSettingsOpen(false);
      load();
    } catch (e) {
      const err = e as ApiError;
      if (err.status === 409) {
        message.error(t('customer.conflict'));
        load();
        return;
      }
      const rest = applyServerErrors(settingsForm, e);
      if (rest.length) message.error(err.detail);
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File) => {
    setBusy(true);
    try {
      const ics = file.name.toLowerCase().endsWith('.ics');
      const r = await request<{ imported: number }>('POST', '/calendar/import', {
        rawBody: await file.arrayBuffer(),
        contentType: ics ? 'text/calendar' : 'text/csv',
        query: { replace },
      });
      message.success(t('calendar.imported', { n: r.imported }));
      setImportOpen(false);
      load();
    } catch (e) {
      message.error((e as ApiError).detail, 8);
    } finally {
      setBusy(false);
    }
    return false;
  };

  const compute = async () => {
    const v = await deadlineForm.validateFields();
    try {
      setDeadline(
        await api.get<Deadline>('/calendar/deadline', { from: v.from.toISOString(), amount: v.amount, unit: v.unit }),
      );
    } catch (e) {
      applyServerErrors(deadlineForm, e);
    }
  };

  if (error?.status === 403) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  const weekdayName = (n: number) => t(`calendar.weekday${n}` as 'calendar.weekday1');

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card>
        <Typography.Title level={4} className="patron-page-title">
          {t('calendar.title')}
        </Typography.Title>
        {error && <Alert type="error" showIcon message={error.detail} style={{ marginBottom: 12 }} />}
        {data && (
          <Space wrap style={{ marginBottom: 12 }}>
            <span>
              {t('calendar.timeZone')}: <Typography.Text code>{data.time_zone}</Typography.Text>
            </span>
            <span>
              {t('calendar.weekend')}: {data.weekend.map(weekdayName).join('、') || t('common.none')}
            </span>
            {data.is_default && <Tag color="blue">{t('calendar.default')}</Tag>}
            <span data-testid="calendar-version">
              {t('common.version')} {data.version}
            </span>
            {manage && (
              <Button
                size="small"
                onClick={() => {
                  settingsForm.setFieldsValue({ time_zone: data.time_zone, weekend: data.weekend });
                  setSettingsOpen(true);
                }}
              >
                {t('calendar.settings')}
              </Button>
            )}
            {manage && (
              <Button size="small" icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="calendar-import">
                {t('calendar.import')}
              </Button>
            )}
            <Button size="small" icon={<DownloadOutlined />} href={`/api/v1/calendar/export?format=csv&year=${year}`}>
              CSV
            </Button>
            <Button size="small" icon={<DownloadOutlined />} href={`/api/v1/calendar/export?format=ics&year=${year}`}>
              iCal
            </Button>
          </Space>
        )}
        {data && !data.marked_years.includes(year) && (
          <Alert type="warning" showIcon message={t('calendar.noSchedule', { year })} style={{ marginBottom: 12 }} />
        )}
        <Row gutter={16}>
          <Col xs={24} lg={15}>
            <Calendar
              value={month}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                setMonth(d);
                if (info.source === 'date') openDay(d);
              }}
              fullCellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const key = d.format('YYYY-MM-DD');
                const mark = marks.get(key);
                const off = mark ? mark.kind === 'holiday' : weekend.has(isoDay(d));
                const other = d.month() !== month.month();
                return (
                  <div
                    className={`patron-cal-cell${off ? ' off' : ''}${other ? ' other' : ''}`}
                    data-testid={`cal-${key}`}
                    title={mark?.name}
                  >
                    <div>{d.date()}</div>
                    {mark && (
                      <Tag color={mark.kind === 'holiday' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                        {mark.kind === 'holiday' ? t('calendar.off') : t('calendar.work')}
                      </Tag>
                    )}
                  </div>
                );
              }}
            />
          </Col>
          <Col xs={24} lg={9}>
            <Table<CalendarDay>
              size="small"
              rowKey="date"
              dataSource={(data?.days ?? []).filter((d) => d.date.startsWith(month.format('YYYY-MM')))}
              pagination={false}
              title={() => t('calendar.marksOfMonth', { month: month.format('YYYY-MM') })}
              data-testid="calendar-marks"
              onRow={(r) => ({ onClick: () => setMonth(dayjs(r.date)) })}
              columns={[
                { title: t('calendar.date'), dataIndex: 'date', render: (d: string) => `${d} ${weekdayName(isoDay(dayjs(d)))}` },
                {
                  title: t('calendar.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => <Tag color={k === 'holiday' ? 'red' : 'orange'}>{t(`calendar.kind.${k}` as 'calendar.kind.holiday')}</Tag>,
                },
                { title: t('calendar.name'), dataIndex: 'name' },
              ]}
            />
          </Col>
        </Row>
      </Card>
      <Card title={t('calendar.deadlineTitle')}>
        <Form
          form={deadlineForm}
          layout="inline"
          initialValues={{ from: dayjs(), amount: 3, unit: 'working_days' }}
          onFinish={compute}
        >
          <Form.Item name="from" label={t('calendar.event')} rules={[{ required: true }]}>
            <DatePicker showTime data-testid="deadline-from" />
          </Form.Item>
          <Form.Item name="amount" label={t('calendar.within')} rules={[{ required: true }]}>
            <InputNumber min={0} max={366} data-testid="deadline-amount" />
          </Form.Item>
          <Form.Item name="unit">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'working_days', label: t('calendar.unit.working_days') },
                { value: 'days', label: t('calendar.unit.days') },
                { value: 'hours', label: t('calendar.unit.hours') },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="deadline-compute">
            {t('calendar.compute')}
          </Button>
        </Form>
        {deadline && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            data-testid="deadline-result"
            message={t('calendar.dueBy', { day: deadline.due_day })}
            description={deadline.explanation}
          />
        )}
      </Card>
      <Modal
        open={!!editing}
        title={editing?.format('YYYY-MM-DD')}
        onCancel={() => setEditing(null)}
        onOk={saveDay}
        confirmLoading={busy}
        okButtonProps={{ id: 'day-save' }}
        destroyOnClose
      >
        <Form form={dayForm} layout="vertical">
          <Form.Item name="kind" label={t('calendar.kind')}>
            <Radio.Group data-testid="day-kind">
              <Radio value="none">{t('calendar.kind.none')}</Radio>
              <Radio value="holiday">{t('calendar.kind.holiday')}</Radio>
              <Radio value="workday">{t('calendar.kind.workday')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')} rules={[{ max: 30 }]}>
            <Input data-testid="day-name" placeholder="国庆节" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={settingsOpen}
        title={t('calendar.settings')}
        onCancel={() => setSettingsOpen(false)}
        onOk={saveSettings}
        confirmLoading={busy}
      >
        <Form form={settingsForm} layout="vertical">
          <Form.Item name="time_zone" label={t('calendar.timeZone')} rules={[{ required: true }]}>
            <Input placeholder="Asia/Shanghai" />
          </Form.Item>
          <Form.Item name="weekend" label={t('calendar.weekend')}>
            <Checkbox.Group options={WEEKDAYS.map((n) => ({ value: n, label: weekdayName(n) }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={importOpen} title={t('calendar.import')} onCancel={() => setImportOpen(false)} footer={null}>
        <Typography.Paragraph type="secondary">{t('calendar.importHelp')}</Typography.Paragraph>
        <Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)} style={{ marginBottom: 12 }}>
          {t('calendar.replace')}
        </Checkbox>
        <Upload accept=".csv,.ics,text/csv,text/calendar" showUploadList={false} beforeUpload={importFile}>
          <Button icon={<UploadOutlined />} loading={busy} data-testid="calendar-file">
            {t('calendar.chooseFile')}
          </Button>
        </Upload>
      </Modal>
    </Space>
  );
}
