-- ARC-4/ARC-6a: the time of an archive's first handover, kept on the archive (written with each
-- handover) and in the penalty index, so the monthly run and the ARC-6h KPIs read their facts from
-- one index range instead of probing the handover book once per archive.
ALTER TABLE archives ADD COLUMN first_handed_at BIGINT NOT NULL DEFAULT 0;
UPDATE archives a SET first_handed_at = h.first_at
    FROM (SELECT org_id, archive_id, MIN(handed_at) AS first_at FROM handovers GROUP BY org_id, archive_id) h
    WHERE a.org_id = h.org_id AND a.id = h.archive_id;
DROP INDEX archives_penalty;
CREATE INDEX archives_penalty ON archives(org_id, event_at, id, kind, department_id, responsible_id, status,
    contact_verified, checked_at, correction_ordered_at, corrected_at, number, visit_ref, first_handed_at);
-- ARC-6i: the keeper's findings that price a correction's repeats, in an index of their own (the
-- run looks them up for the archives with an open correction; most fines are not findings).
CREATE INDEX fines_findings ON fines(org_id, archive_id, day, base_fen)
    WHERE rule IN ('ARC-6b', 'ARC-6e') AND status <> 'waived';
