-- SEC-4: a search by a user holding grants reads their grants in force as a subquery; with every
-- column it tests in the index, that is one index range without a table lookup per grant.
DROP INDEX access_grants_grantee;
CREATE INDEX access_grants_grantee
    ON access_grants(org_id, grantee_id, object_type, object_id, valid_until, valid_from, revoked_at, actions);
