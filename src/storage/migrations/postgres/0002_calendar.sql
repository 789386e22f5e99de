-- The organisation's working-day calendar (docs/calendar.md). An organisation without a row in
-- calendars uses the shipped default (Asia/Shanghai, Saturday and Sunday, the mainland China
-- schedule); its first change stores the default and then the change.
CREATE TABLE calendars (
    org_id BIGINT PRIMARY KEY REFERENCES organizations(id), time_zone TEXT NOT NULL, weekend TEXT NOT NULL,
    version BIGINT NOT NULL, updated_by BIGINT, updated_at BIGINT NOT NULL);
-- Marks overriding the weekly pattern: holidays and make-up working days (调休). day is YYYY-MM-DD.
CREATE TABLE calendar_days (
    org_id BIGINT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (org_id, day));
