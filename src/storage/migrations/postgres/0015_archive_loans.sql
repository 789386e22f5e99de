-- SEC-5: the lending register of paper archives. A loan is entered when the file leaves and
-- closed (注销) when it comes back or is declared lost; never deleted.
CREATE TABLE archive_loans (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, archive_id BIGINT NOT NULL,
    borrower_id BIGINT NOT NULL, grant_id BIGINT NOT NULL, title TEXT NOT NULL, copies BIGINT NOT NULL, reason TEXT NOT NULL,
    borrower_signed BIGINT NOT NULL, lent_by BIGINT NOT NULL, lent_at BIGINT NOT NULL, due_on TEXT NOT NULL,
    returned_at BIGINT NOT NULL, received_by BIGINT, return_condition TEXT NOT NULL, return_note TEXT NOT NULL,
    incident_id BIGINT NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX archive_loans_archive ON archive_loans(org_id, archive_id, lent_at);
-- The register's open part (what is out, what is overdue) stays small however long the book grows.
CREATE INDEX archive_loans_open ON archive_loans(org_id, due_on) WHERE returned_at = 0;
