-- SEC-11: customer statistics reports. A report counts the customers of its department's subtree
-- along items of a fixed catalogue (domain/report.hpp); aggregates only, no personal data.
CREATE TABLE customer_reports (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, title TEXT NOT NULL, department_id INTEGER NOT NULL,
    items TEXT NOT NULL, created_by INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_by INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id));
CREATE INDEX customer_reports_department ON customer_reports(org_id, department_id, id);
-- SEC-11: item changes (kind change) and distributions (kind distribution, with the snapshot the
-- approvers see and the recipient department receives), each with its chain as it was when asked.
-- Decided, never deleted.
CREATE TABLE customer_report_requests (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, report_id INTEGER NOT NULL, kind TEXT NOT NULL,
    requester_id INTEGER NOT NULL, requester_department_id INTEGER NOT NULL, report_department_id INTEGER NOT NULL,
    title TEXT NOT NULL, items TEXT NOT NULL, previous_items TEXT NOT NULL, recipient_department_id INTEGER NOT NULL,
    note TEXT NOT NULL, snapshot TEXT NOT NULL, computed_at INTEGER NOT NULL, steps TEXT NOT NULL, status TEXT NOT NULL,
    created_at INTEGER NOT NULL, decided_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, report_id) REFERENCES customer_reports(org_id, id));
CREATE INDEX customer_report_requests_report ON customer_report_requests(org_id, report_id, kind, status);
CREATE INDEX customer_report_requests_status ON customer_report_requests(org_id, kind, status, created_at);
CREATE INDEX customer_report_requests_requester ON customer_report_requests(org_id, requester_id, created_at);
CREATE INDEX customer_report_requests_recipient
    ON customer_report_requests(org_id, recipient_department_id, status, created_at);
-- One decision per step; never changed.
CREATE TABLE customer_report_decisions (
    org_id INTEGER NOT NULL, request_id INTEGER NOT NULL, step INTEGER NOT NULL, approver_id INTEGER NOT NULL, decision TEXT NOT NULL,
    comment TEXT NOT NULL, decided_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, request_id, step));
-- The built-in roles of organisations created before get the new permissions here, once
-- (domain/organization.cpp, DefaultRoles); an administrator's later changes stand.
UPDATE roles SET permissions = permissions || ' report.prepare', version = version + 1
    WHERE code IN ('general_manager', 'customer_director', 'customer_service_manager', 'customer_info_supervisor', 'sales_director', 'cr_manager', 'customer_resource_director')
    AND ' ' || permissions || ' ' NOT LIKE '% report.prepare %';
UPDATE roles SET permissions = permissions || ' report.read', version = version + 1
    WHERE code IN ('general_manager', 'customer_director', 'customer_service_manager', 'supervisor', 'customer_info_supervisor', 'info_specialist', 'sales_director', 'cr_manager', 'cr_specialist', 'customer_resource_director', 'exec_committee_chair')
    AND ' ' || permissions || ' ' NOT LIKE '% report.read %';
