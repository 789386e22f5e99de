-- SEC-2/SEC-3/SEC-4: the organisation's approval chains, one per kind (own_department,
-- other_department, classified); steps as records of name, scope and roles (storage/records.hpp).
CREATE TABLE approval_chains (
    org_id BIGINT NOT NULL, kind TEXT NOT NULL, steps TEXT NOT NULL, version BIGINT NOT NULL, updated_by BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, kind));
-- SEC-2: access requests, with the chain as it was when made and the record's facts then.
CREATE TABLE access_requests (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, requester_id BIGINT NOT NULL,
    requester_department_id BIGINT NOT NULL, object_type TEXT NOT NULL, object_id BIGINT NOT NULL,
    object_department_id BIGINT NOT NULL, object_secrecy TEXT NOT NULL, actions TEXT NOT NULL, purpose TEXT NOT NULL,
    reason TEXT NOT NULL, days BIGINT NOT NULL, steps TEXT NOT NULL, status TEXT NOT NULL, created_at BIGINT NOT NULL,
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE INDEX access_requests_requester ON access_requests(org_id, requester_id, created_at);
CREATE INDEX access_requests_status ON access_requests(org_id, status, created_at);
-- One decision per step; never changed.
CREATE TABLE access_request_decisions (
    org_id BIGINT NOT NULL, request_id BIGINT NOT NULL, step BIGINT NOT NULL, approver_id BIGINT NOT NULL,
    decision TEXT NOT NULL, comment TEXT NOT NULL, decided_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, request_id, step));
-- SEC-4/SEC-12: grants (from an approved request, or a general manager's authorisation); revoked,
-- never deleted.
CREATE TABLE access_grants (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, grantee_id BIGINT NOT NULL, object_type TEXT NOT NULL, object_id BIGINT NOT NULL,
    actions TEXT NOT NULL, valid_from BIGINT NOT NULL, valid_until BIGINT NOT NULL, kind TEXT NOT NULL, request_id BIGINT,
    granted_by BIGINT NOT NULL, reason TEXT NOT NULL, revoked_at BIGINT NOT NULL, revoked_by BIGINT,
    revoke_reason TEXT NOT NULL, created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id));
CREATE INDEX access_grants_grantee ON access_grants(org_id, grantee_id, object_type, object_id, valid_until);
CREATE INDEX access_grants_object ON access_grants(org_id, object_type, object_id);
-- SEC-12: the general manager authorises access without a request (access.authorise).
UPDATE roles SET permissions = permissions || ' access.authorise', version = version + 1
    WHERE code = 'general_manager' AND ' ' || permissions || ' ' NOT LIKE '% access.authorise %';
