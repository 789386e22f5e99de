-- SQLite keys its audit index by object by blocks of sequence numbers (see the SQLite migration of
-- the same number): there a commit rewrites every index page it touches in the WAL. PostgreSQL logs
-- row changes, not pages (after a checkpoint's first touch), so its plain index stays.
SELECT 1;
