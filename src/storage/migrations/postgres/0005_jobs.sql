-- The job runner (src/jobs/): one row per job, organisation and period. A process claims a period
-- by inserting its row (or by taking over an expired lease of a process that died mid-run); the
-- unique key makes a job run once per period however many servers share the database.
CREATE TABLE job_runs (
    org_id BIGINT NOT NULL, job TEXT NOT NULL, period TEXT NOT NULL, owner TEXT NOT NULL,
    started_at BIGINT NOT NULL, lease_until BIGINT NOT NULL, finished_at BIGINT, result TEXT NOT NULL,
    PRIMARY KEY (org_id, job, period));
