-- SEC-5: the lending register of paper archives. A loan is entered when the file leaves and
-- closed (注销) when it comes back or is declared lost; never deleted.
CREATE TABLE archive_loans (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, archive_id INTEGER NOT NULL,
    borrower_id INTEGER NOT NULL, grant_id INTEGER NOT NULL, title TEXT NOT NULL, copies INTEGER NOT NULL, reason TEXT NOT NULL,
    borrower_signed INTEGER NOT NULL, lent_by INTEGER NOT NULL, lent_at INTEGER NOT NULL, due_on TEXT NOT NULL,
    returned_at INTEGER NOT NULL, received_by INTEGER, return_condition TEXT NOT NULL, return_note TEXT NOT NULL,
    incident_id INTEGER NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX archive_loans_archive ON archive_loans(org_id, archive_id, lent_at);
-- The register's open part (what is out, what is overdue) stays small however long the book grows.
CREATE INDEX archive_loans_open ON archive_loans(org_id, due_on) WHERE returned_at = 0;
