-- SEC-3: non-employees registered with their introduction letter or work ID before any access;
-- access requests filed on their behalf name them.
CREATE TABLE visitors (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, organisation TEXT NOT NULL,
    document_kind TEXT NOT NULL, document_number TEXT NOT NULL, purpose TEXT NOT NULL, host_id INTEGER NOT NULL,
    valid_until TEXT NOT NULL, registered_at INTEGER NOT NULL, revoked_at INTEGER NOT NULL, revoked_by INTEGER,
    PRIMARY KEY (org_id, id));
CREATE INDEX visitors_host ON visitors(org_id, host_id, registered_at);
ALTER TABLE access_requests ADD COLUMN visitor_id INTEGER NOT NULL DEFAULT 0;
