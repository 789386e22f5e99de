-- ARC-6: one violation, one fine. A fine's key names its archive (ARC-6a:<archive>, ARC-6i:<archive>:<day>,
-- ...) or one of its incidents (ARC-6g:<incident>), so a key unique within its archive is unique:
-- one index now keeps the rule and answers the
-- fines of an archive, where two did (fines_key, fines_archive_rule). The monthly run writes up to
-- hundreds of thousands of fines at once, and each index is one more B-tree insert per fine.
CREATE UNIQUE INDEX fines_archive_key ON fines(org_id, archive_id, key);
DROP INDEX fines_key;
DROP INDEX fines_archive_rule;
-- ARC-6i: the archives whose correction is still open (or was made this month) are candidates of
-- every run however old they are; their facts now come from this index alone instead of one table
-- lookup each (about 10,000 random reads of a 3 GB file took 0.45 s in bench/archives.sh).
CREATE INDEX archives_open_correction ON archives(org_id, corrected_at, event_at, id, kind, department_id,
    responsible_id, status, contact_verified, checked_at, correction_ordered_at, number, visit_ref, first_handed_at)
    WHERE correction_ordered_at > 0;
DROP INDEX archives_correction;
