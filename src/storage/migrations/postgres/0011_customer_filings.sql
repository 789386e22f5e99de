-- ARC-10: the filing deadline of each customer entered from now on (customers imported or entered
-- before are not tracked). filed_at: when the basic information form became complete (0: not yet).
CREATE TABLE customer_filings (
    org_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, department_id BIGINT NOT NULL, met_on TEXT NOT NULL,
    due_day TEXT NOT NULL, due_at BIGINT NOT NULL, filed_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, customer_id));
CREATE INDEX customer_filings_open ON customer_filings(org_id, filed_at, due_at);
-- ARC-10: changes reported on the customer information maintenance form: the day the change
-- happened, its deadline, when it was reported and by whom; late = reported after the deadline.
CREATE TABLE customer_change_reports (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, customer_id BIGINT NOT NULL, department_id BIGINT NOT NULL,
    version BIGINT NOT NULL, fields TEXT NOT NULL, changed_on TEXT NOT NULL, due_day TEXT NOT NULL,
    reported_at BIGINT NOT NULL, reported_by BIGINT NOT NULL, late BIGINT NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE INDEX customer_change_reports_late ON customer_change_reports(org_id, late, reported_at);
