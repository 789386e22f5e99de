import dayjs from 'dayjs';

export function fmtTime(v?: string | null): string {
  if (!v) return '';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : v;
}
export function fmtTimeSec(v?: string | null): string {
  if (!v) return '';
  const d = dayjs(v);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm:ss') : v;
}
