-- SEC-10: reported (possible) leaks of customer information with their remedial actions; closed,
-- never deleted.
CREATE TABLE breach_incidents (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, severity TEXT NOT NULL, title TEXT NOT NULL,
    description TEXT NOT NULL, records TEXT NOT NULL, occurred_on TEXT NOT NULL, reported_by INTEGER NOT NULL,
    reported_at INTEGER NOT NULL, status TEXT NOT NULL, summary TEXT NOT NULL, closed_by INTEGER, closed_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE TABLE breach_actions (
    org_id INTEGER NOT NULL, incident_id INTEGER NOT NULL, id INTEGER NOT NULL, description TEXT NOT NULL,
    owner_id INTEGER NOT NULL, due_on TEXT NOT NULL, done_at INTEGER NOT NULL, result TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, incident_id, id));
-- SEC-10: the customer information supervisor and the customer service manager are told at once.
UPDATE roles SET permissions = permissions || ' incident.manage', version = version + 1
    WHERE code IN ('customer_info_supervisor', 'customer_service_manager')
    AND ' ' || permissions || ' ' NOT LIKE '% incident.manage %';
