// The refusal of a record (403; SEC-6: a classified one looks missing, 404) with the way in: an
// access request (SEC-2) for it, pre-filled with the record.
import { useState } from 'react';
import { Alert, Button, Result, Space, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import type { AccessObjectType, AccessRequest } from '../types';
import AccessRequestModal from './AccessRequestModal';

export default function AccessRefused({
  error,
  objectType,
  objectId,
  backTo,
}: {
  error: ApiError;
  objectType: AccessObjectType;
  objectId: number;
  backTo: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<AccessRequest | null>(null);
  const step = created?.steps[created.current_step]?.name ?? '';
  return (
    <div data-testid="access-refused" data-status={error.status}>
      {created && (
        <Alert
          type="success"
          showIcon
          message={t('access.createdNotice', { id: created.id, step })}
          action={<Link to="/access">{t('access.viewMine')}</Link>}
          data-testid="access-requested"
          style={{ marginBottom: 12 }}
        />
      )}
      <Result
        status={error.status === 404 ? '404' : '403'}
        title={error.status === 404 ? t('access.notFoundTitle') : t('access.refusedTitle')}
        subTitle={
          <Space direction="vertical" size={4}>
            <Typography.Text type="secondary" data-testid="access-refused-detail">
              {error.detail}
            </Typography.Text>
            <Typography.Text type="secondary">{t('access.refusedHelp')}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <Button onClick={() => navigate(backTo)}>{t('common.back')}</Button>
            <Button type="primary" icon={<KeyOutlined />} onClick={() => setOpen(true)} data-testid="request-access">
              {t('access.requestAccess')}
            </Button>
          </Space>
        }
      />
      <AccessRequestModal
        open={open}
        target={{ object_type: objectType, object_id: objectId }}
        onClose={() => setOpen(false)}
        onCreated={(r) => {
          setOpen(false);
          setCreated(r);
        }}
      />
    </div>
  );
}
