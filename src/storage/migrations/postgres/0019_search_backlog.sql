-- Issue 2 (import speed): an import commits its customers without their search index rows and
-- records their id range here; the search indexer (app/search_indexer.cpp) indexes the range in
-- chunks after the commit, and until it has, a search matches the range's customers on their own
-- columns (storage/customer_repo.cpp, Search).
CREATE TABLE search_backlog (
    org_id BIGINT NOT NULL, first_id BIGINT NOT NULL, last_id BIGINT NOT NULL,
    PRIMARY KEY (org_id, first_id));
