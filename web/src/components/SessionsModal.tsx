import { useCallback, useEffect, useState } from 'react';
import { App, Button, Modal, Table, Tag } from 'antd';
import { api, asItems, ApiError } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { fmtTime } from '../format';
import type { SessionInfo } from '../types';

export default function SessionsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const [items, setItems] = useState<SessionInfo[]>([]);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(asItems<SessionInfo>(await api.get('/auth/sessions')));
    } catch (e) {
      message.error((e as ApiError).detail ?? String(e));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    if (open) load();
  }, [open, load]);

  const end = async (s: SessionInfo) => {
    try {
      await api.del(`/auth/sessions/${s.id}`);
      message.success(t('sessions.ended'));
      if (s.current) {
        onClose();
        await logout();
        return;
      }
      load();
    } catch (e) {
      message.error((e as ApiError).detail ?? String(e));
    }
  };

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={960} title={t('sessions.title')} destroyOnClose>
      <Table<SessionInfo>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="sessions-table"
        columns={[
          { title: t('sessions.createdAt'), dataIndex: 'created_at', render: fmtTime },
          { title: t('sessions.lastSeenAt'), dataIndex: 'last_seen_at', render: fmtTime },
          { title: t('sessions.expiresAt'), dataIndex: 'expires_at', render: fmtTime },
          { title: t('sessions.ip'), dataIndex: 'ip' },
          { title: t('sessions.userAgent'), dataIndex: 'user_agent', ellipsis: true },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, s) => (
              <>
                {s.current && <Tag color="green">{t('sessions.current')}</Tag>}
                <Button size="small" danger onClick={() => end(s)} data-testid="end-session">
                  {t('sessions.end')}
                </Button>
              </>
            ),
          },
        ]}
      />
    </Modal>
  );
}
