-- The ARC-6 run and the ARC-6h KPIs read, for each archive of a month, a few columns and the time
-- of its first handover: covering indexes answer both without touching the tables.
CREATE INDEX archives_penalty ON archives(org_id, event_at, id, kind, department_id, responsible_id, status,
    contact_verified, checked_at, correction_ordered_at, corrected_at, number, visit_ref);
DROP INDEX archives_event;
CREATE INDEX handovers_archive_time ON handovers(org_id, archive_id, handed_at);
DROP INDEX handovers_archive;
-- ARC-6i: the findings of the checks that ordered corrections, by archive, from the index alone.
CREATE INDEX fines_archive_rule ON fines(org_id, archive_id, rule, status, day, base_fen);
DROP INDEX fines_archive;
