-- ARC-6 fines: proposed by the penalty engine, confirmed or waived by the customer director;
-- never deleted (a proposal whose facts no longer hold is withdrawn). key: the violation's
-- identity (rule, archive, item or day), so no violation is fined twice.
CREATE TABLE fines (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, key TEXT NOT NULL, rule TEXT NOT NULL,
    person_id INTEGER NOT NULL, department_id INTEGER NOT NULL, archive_id INTEGER NOT NULL,
    offender_kind TEXT NOT NULL, day TEXT NOT NULL, month TEXT NOT NULL, base_fen INTEGER NOT NULL,
    ordinal INTEGER NOT NULL, multiplier INTEGER NOT NULL, amount_fen INTEGER NOT NULL, facts TEXT NOT NULL,
    arithmetic TEXT NOT NULL, status TEXT NOT NULL, decided_by INTEGER, decided_at INTEGER, reason TEXT NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE UNIQUE INDEX fines_key ON fines(org_id, key);
CREATE INDEX fines_month ON fines(org_id, month, person_id);
CREATE INDEX fines_archive ON fines(org_id, archive_id);
