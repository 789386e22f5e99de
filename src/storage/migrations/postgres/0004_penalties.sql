-- ARC-6 fines: proposed by the penalty engine, confirmed or waived by the customer director;
-- never deleted (a proposal whose facts no longer hold is withdrawn). key: the violation's
-- identity (rule, archive, item or day), so no violation is fined twice.
CREATE TABLE fines (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, key TEXT NOT NULL, rule TEXT NOT NULL,
    person_id BIGINT NOT NULL, department_id BIGINT NOT NULL, archive_id BIGINT NOT NULL,
    offender_kind TEXT NOT NULL, day TEXT NOT NULL, month TEXT NOT NULL, base_fen BIGINT NOT NULL,
    ordinal BIGINT NOT NULL, multiplier BIGINT NOT NULL, amount_fen BIGINT NOT NULL, facts TEXT NOT NULL,
    arithmetic TEXT NOT NULL, status TEXT NOT NULL, decided_by BIGINT, decided_at BIGINT, reason TEXT NOT NULL,
    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE UNIQUE INDEX fines_key ON fines(org_id, key);
CREATE INDEX fines_month ON fines(org_id, month, person_id);
CREATE INDEX fines_archive ON fines(org_id, archive_id);
