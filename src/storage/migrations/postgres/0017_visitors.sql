-- SEC-3: non-employees registered with their introduction letter or work ID before any access;
-- access requests filed on their behalf name them.
CREATE TABLE visitors (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL, organisation TEXT NOT NULL,
    document_kind TEXT NOT NULL, document_number TEXT NOT NULL, purpose TEXT NOT NULL, host_id BIGINT NOT NULL,
    valid_until TEXT NOT NULL, registered_at BIGINT NOT NULL, revoked_at BIGINT NOT NULL, revoked_by BIGINT,
    PRIMARY KEY (org_id, id));
CREATE INDEX visitors_host ON visitors(org_id, host_id, registered_at);
ALTER TABLE access_requests ADD COLUMN visitor_id BIGINT NOT NULL DEFAULT 0;
