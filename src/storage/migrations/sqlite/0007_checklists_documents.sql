-- ARC-3: an organisation's own checklist templates (the shipped lists apply until an administrator
-- saves one). items encoded as in storage/records.hpp (code, title_zh, title_en,
-- needs_customer_signature, needs_internal_signature, optional).
CREATE TABLE checklist_templates (
    org_id INTEGER NOT NULL, kind TEXT NOT NULL, items TEXT NOT NULL, version INTEGER NOT NULL,
    updated_by INTEGER, updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, kind));
-- ARC-1: scanned documents of an archive. The bytes live in the blob store under sha256; a row is
-- written only after its bytes are durable. Withdrawn documents stay (nothing is deleted);
-- purged = 1 when ARC-12 destruction removed the bytes.
CREATE TABLE archive_documents (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, archive_id INTEGER NOT NULL, item_code TEXT NOT NULL,
    filename TEXT NOT NULL, content_type TEXT NOT NULL, size_bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
    uploaded_by INTEGER NOT NULL, uploaded_at INTEGER NOT NULL, withdrawn_by INTEGER, withdrawn_at INTEGER NOT NULL,
    withdrawn_reason TEXT NOT NULL, purged INTEGER NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX archive_documents_archive ON archive_documents(org_id, archive_id);
CREATE INDEX archive_documents_sha256 ON archive_documents(sha256);
