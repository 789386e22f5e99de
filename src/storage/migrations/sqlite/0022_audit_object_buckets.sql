-- Issue 2 (customer reads ≥ 50 % of the bare server): every read of a customer appends an audit
-- entry, and the index by object took one entry per read at a random place: each of the audit
-- writer's commits (a few hundred entries, every 20 ms under load) rewrote as many index pages in
-- the WAL, about a third of the read path's CPU. Keyed by the entry's block of 16,384 sequence
-- numbers first, an entry lands among the hundred-odd pages of the current block, which the commits
-- keep rewriting anyway. A search by object seeks once per block, newest first, until its page is full
-- (storage/audit_repo.cpp): at most 600 seeks for 10 million entries.
DROP INDEX audit.audit_log_object;
CREATE INDEX audit.audit_log_object ON audit_log(org_id, seq >> 14, object_id, seq);
