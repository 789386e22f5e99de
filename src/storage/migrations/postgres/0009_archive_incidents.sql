-- ARC-6g: files of an archive lost or damaged, why, and who is responsible.
CREATE TABLE archive_incidents (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, archive_id BIGINT NOT NULL, kind TEXT NOT NULL, cause TEXT NOT NULL,
    responsible_id BIGINT NOT NULL, files BIGINT NOT NULL, occurred_on TEXT NOT NULL, description TEXT NOT NULL,
    recorded_by BIGINT NOT NULL, recorded_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX archive_incidents_archive ON archive_incidents(org_id, archive_id);
