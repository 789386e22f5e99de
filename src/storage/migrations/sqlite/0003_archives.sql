-- Customer archives (ARC-1 … ARC-5, ARC-8, ARC-14). items: the keeper's checklist record,
-- encoded as in storage/records.hpp (code, state, customer_signed, internal_signed, defect).
CREATE TABLE archives (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, number TEXT NOT NULL,
    kind TEXT NOT NULL, customer_id INTEGER NOT NULL, vehicle_id INTEGER NOT NULL, department_id INTEGER NOT NULL,
    responsible_id INTEGER NOT NULL, event_at INTEGER NOT NULL, visit_ref TEXT NOT NULL,
    contact_verified INTEGER NOT NULL, status TEXT NOT NULL, cabinet TEXT NOT NULL, shelf TEXT NOT NULL,
    bag TEXT NOT NULL, items TEXT NOT NULL, confirmed_by INTEGER, confirmed_at INTEGER,
    checked_at INTEGER NOT NULL, correction_ordered_at INTEGER NOT NULL, corrected_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, created_by INTEGER,
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
    org_id INTEGER NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL, value INTEGER NOT NULL,
    PRIMARY KEY (org_id, kind, year));
-- ARC-5: the handover sign-off book. Lists of item codes separated by commas.
CREATE TABLE handovers (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, archive_id INTEGER NOT NULL, sender_id INTEGER NOT NULL,
    receiver_id INTEGER NOT NULL, handed_at INTEGER NOT NULL, items_handed TEXT NOT NULL,
    items_missing TEXT NOT NULL, sender_signed INTEGER NOT NULL, receiver_signed INTEGER NOT NULL,
    notes TEXT NOT NULL, due_at INTEGER NOT NULL, late_days INTEGER NOT NULL, explanation TEXT NOT NULL,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, archive_id) REFERENCES archives(org_id, id));
CREATE INDEX handovers_archive ON handovers(org_id, archive_id);
CREATE INDEX handovers_time ON handovers(org_id, handed_at);
