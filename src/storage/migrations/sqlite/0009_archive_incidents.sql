-- ARC-6g: files of an archive lost or damaged, why, and who is responsible.
CREATE TABLE archive_incidents (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, archive_id INTEGER NOT NULL, kind TEXT NOT NULL, cause TEXT NOT NULL,
    responsible_id INTEGER NOT NULL, files INTEGER NOT NULL, occurred_on TEXT NOT NULL, description TEXT NOT NULL,
    recorded_by INTEGER NOT NULL, recorded_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX archive_incidents_archive ON archive_incidents(org_id, archive_id);
