-- Patron schema, version 1 (SQLite). Every table of organisation data leads its primary key and
-- indexes with org_id, so data can later be partitioned by organisation. Times are UTC
-- milliseconds since the epoch. Booleans are 0/1.
CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO sequences(name, value) VALUES ('id', 1000);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, created_at INTEGER NOT NULL);

CREATE TABLE departments (
    org_id INTEGER NOT NULL REFERENCES organizations(id), id INTEGER NOT NULL, parent_id INTEGER,
    name TEXT NOT NULL, kind TEXT NOT NULL, function TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id)) WITHOUT ROWID;

CREATE TABLE users (
    org_id INTEGER NOT NULL REFERENCES organizations(id), id INTEGER NOT NULL, username TEXT NOT NULL,
    display_name TEXT NOT NULL, password_hash TEXT NOT NULL, status TEXT NOT NULL, department_id INTEGER NOT NULL,
    phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id)) WITHOUT ROWID;
CREATE UNIQUE INDEX users_username ON users(org_id, username);

CREATE TABLE roles (
    org_id INTEGER NOT NULL REFERENCES organizations(id), code TEXT NOT NULL, name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL, permissions TEXT NOT NULL, builtin INTEGER NOT NULL, version INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (org_id, code)) WITHOUT ROWID;

CREATE TABLE role_assignments (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL,
    department_id INTEGER NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id),
    FOREIGN KEY (org_id, role) REFERENCES roles(org_id, code),
    FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id)) WITHOUT ROWID;
CREATE UNIQUE INDEX role_assignments_user ON role_assignments(org_id, user_id, role, department_id);

-- The token is "<org_id>.<random>"; only its SHA-256 is stored.
CREATE TABLE sessions (
    org_id INTEGER NOT NULL, token_hash TEXT NOT NULL, id INTEGER NOT NULL, user_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER,
    ip TEXT NOT NULL DEFAULT '', user_agent TEXT NOT NULL DEFAULT '', csrf_token TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (org_id, token_hash), FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(org_id, user_id, id);

CREATE TABLE login_failures (org_id INTEGER NOT NULL, username TEXT NOT NULL, ip TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX login_failures_user ON login_failures(org_id, username, at);
CREATE INDEX login_failures_ip ON login_failures(org_id, ip, at);

-- Phones and contacts are stored with their customer (encoded by storage/customer_repo.cpp):
-- they are always read and replaced together, and one row is one read.
CREATE TABLE customers (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,
    customer_type TEXT NOT NULL, special_kind TEXT NOT NULL, category TEXT NOT NULL, name TEXT NOT NULL,
    company_name TEXT NOT NULL, id_number TEXT NOT NULL, enterprise_nature TEXT NOT NULL,
    supervising_unit TEXT NOT NULL, address TEXT NOT NULL, website TEXT NOT NULL, credit_status TEXT NOT NULL,
    grade TEXT NOT NULL, secrecy TEXT NOT NULL, notes TEXT NOT NULL, department_id INTEGER NOT NULL,
    phones TEXT NOT NULL, contacts TEXT NOT NULL,
    owner_id INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, created_by INTEGER,
    PRIMARY KEY (org_id, id), FOREIGN KEY (org_id, department_id) REFERENCES departments(org_id, id)) WITHOUT ROWID;
CREATE INDEX customers_dept_name ON customers(org_id, department_id, name);
CREATE INDEX customers_name ON customers(org_id, name);
CREATE INDEX customers_updated ON customers(org_id, updated_at);

CREATE TABLE vehicles (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, customer_id INTEGER NOT NULL, version INTEGER NOT NULL,
    vin TEXT NOT NULL, plate TEXT NOT NULL, brand TEXT NOT NULL, model TEXT NOT NULL, color TEXT NOT NULL,
    purchase_date TEXT NOT NULL, sold_by_us INTEGER NOT NULL, created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, customer_id, id), FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id)) WITHOUT ROWID;
-- Clustered by customer: a customer's vehicles are read together.
CREATE UNIQUE INDEX vehicles_id ON vehicles(org_id, id);
CREATE UNIQUE INDEX vehicles_vin ON vehicles(org_id, vin);

CREATE TABLE interactions (
    org_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL,
    direction TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, occurred_at INTEGER NOT NULL,
    author_id INTEGER NOT NULL, created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, customer_id, id), FOREIGN KEY (org_id, customer_id) REFERENCES customers(org_id, id))
    WITHOUT ROWID;

CREATE TABLE customer_history (
    org_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, id INTEGER NOT NULL, version INTEGER NOT NULL,
    field TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL, changed_by INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, customer_id, id)) WITHOUT ROWID;

-- Search: the text of each customer (name, company, phones, contacts, plates, VINs), indexed by an
-- FTS5 trigram table for queries of 3+ characters, and by 1- and 2-character grams of the CJK
-- parts (names, companies) for shorter queries, which a trigram index cannot serve.
CREATE TABLE customer_search (
    org_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (org_id, customer_id))
    WITHOUT ROWID;
CREATE VIRTUAL TABLE customer_fts USING fts5(text, org_id UNINDEXED, tokenize = 'trigram');
CREATE TABLE customer_grams (
    org_id INTEGER NOT NULL, gram TEXT NOT NULL, customer_id INTEGER NOT NULL,
    PRIMARY KEY (org_id, gram, customer_id)) WITHOUT ROWID;
CREATE INDEX customer_grams_customer ON customer_grams(org_id, customer_id);

-- Audit log: append-only, hash-chained per organisation (SEC-1; tamper evidence in issue 4).
-- In its own file, attached to every connection as `audit` (sqlite_database.cpp says why). A rowid
-- table: appends to a WITHOUT ROWID table of rows this wide cost several times more.
CREATE TABLE audit.audit_log (
    org_id INTEGER NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, user_id INTEGER, username TEXT NOT NULL,
    action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT NOT NULL, outcome TEXT NOT NULL,
    ip TEXT NOT NULL, user_agent TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    PRIMARY KEY (org_id, seq));
CREATE INDEX audit.audit_log_object ON audit_log(org_id, object_id, seq);
CREATE INDEX audit.audit_log_user ON audit_log(org_id, user_id, seq);

-- Policy settings: current value per key and every earlier one.
CREATE TABLE policy_settings (
    org_id INTEGER NOT NULL, key TEXT NOT NULL, value INTEGER NOT NULL, version INTEGER NOT NULL,
    updated_by INTEGER, updated_at INTEGER NOT NULL, PRIMARY KEY (org_id, key)) WITHOUT ROWID;
CREATE TABLE policy_history (
    org_id INTEGER NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL, value INTEGER NOT NULL,
    updated_by INTEGER, updated_at INTEGER NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (org_id, key, version))
    WITHOUT ROWID;

CREATE TABLE import_jobs (
    org_id INTEGER NOT NULL, id INTEGER NOT NULL, kind TEXT NOT NULL, dry_run INTEGER NOT NULL,
    status TEXT NOT NULL, total INTEGER NOT NULL, processed INTEGER NOT NULL, imported INTEGER NOT NULL,
    errors TEXT NOT NULL, created_by INTEGER NOT NULL, created_at INTEGER NOT NULL, finished_at INTEGER,
    PRIMARY KEY (org_id, id)) WITHOUT ROWID;
