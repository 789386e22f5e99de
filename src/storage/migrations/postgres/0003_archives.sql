-- Customer archives (ARC-1 … ARC-5, ARC-8, ARC-14). items: the keeper's checklist record,
-- encoded as in storage/records.hpp (code, state, customer_signed, internal_signed, defect).
CREATE TABLE archives (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, number TEXT NOT NULL,
    kind TEXT NOT NULL, customer_id BIGINT NOT NULL, vehicle_id BIGINT NOT NULL, department_id BIGINT NOT NULL,
    responsible_id BIGINT NOT NULL, event_at BIGINT NOT NULL, visit_ref TEXT NOT NULL,
    contact_verified BIGINT NOT NULL, status TEXT NOT NULL, cabinet TEXT NOT NULL, shelf TEXT NOT NULL,
    bag TEXT NOT NULL, items TEXT NOT NULL, confirmed_by BIGINT, confirmed_at BIGINT,
    checked_at BIGINT NOT NULL, correction_ordered_at BIGINT NOT NULL, corrected_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, created_by BIGINT,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id),
    FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id));
CREATE UNIQUE INDEX archives_number ON archives(org_id, number);
CREATE INDEX archives_customer ON archives(org_id, customer_id);
-- ARC-1: one vehicle, one (new-car) archive; after-sales archives are one per visit.
CREATE UNIQUE INDEX archives_new_car ON archives(org_id, vehicle_id) WHERE kind = 'new_car';
CREATE INDEX archives_vehicle ON archives(org_id, vehicle_id);
CREATE INDEX archives_event ON archives(org_id, event_at);
-- ARC-6i: archives with a correction ordered and not yet made.
CREATE INDEX archives_correction ON archives(org_id, corrected_at, correction_ordered_at);
-- Archive numbers: one sequence per organisation, kind and year.
CREATE TABLE archive_sequences (
    org_id BIGINT NOT NULL, kind TEXT NOT NULL, year BIGINT NOT NULL, value BIGINT NOT NULL,
    PRIMARY KEY (org_id, kind, year));
-- ARC-5: the handover sign-off book. Lists of item codes separated by commas.
CREATE TABLE handovers (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, archive_id BIGINT NOT NULL, sender_id BIGINT NOT NULL,
    receiver_id BIGINT NOT NULL, handed_at BIGINT NOT NULL, items_handed TEXT NOT NULL,
    items_missing TEXT NOT NULL, sender_signed BIGINT NOT NULL, receiver_signed BIGINT NOT NULL,
    notes TEXT NOT NULL, due_at BIGINT NOT NULL, late_days BIGINT NOT NULL, explanation TEXT NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX handovers_archive ON handovers(org_id, archive_id);
CREATE INDEX handovers_time ON handovers(org_id, handed_at);
