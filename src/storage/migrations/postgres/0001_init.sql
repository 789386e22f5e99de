-- Patron schema, version 1 (PostgreSQL). Every table of organisation data leads its primary key and
-- indexes with org_id, so data can later be partitioned by organisation. Times are UTC
-- milliseconds since the epoch. Booleans are 0/1.
CREATE TABLE sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO sequences(name, value) VALUES ('id', 1000);

CREATE TABLE organizations (
    id BIGINT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at BIGINT NOT NULL);

CREATE TABLE departments (
    org_id BIGINT NOT NULL REFERENCES organizations(id), id BIGINT NOT NULL, parent_id BIGINT,
    name TEXT NOT NULL, kind TEXT NOT NULL, function TEXT NOT NULL DEFAULT '', version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id));

CREATE TABLE users (
    org_id BIGINT NOT NULL REFERENCES organizations(id), id BIGINT NOT NULL, username TEXT NOT NULL,
    display_name TEXT NOT NULL, password_hash TEXT NOT NULL, status TEXT NOT NULL, department_id BIGINT NOT NULL,
    phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id));
CREATE UNIQUE INDEX users_username ON users(org_id, username);

CREATE TABLE roles (
    org_id BIGINT NOT NULL REFERENCES organizations(id), code TEXT NOT NULL, name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL, permissions TEXT NOT NULL, builtin BIGINT NOT NULL, version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, code));

CREATE TABLE role_assignments (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, user_id BIGINT NOT NULL, role TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id),
    FOREIGN KEY (org_id, role) REFERENCES roles(org_id, code),
    FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id));
CREATE UNIQUE INDEX role_assignments_user ON role_assignments(org_id, user_id, role, department_id);

-- The token is "<org_id>.<random>"; only its SHA-256 is stored.
CREATE TABLE sessions (
    org_id BIGINT NOT NULL, token_hash TEXT NOT NULL, id BIGINT NOT NULL, user_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT,
    ip TEXT NOT NULL DEFAULT '', user_agent TEXT NOT NULL DEFAULT '', csrf_token TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, token_hash), FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id));
CREATE INDEX sessions_user ON sessions(org_id, user_id, id);

CREATE TABLE login_failures (org_id BIGINT NOT NULL, username TEXT NOT NULL, ip TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX login_failures_user ON login_failures(org_id, username, at);
CREATE INDEX login_failures_ip ON login_failures(org_id, ip, at);

-- Phones and contacts are stored with their customer (encoded by storage/customer_repo.cpp):
-- they are always read and replaced together, and one row is one read.
CREATE TABLE customers (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL, kind TEXT NOT NULL,
    customer_type TEXT NOT NULL, special_kind TEXT NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL,
    company_name TEXT NOT NULL, id_number TEXT NOT NULL, enterprise_nature TEXT NOT NULL,
    supervising_unit TEXT NOT NULL, address TEXT NOT NULL, website TEXT NOT NULL, credit_status TEXT NOT NULL,
    grade TEXT NOT NULL, secrecy TEXT NOT NULL, notes TEXT NOT NULL, department_id BIGINT NOT NULL,
    phones TEXT NOT NULL, contacts TEXT NOT NULL,
    owner_id BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, created_by BIGINT,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id));
CREATE INDEX customers_dept_name ON customers(org_id, department_id, name);
CREATE INDEX customers_name ON customers(org_id, name);
CREATE INDEX customers_updated ON customers(org_id, updated_at);

CREATE TABLE vehicles (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, customer_id BIGINT NOT NULL, version BIGINT NOT NULL,
    vin TEXT NOT NULL, plate TEXT NOT NULL, brand TEXT NOT NULL, model TEXT NOT NULL, color TEXT NOT NULL,
    purchase_date TEXT NOT NULL, sold_by_us BIGINT NOT NULL, created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, customer_id, id), FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id));
-- Clustered by customer: a customer's vehicles are read together.
CREATE UNIQUE INDEX vehicles_id ON vehicles(org_id, id);
CREATE UNIQUE INDEX vehicles_vin ON vehicles(org_id, vin);

CREATE TABLE interactions (
    org_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, id BIGINT NOT NULL, kind TEXT NOT NULL,
    direction TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, occurred_at BIGINT NOT NULL,
    author_id BIGINT NOT NULL, created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, customer_id, id), FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id))
   ;

CREATE TABLE customer_history (
    org_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, id BIGINT NOT NULL, version BIGINT NOT NULL,
    field TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL, changed_by BIGINT NOT NULL,
    changed_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, customer_id, id));

-- Search: the text of each customer (name, company, phones, contacts, plates, VINs), indexed by an
-- pg_trgm GIN index for queries of 3+ characters, and by 1- and 2-character grams of the CJK
-- parts (names, companies) for shorter queries, which a trigram index cannot serve.
CREATE TABLE customer_search (
    org_id BIGINT NOT NULL, customer_id BIGINT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (org_id, customer_id))
   ;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX customer_search_trgm ON customer_search USING gin (text gin_trgm_ops);
CREATE TABLE customer_grams (
    org_id BIGINT NOT NULL, gram TEXT NOT NULL, customer_id BIGINT NOT NULL,
    PRIMARY KEY (org_id, gram, customer_id));
CREATE INDEX customer_grams_customer ON customer_grams(org_id, customer_id);

-- Audit log: append-only, hash-chained per organisation (SEC-1; tamper evidence in issue 4).
CREATE TABLE audit_log (
    org_id BIGINT NOT NULL, seq BIGINT NOT NULL, at BIGINT NOT NULL, user_id BIGINT, username TEXT NOT NULL,
    action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL, outcome TEXT NOT NULL,
    ip TEXT NOT NULL, user_agent TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    PRIMARY KEY (org_id, seq));
CREATE INDEX audit_log_object ON audit_log(org_id, object_id, seq);
CREATE INDEX audit_log_user ON audit_log(org_id, user_id, seq);

-- Policy settings: current value per key and every earlier one.
CREATE TABLE policy_settings (
    org_id BIGINT NOT NULL, key TEXT NOT NULL, value BIGINT NOT NULL, version BIGINT NOT NULL,
    updated_by BIGINT, updated_at BIGINT NOT NULL, PRIMARY KEY (org_id, key));
CREATE TABLE policy_history (
    org_id BIGINT NOT NULL, key TEXT NOT NULL, version BIGINT NOT NULL, value BIGINT NOT NULL,
    updated_by BIGINT, updated_at BIGINT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (org_id, key, version))
   ;

CREATE TABLE import_jobs (
    org_id BIGINT NOT NULL, id BIGINT NOT NULL, kind TEXT NOT NULL, dry_run BIGINT NOT NULL,
    status TEXT NOT NULL, total BIGINT NOT NULL, processed BIGINT NOT NULL, imported BIGINT NOT NULL,
    errors TEXT NOT NULL, created_by BIGINT NOT NULL, created_at BIGINT NOT NULL, finished_at BIGINT,
    PRIMARY KEY (org_id, id));
