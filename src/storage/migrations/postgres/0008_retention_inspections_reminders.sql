-- ARC-12: destruction records. Never deleted or purged: what was destroyed (one line per archive,
-- as it was when proposed), why, proposed by whom, approved or rejected by whom, when.
CREATE TABLE archive_destructions (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,
    proposed_by BIGINT NOT NULL, proposed_at BIGINT NOT NULL, decided_by BIGINT, decided_at BIGINT NOT NULL,
    decision_reason TEXT NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE TABLE archive_destruction_lines (
    org_id BIGINT NOT NULL, destruction_id BIGINT NOT NULL, archive_id BIGINT NOT NULL, number TEXT NOT NULL,
    kind TEXT NOT NULL, customer_name TEXT NOT NULL, vin TEXT NOT NULL, event_at BIGINT NOT NULL,
    retention_until TEXT NOT NULL, documents BIGINT NOT NULL,
    PRIMARY KEY (org_id, destruction_id, archive_id),
    FOREIGN KEY (org_id, destruction_id) REFERENCES archive_destructions(org_id, id));
CREATE INDEX archive_destruction_lines_archive ON archive_destruction_lines(org_id, archive_id);
-- ARC-11: half-yearly inspections of the archive storage.
CREATE TABLE storage_inspections (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, inspected_on TEXT NOT NULL, inspector_id BIGINT NOT NULL,
    location TEXT NOT NULL, damp BIGINT NOT NULL, mould BIGINT NOT NULL, pests BIGINT NOT NULL,
    damaged_files BIGINT NOT NULL, findings TEXT NOT NULL, repairs TEXT NOT NULL, created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE INDEX storage_inspections_day ON storage_inspections(org_id, inspected_on);
-- Reminders the job runner raises (ARC-11 inspection due, ARC-12 destruction list, ARC-10 overdue
-- filings) and resolves when their condition clears. key: one reminder per occasion.
CREATE TABLE reminders (
    org_id BIGINT NOT NULL, reminder_key TEXT NOT NULL, rule TEXT NOT NULL, permission TEXT NOT NULL,
    subject TEXT NOT NULL, detail TEXT NOT NULL, link TEXT NOT NULL, due_on TEXT NOT NULL,
    created_at BIGINT NOT NULL, resolved_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, reminder_key));
CREATE INDEX reminders_open ON reminders(org_id, resolved_at);
-- The general manager approves destructions (ARC-12, SEC-12); existing organisations' role too.
UPDATE roles SET permissions = permissions || ' archive.destroy', version = version + 1
    WHERE code = 'general_manager' AND ' ' || permissions || ' ' NOT LIKE '% archive.destroy %';
