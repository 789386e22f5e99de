// patron_benchgen: the benchmark dataset. From one seed it generates a dealer group ("bench") with
// N customers, their vehicles, interactions (the ARC-13 timeline) and "created" history entries,
// and writes, all from the same stream of generated customers:
//   --database URL  Patron's schema and data, through the storage repositories (the same code the
//                   server and the importer use), in large transactions, ids from Tx::ReserveIds;
//   --bare-db PATH  the bare reference server's table customers(id, name, phone, plate, city) with
//                   the same ids and values;
//   --csv PATH      an import file of --csv-rows further customers (one vehicle each; the VINs come
//                   from the same generator, so they never collide with the database's);
//   --queries PATH  search queries sampled from the loaded customers, one "kind<TAB>query" a line;
//   --meta PATH     shell assignments (BENCH_FIRST_ID, BENCH_CUSTOMERS, ...) for bench/run.sh.
// Or, with --copy-from sqlite:PATH, it copies a database it generated before, table by table, into
// the freshly migrated --database (PostgreSQL): the same rows, made by the same repository code,
// without a network round trip per statement (customer by customer, PostgreSQL loads only a few
// hundred customers a second on a 2-core machine).
// The administrator's password comes from PATRON_BENCH_PASSWORD. Same seed, same data.
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "app/admin_service.hpp"
#include "app/audit_writer.hpp"
#include "app/context.hpp"
#include "app/csv.hpp"
#include "app/demo_seed.hpp"
#include "app/import_service.hpp"
#include "common/crypto.hpp"
#include "domain/demo_data.hpp"
#include "domain/formats.hpp"
#include "domain/search.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace patron::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct Options {
    std::string database_url;
    std::string org_code = "bench";
    std::int64_t customers = 20000;
    double vehicles_per_customer = 1.5;
    double interactions_per_customer = 5;
    std::uint64_t seed = 20261127;
    std::int64_t batch = 10000;
    int writers = 1;
    std::string bare_db;
    std::string csv;
    std::int64_t csv_rows = -1;  // -1: as many as --customers
    std::string queries;
    int query_count = 1000;
    std::string meta;
    std::string copy_from;
    int rows_per_insert = 500;
};

// Every customer belongs to one of these departments and is owned by its staff member.
struct Owner {
    const char* department;
    const char* username;
    const char* display_name;
    const char* role;
};
constexpr Owner kOwners[] = {
    {"北京店销售部", "sales1", "冯销售顾问", "sales_consultant"},
    {"上海店销售部", "sales2", "陈销售顾问", "sales_consultant"},
    {"北京店售后服务部", "advisor1", "褚服务顾问", "service_advisor"},
    {"上海店售后服务部", "advisor2", "秦服务顾问", "service_advisor"},
};
constexpr std::size_t kOwnerCount = sizeof(kOwners) / sizeof(kOwners[0]);

constexpr const char* kSubjects[] = {"新车交付回访",
                                     "保养提醒电话",
                                     "投诉处理进展告知",
                                     "节日问候",
                                     "续保咨询",
                                     "试驾邀请",
                                     "车辆年检提醒",
                                     "满意度调查"};
constexpr const char* kBodies[] = {
    "", "客户表示满意。", "约定下周到店。", "客户暂无需求，三个月后再联系。", "已转交售后服务部处理。"};
constexpr const char* kKinds[] = {"call", "letter", "fax", "visit", "email", "note", "meeting"};
constexpr const char* kDirections[] = {"inbound", "outbound"};

// One customer with what hangs off it, before ids are assigned.
struct GeneratedCustomer {
    domain::Customer customer;
    std::vector<domain::Vehicle> vehicles;
    std::vector<domain::Interaction> interactions;
    std::int64_t history_id = 0;  // of the "created" history entry
    std::size_t owner_idx = 0;
};

// The deterministic stream of customers. Not thread-safe.
class CustomerStream {
public:
    CustomerStream(const Options& options, Timestamp now) : gen_(options.seed), options_(options), now_(now) {}

    GeneratedCustomer Next(std::size_t owner_idx) {
        GeneratedCustomer out;
        out.owner_idx = owner_idx;
        domain::Customer& c = out.customer;
        c = gen_.MakeCustomer();
        c.version = 1;
        c.created_at = now_ - static_cast<Timestamp>(gen_.Uniform(30, 3 * 365)) * kDayMs;
        c.updated_at = c.created_at + static_cast<Timestamp>(gen_.Uniform(0, 29)) * kDayMs;
        std::int64_t n_vehicles = Count(options_.vehicles_per_customer);
        while (static_cast<std::int64_t>(out.vehicles.size()) < n_vehicles) {
            for (auto& v : gen_.MakeVehicles()) out.vehicles.push_back(std::move(v));
        }
        out.vehicles.resize(static_cast<std::size_t>(n_vehicles));
        for (auto& v : out.vehicles) {
            v.version = 1;
            v.created_at = c.created_at;
        }
        std::int64_t n_interactions = Count(options_.interactions_per_customer);
        for (std::int64_t interaction_idx = 0; interaction_idx < n_interactions; ++interaction_idx) {
            domain::Interaction i;
            i.kind = kKinds[gen_.Uniform(0, std::size(kKinds) - 1)];
            i.direction = kDirections[gen_.Uniform(0, std::size(kDirections) - 1)];
            i.subject = kSubjects[gen_.Uniform(0, std::size(kSubjects) - 1)];
            i.body = kBodies[gen_.Uniform(0, std::size(kBodies) - 1)];
            Timestamp span = std::max<Timestamp>(now_ - c.created_at, kDayMs);
            i.occurred_at = c.created_at + static_cast<Timestamp>(gen_.Uniform(0, static_cast<std::uint64_t>(span)));
            i.created_at = i.occurred_at;
            out.interactions.push_back(std::move(i));
        }
        return out;
    }

    // A customer for the import file: one vehicle, nothing else.
    GeneratedCustomer NextForImport(std::size_t owner_idx) {
        GeneratedCustomer out;
        out.owner_idx = owner_idx;
        out.customer = gen_.MakeCustomer();
        auto vehicles = gen_.MakeVehicles();
        out.vehicles.push_back(std::move(vehicles.front()));
        return out;
    }

private:
    // floor(mean), plus one with probability frac(mean).
    std::int64_t Count(double mean) {
        double whole = std::floor(mean);
        auto extra_per_million = static_cast<std::uint64_t>((mean - whole) * 1e6);
        return static_cast<std::int64_t>(whole) + (gen_.Uniform(0, 999999) < extra_per_million ? 1 : 0);
    }

    domain::DemoDataGenerator gen_;
    const Options& options_;
    Timestamp now_;
};

// The city of an address ("广东省深圳市南山区..." -> "深圳市", "北京市朝阳区..." -> "北京市").
std::string CityOf(const std::string& address) {
    static const std::string kProvince = "省";
    static const std::string kRegion = "自治区";
    static const std::string kCity = "市";
    std::size_t start = 0;
    if (auto p = address.find(kProvince); p != std::string::npos) {
        start = p + kProvince.size();
    } else if (auto r = address.find(kRegion); r != std::string::npos) {
        start = r + kRegion.size();
    }
    auto end = address.find(kCity, start);
    if (end == std::string::npos) return "";
    return address.substr(start, end + kCity.size() - start);
}

std::string FirstMobile(const domain::Customer& c) {
    for (const auto& p : c.phones) {
        if (domain::IsMobile(p.number)) return p.number;
    }
    return "";
}

// The bare reference server's table. Not thread-safe.
class BareDbWriter {
public:
    explicit BareDbWriter(const std::string& path) {
        std::remove(path.c_str());
        std::remove((path + "-wal").c_str());
        std::remove((path + "-shm").c_str());
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Fail("open " + path);
        Exec(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
            "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, phone TEXT, plate TEXT, city TEXT);"
            "BEGIN;");
        if (sqlite3_prepare_v2(db_,
                               "INSERT INTO customers(id, name, phone, plate, city) VALUES (?1, ?2, ?3, ?4, ?5)",
                               -1,
                               &insert_,
                               nullptr) != SQLITE_OK) {
            Fail("prepare");
        }
    }
    ~BareDbWriter() {
        sqlite3_finalize(insert_);
        sqlite3_close(db_);
    }
    BareDbWriter(const BareDbWriter&) = delete;
    BareDbWriter& operator=(const BareDbWriter&) = delete;

    void Add(const domain::Customer& c, const std::vector<domain::Vehicle>& vehicles) {
        std::string phone = c.phones.empty() ? std::string() : c.phones.front().number;
        std::string plate = vehicles.empty() ? std::string() : vehicles.front().plate;
        std::string city = CityOf(c.address);
        sqlite3_bind_int64(insert_, 1, c.id.value);
        sqlite3_bind_text(insert_, 2, c.name.data(), static_cast<int>(c.name.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert_, 3, phone.data(), static_cast<int>(phone.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert_, 4, plate.data(), static_cast<int>(plate.size()), SQLITE_STATIC);
        sqlite3_bind_text(insert_, 5, city.data(), static_cast<int>(city.size()), SQLITE_STATIC);
        if (sqlite3_step(insert_) != SQLITE_DONE) Fail("insert");
        sqlite3_reset(insert_);
    }

    void Finish() { Exec("COMMIT; PRAGMA wal_checkpoint(TRUNCATE);"); }

private:
    void Exec(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail(sql);
    }
    [[noreturn]] void Fail(const std::string& what) {
        throw std::runtime_error("bare db: " + what + ": " + sqlite3_errmsg(db_));
    }
    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
};

// What the query sampler keeps of a customer.
struct Sample {
    std::string name;
    std::string mobile;
    std::string plate;
    std::string company;
};

// Reservoir sample of loaded customers, from which the search queries are drawn. Not thread-safe.
class QuerySampler {
public:
    explicit QuerySampler(std::uint64_t seed) : rng_(seed ^ 0x9e3779b97f4a7c15ULL) {}

    void Offer(const domain::Customer& c, const std::vector<domain::Vehicle>& vehicles) {
        ++seen_;
        std::size_t slot = pool_.size();
        if (pool_.size() >= kPoolSize) {
            slot = Below(seen_);
            if (slot >= kPoolSize) return;
        } else {
            pool_.emplace_back();
        }
        Sample& s = pool_[slot];
        s.name = c.name;
        s.mobile = FirstMobile(c);
        s.plate = vehicles.empty() ? std::string() : vehicles.front().plate;
        s.company = c.kind == "company" ? c.company_name : std::string();
    }

    // "kind<TAB>query" lines: 1-char surnames, 2-char names (王芳), 3+ char names, 4–7 digit phone
    // fragments, plate prefixes (京A12), company-name fragments of 2–6 characters.
    std::vector<std::string> Queries(int count) {
        struct Kind {
            const char* name;
            int percent;
        };
        static constexpr Kind kKinds[] = {{"surname_1", 15},
                                          {"name_2", 20},
                                          {"name_3plus", 15},
                                          {"phone_digits", 20},
                                          {"plate", 15},
                                          {"company", 15}};
        std::vector<std::string> out;
        if (pool_.empty()) return out;
        int assigned = 0;
        for (std::size_t kind_idx = 0; kind_idx < std::size(kKinds); ++kind_idx) {
            const Kind& kind = kKinds[kind_idx];
            int n = kind_idx + 1 == std::size(kKinds) ? count - assigned : count * kind.percent / 100;
            assigned += n;
            for (int made = 0, attempts = 0; made < n && attempts < n * 1000; ++attempts) {
                std::string q = Make(kind.name, pool_[Below(pool_.size())]);
                if (q.empty()) continue;
                out.push_back(std::string(kind.name) + "\t" + q);
                ++made;
            }
        }
        // Interleave the kinds so a slow phase of the server does not hit one kind only.
        for (std::size_t query_idx = out.size(); query_idx > 1; --query_idx) {
            std::swap(out[query_idx - 1], out[Below(query_idx)]);
        }
        return out;
    }

    std::size_t Below(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

private:
    static std::string Join(const std::vector<std::string>& cps, std::size_t from, std::size_t n) {
        std::string out;
        for (std::size_t cp_idx = from; cp_idx < from + n && cp_idx < cps.size(); ++cp_idx) out += cps[cp_idx];
        return out;
    }

    std::string Make(std::string_view kind, const Sample& s) {
        auto name = domain::CodePoints(s.name);
        if (kind == "surname_1") return name.empty() ? "" : name.front();
        if (kind == "name_2") return name.size() == 2 ? s.name : "";
        if (kind == "name_3plus") return name.size() >= 3 ? s.name : "";
        if (kind == "phone_digits") {
            if (s.mobile.size() < 7) return "";
            std::size_t len = 4 + Below(4);
            return s.mobile.substr(Below(s.mobile.size() - len + 1), len);
        }
        if (kind == "plate") {
            auto plate = domain::CodePoints(s.plate);
            if (plate.size() < 5) return "";
            return Join(plate, 0, 3 + Below(3));  // 京A1, 京A12, 京A123
        }
        if (kind == "company") {
            auto company = domain::CodePoints(s.company);
            if (company.size() < 6) return "";
            std::size_t len = 2 + Below(5);
            return Join(company, Below(company.size() - len + 1), len);
        }
        return "";
    }

    static constexpr std::size_t kPoolSize = 5000;
    std::mt19937_64 rng_;
    std::vector<Sample> pool_;
    std::size_t seen_ = 0;
};

struct Batch {
    std::vector<GeneratedCustomer> customers;
};

// Writer threads: each takes a batch and writes it in one transaction. The queue is bounded so
// generation stays at most two batches ahead. The first failure stops everything.
class BatchWriter {
public:
    BatchWriter(storage::Store& store, OrgId org, int writers) : store_(store), org_(org) {
        for (int writer_idx = 0; writer_idx < writers; ++writer_idx) threads_.emplace_back([this] { Run(); });
    }
    ~BatchWriter() { Finish(); }
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    void Push(Batch batch) {
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [&] { return queue_.size() < 2 || failure_; });
        if (failure_) std::rethrow_exception(failure_);
        queue_.push_back(std::move(batch));
        ready_.notify_one();
    }

    // Waits for every batch to be written; rethrows the first failure.
    void Finish() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            done_ = true;
            ready_.notify_all();
        }
        for (auto& t : threads_) {
            if (t.joinable()) t.join();
        }
        if (failure_) {
            auto failure = failure_;
            failure_ = nullptr;
            std::rethrow_exception(failure);
        }
    }

private:
    void Run() {
        for (;;) {
            Batch batch;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                ready_.wait(lock, [&] { return !queue_.empty() || done_ || failure_; });
                if (failure_ || queue_.empty()) return;
                batch = std::move(queue_.front());
                queue_.pop_front();
                space_.notify_one();
            }
            try {
                Write(batch);
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex_);
                if (!failure_) failure_ = std::current_exception();
                ready_.notify_all();
                space_.notify_all();
                return;
            }
        }
    }

    void Write(const Batch& batch) {
        auto tx = store_.Write();
        auto& repo = tx->customers();
        for (const auto& g : batch.customers) {
            repo.InsertCustomer(g.customer);
            for (const auto& v : g.vehicles) repo.InsertVehicle(v);
            repo.IndexCustomer(g.customer, g.vehicles, storage::CustomerRepo::IndexMode::kNewDeferTrigrams);
            for (const auto& i : g.interactions) repo.InsertInteraction(i);
            repo.InsertHistory(org_,
                               {{g.history_id,
                                 g.customer.id,
                                 1,
                                 "created",
                                 "",
                                 g.customer.name,
                                 g.customer.owner_id,
                                 "",
                                 g.customer.created_at}});
        }
        // The trigram index of the whole batch in one statement, as an import does.
        if (!batch.customers.empty()) {
            CustomerId first = batch.customers.front().customer.id;
            CustomerId last = first;
            for (const auto& g : batch.customers) {
                first = std::min(first, g.customer.id);
                last = std::max(last, g.customer.id);
            }
            repo.IndexTrigrams(org_, first, last);
        }
        tx->Commit();
    }

    storage::Store& store_;
    OrgId org_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::condition_variable space_;
    std::deque<Batch> queue_;     // GUARDED_BY(mutex_)
    bool done_ = false;           // GUARDED_BY(mutex_)
    std::exception_ptr failure_;  // GUARDED_BY(mutex_)
    std::vector<std::thread> threads_;
};

struct OrgSetup {
    OrgId org;
    std::vector<DepartmentId> owner_departments;  // by owner index
    std::vector<UserId> owner_users;              // by owner index
};

OrgSetup CreateOrg(app::AppContext& ctx, const Options& options, const std::string& password) {
    app::SetupService setup(ctx);
    if (setup.FindOrganization(options.org_code)) {
        throw std::runtime_error("organisation '" + options.org_code +
                                 "' exists already: generate into a fresh database");
    }
    auto created =
        setup.CreateOrganization({options.org_code, "华信汽车集团（基准测试）", "admin", "系统管理员", password});
    if (!created.ok()) throw std::runtime_error("create organisation: " + created.error().message);
    OrgSetup out;
    out.org = created->org.id;
    std::unordered_map<std::string, DepartmentId> departments{{"", created->root.id}};
    const std::string hash = crypto::HashPassword(password, ctx.password_cost);
    const Timestamp now = ctx.clock.Now();
    auto tx = ctx.store.Write();
    for (const auto& d : app::DemoDepartments()) {
        domain::Department dept{
            DepartmentId(tx->NextId()), out.org, departments.at(d.parent), d.name, d.kind, d.function, 1};
        tx->org().InsertDepartment(dept);
        departments[d.name] = dept.id;
    }
    for (const Owner& owner : kOwners) {
        domain::User user;
        user.org_id = out.org;
        user.id = UserId(tx->NextId());
        user.username = owner.username;
        user.display_name = owner.display_name;
        user.password_hash = hash;
        user.department_id = departments.at(owner.department);
        user.created_at = now;
        user.version = 1;
        tx->org().InsertUser(user);
        tx->org().InsertAssignment(out.org, {tx->NextId(), user.id, owner.role, user.department_id});
        out.owner_departments.push_back(user.department_id);
        out.owner_users.push_back(user.id);
    }
    tx->Commit();
    return out;
}

void WriteCsvRow(std::ofstream& out, const GeneratedCustomer& g) {
    const domain::Customer& c = g.customer;
    const domain::Vehicle& v = g.vehicles.front();
    const Owner& owner = kOwners[g.owner_idx];
    const std::string phone = c.phones.empty() ? std::string() : c.phones.front().number;
    const std::string fields[] = {c.name,
                                  c.kind,
                                  c.customer_type,
                                  c.category,
                                  c.company_name,
                                  c.id_number,
                                  phone,
                                  c.address,
                                  owner.department,
                                  owner.username,
                                  v.plate,
                                  v.vin,
                                  v.brand,
                                  v.model,
                                  v.purchase_date,
                                  c.notes};
    for (std::size_t field_idx = 0; field_idx < std::size(fields); ++field_idx) {
        if (field_idx > 0) out << ',';
        out << app::CsvField(fields[field_idx]);
    }
    out << '\n';
}

// Copies every table of a Patron SQLite database (except SQLite's own FTS tables and the migration
// bookkeeping) into `store`, in one transaction, with multi-row INSERTs through the storage driver.
// The tables are created in dependency order, so creation order is a safe insertion order.
void CopyFromSqlite(const std::string& sqlite_path, storage::Store& store, int rows_per_insert) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(sqlite_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db);
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + sqlite_path + ": " + message);
    }
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db_guard(db, &sqlite3_close);
    auto prepare = [&](const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            throw std::runtime_error("sqlite: " + sql + ": " + sqlite3_errmsg(db));
        }
        return std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>(stmt, &sqlite3_finalize);
    };
    std::vector<std::string> tables;
    {
        auto stmt = prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE "
            "'customer_fts%' AND name <> 'schema_migrations' ORDER BY rowid");
        while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
            tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0)));
        }
    }
    auto tx = store.Write();
    for (auto table = tables.rbegin(); table != tables.rend(); ++table) tx->sql().Exec("DELETE FROM " + *table);
    for (const auto& table : tables) {
        const auto table_started = SteadyClock::now();
        std::vector<std::string> columns;
        {
            auto stmt = prepare("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
            while (sqlite3_step(stmt.get()) == SQLITE_ROW) {
                columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0)));
            }
        }
        std::string column_list;
        for (const auto& column : columns) column_list += (column_list.empty() ? "" : ", ") + column;
        const std::size_t n_columns = columns.size();
        const std::size_t batch_rows =
            std::max<std::size_t>(1, std::min<std::size_t>(rows_per_insert, 30000 / n_columns));
        auto insert_sql = [&](std::size_t rows) {
            std::string sql = "INSERT INTO " + table + "(" + column_list + ") VALUES ";
            for (std::size_t row_idx = 0; row_idx < rows; ++row_idx) {
                sql += row_idx ? ", (" : "(";
                for (std::size_t col_idx = 0; col_idx < n_columns; ++col_idx) {
                    sql += (col_idx ? ", ?" : "?") + std::to_string(row_idx * n_columns + col_idx + 1);
                }
                sql += ")";
            }
            return sql;
        };
        const std::string full_batch_sql = insert_sql(batch_rows);
        std::vector<std::string> texts(batch_rows * n_columns);
        std::vector<storage::Param> params;
        params.reserve(batch_rows * n_columns);
        std::size_t rows_in_batch = 0;
        std::int64_t copied = 0;
        auto flush = [&] {
            if (rows_in_batch == 0) return;
            tx->sql().Exec(rows_in_batch == batch_rows ? full_batch_sql : insert_sql(rows_in_batch), params);
            copied += static_cast<std::int64_t>(rows_in_batch);
            params.clear();
            rows_in_batch = 0;
        };
        auto select = prepare("SELECT " + column_list + " FROM " + table);
        while (sqlite3_step(select.get()) == SQLITE_ROW) {
            for (std::size_t col_idx = 0; col_idx < n_columns; ++col_idx) {
                const int column = static_cast<int>(col_idx);
                switch (sqlite3_column_type(select.get(), column)) {
                    case SQLITE_NULL:
                        params.emplace_back(nullptr);
                        break;
                    case SQLITE_INTEGER:
                        params.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(select.get(), column)));
                        break;
                    default: {
                        std::string& text = texts[rows_in_batch * n_columns + col_idx];
                        const auto* bytes = sqlite3_column_text(select.get(), column);
                        text.assign(reinterpret_cast<const char*>(bytes),
                                    static_cast<std::size_t>(sqlite3_column_bytes(select.get(), column)));
                        params.emplace_back(std::string_view(text));
                    }
                }
            }
            if (++rows_in_batch == batch_rows) flush();
        }
        flush();
        std::printf("  %-18s %10lld rows  %6.1f s\n",
                    table.c_str(),
                    static_cast<long long>(copied),
                    SecondsSince(table_started));
        std::fflush(stdout);
    }
    auto commit_started = SteadyClock::now();
    tx->Commit();
    std::printf("  commit %.1f s\n", SecondsSince(commit_started));
}

int Copy(const Options& options) {
    const auto started = SteadyClock::now();
    const std::string prefix = "sqlite:";
    if (options.copy_from.rfind(prefix, 0) != 0) throw std::runtime_error("--copy-from takes sqlite:PATH");
    if (options.database_url.empty()) throw std::runtime_error("--copy-from needs --database");
    storage::Store store(storage::OpenDatabase(options.database_url));
    storage::Migrate(store.database());
    CopyFromSqlite(options.copy_from.substr(prefix.size()), store, options.rows_per_insert);
    const double seconds = SecondsSince(started);
    std::printf(
        "copied %s into %s in %.1f s\n", options.copy_from.c_str(), store.database().Describe().c_str(), seconds);
    if (!options.meta.empty()) {
        std::ofstream out(options.meta, std::ios::trunc);
        out << "BENCH_COPY_SECONDS=" << seconds << "\n";
    }
    return 0;
}

int Run(const Options& options) {
    crypto::InitCrypto();
    if (!options.copy_from.empty()) return Copy(options);
    const auto started = SteadyClock::now();
    SystemClock clock;
    const Timestamp now = clock.Now();
    CustomerStream stream(options, now);
    QuerySampler sampler(options.seed);
    std::unique_ptr<BareDbWriter> bare;
    if (!options.bare_db.empty()) bare = std::make_unique<BareDbWriter>(options.bare_db);

    std::unique_ptr<storage::Store> store;
    std::unique_ptr<app::AuditWriter> audit;
    std::unique_ptr<app::PolicyCache> policy;
    std::unique_ptr<app::PrincipalCache> principals;
    std::unique_ptr<app::DirectoryCache> directory;
    std::unique_ptr<app::SessionCache> sessions;
    std::unique_ptr<app::AppContext> ctx;
    OrgSetup org;
    std::int64_t first_customer_id = 1;
    std::int64_t next_other_id = 0;
    if (!options.database_url.empty()) {
        const char* password = std::getenv("PATRON_BENCH_PASSWORD");
        if (password == nullptr || *password == '\0') throw std::runtime_error("set PATRON_BENCH_PASSWORD");
        store = std::make_unique<storage::Store>(storage::OpenDatabase(options.database_url));
        int applied = storage::Migrate(store->database());
        std::printf("migrated %s (%d migrations) in %.1f s\n",
                    store->database().Describe().c_str(),
                    applied,
                    SecondsSince(started));
        audit = std::make_unique<app::AuditWriter>(*store, clock);
        policy = std::make_unique<app::PolicyCache>(*store, clock);
        principals = std::make_unique<app::PrincipalCache>(*store, clock);
        directory = std::make_unique<app::DirectoryCache>(*store, clock);
        sessions = std::make_unique<app::SessionCache>(*store, clock);
        ctx = std::make_unique<app::AppContext>(app::AppContext{
            *store, clock, *audit, *policy, *principals, *directory, *sessions, crypto::PasswordCost{}});
        org = CreateOrg(*ctx, options, password);
        audit->Flush();
        // One block of ids for everything: customers first (so they are one contiguous range, which
        // the wrk scripts draw from), then vehicles, interactions and history entries. Unused ids at the end are lost.
        const auto per_customer = [](double mean) { return static_cast<std::int64_t>(std::ceil(mean)); };
        const std::int64_t n = options.customers;
        const std::int64_t needed =
            n * (2 + per_customer(options.vehicles_per_customer) + per_customer(options.interactions_per_customer));
        auto tx = store->Write();
        first_customer_id = tx->ReserveIds(needed);
        tx->Commit();
        next_other_id = first_customer_id + n;
    }

    // --- the customers of the database -------------------------------------------------------------
    const auto load_started = SteadyClock::now();
    std::int64_t n_vehicles = 0;
    std::int64_t n_interactions = 0;
    {
        std::unique_ptr<BatchWriter> writer;
        if (store) writer = std::make_unique<BatchWriter>(*store, org.org, options.writers);
        Batch batch;
        for (std::int64_t customer_idx = 0; customer_idx < options.customers; ++customer_idx) {
            GeneratedCustomer g = stream.Next(static_cast<std::size_t>(customer_idx) % kOwnerCount);
            domain::Customer& c = g.customer;
            c.id = CustomerId(first_customer_id + customer_idx);
            if (store) {
                c.org_id = org.org;
                c.department_id = org.owner_departments[g.owner_idx];
                c.owner_id = org.owner_users[g.owner_idx];
                c.created_by = c.owner_id;
                for (auto& v : g.vehicles) {
                    v.org_id = org.org;
                    v.id = VehicleId(next_other_id++);
                    v.customer_id = c.id;
                }
                g.history_id = next_other_id++;
                for (auto& i : g.interactions) {
                    i.org_id = org.org;
                    i.id = InteractionId(next_other_id++);
                    i.customer_id = c.id;
                    i.author_id = c.owner_id;
                }
            }
            n_vehicles += static_cast<std::int64_t>(g.vehicles.size());
            n_interactions += static_cast<std::int64_t>(g.interactions.size());
            if (bare) bare->Add(c, g.vehicles);
            sampler.Offer(c, g.vehicles);
            if (writer) {
                batch.customers.push_back(std::move(g));
                if (static_cast<std::int64_t>(batch.customers.size()) >= options.batch) {
                    writer->Push(std::move(batch));
                    batch = Batch{};
                }
            }
            if ((customer_idx + 1) % 100000 == 0) {
                std::printf(
                    "  %lld customers, %.1f s\n", static_cast<long long>(customer_idx + 1), SecondsSince(load_started));
                std::fflush(stdout);
            }
        }
        if (writer) {
            if (!batch.customers.empty()) writer->Push(std::move(batch));
            writer->Finish();
        }
    }
    const double load_seconds = SecondsSince(load_started);
    std::printf(
        "%s %lld customers, %lld vehicles, %lld interactions, %lld history entries in %.1f s "
        "(%.0f customers/s)\n",
        store ? "loaded" : "generated",
        static_cast<long long>(options.customers),
        static_cast<long long>(n_vehicles),
        static_cast<long long>(n_interactions),
        static_cast<long long>(store ? options.customers : 0),
        load_seconds,
        static_cast<double>(options.customers) / std::max(load_seconds, 1e-9));
    if (bare) {
        auto bare_started = SteadyClock::now();
        bare->Finish();
        bare.reset();
        std::printf("bare db %s written (%.1f s to commit)\n", options.bare_db.c_str(), SecondsSince(bare_started));
    }
    if (audit) audit->Stop();

    // --- the import file: further customers from the same generator ---------------------------------
    if (!options.csv.empty()) {
        auto csv_started = SteadyClock::now();
        std::ofstream out(options.csv, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + options.csv);
        const auto& columns = app::ImportColumns();
        for (std::size_t col_idx = 0; col_idx < columns.size(); ++col_idx)
            out << (col_idx ? "," : "") << columns[col_idx];
        out << '\n';
        const std::int64_t rows = options.csv_rows >= 0 ? options.csv_rows : options.customers;
        for (std::int64_t row_idx = 0; row_idx < rows; ++row_idx) {
            WriteCsvRow(out, stream.NextForImport(static_cast<std::size_t>(row_idx) % kOwnerCount));
        }
        out.close();
        if (!out) throw std::runtime_error("cannot write " + options.csv);
        std::printf("import file %s: %lld rows (%.1f s)\n",
                    options.csv.c_str(),
                    static_cast<long long>(rows),
                    SecondsSince(csv_started));
    }

    if (!options.queries.empty()) {
        std::ofstream out(options.queries, std::ios::binary | std::ios::trunc);
        auto queries = sampler.Queries(options.query_count);
        for (const auto& q : queries) out << q << '\n';
        if (!out) throw std::runtime_error("cannot write " + options.queries);
        std::printf("queries %s: %zu\n", options.queries.c_str(), queries.size());
    }

    if (!options.meta.empty()) {
        std::ofstream out(options.meta, std::ios::trunc);
        out << "BENCH_ORG=" << options.org_code << "\n"
            << "BENCH_FIRST_ID=" << first_customer_id << "\n"
            << "BENCH_CUSTOMERS=" << options.customers << "\n"
            << "BENCH_VEHICLES=" << n_vehicles << "\n"
            << "BENCH_INTERACTIONS=" << n_interactions << "\n"
            << "BENCH_LOAD_SECONDS=" << load_seconds << "\n";
        if (!out) throw std::runtime_error("cannot write " + options.meta);
    }
    std::printf("done in %.1f s\n", SecondsSince(started));
    return 0;
}

}  // namespace
}  // namespace patron::bench

int main(int argc, char** argv) {
    patron::bench::Options options;
    CLI::App cli{"patron_benchgen: generate the benchmark dataset"};
    cli.add_option("--database", options.database_url, "Patron database URL (sqlite:PATH or postgresql://...)");
    cli.add_option("--org", options.org_code, "organisation code")->capture_default_str();
    cli.add_option("--customers", options.customers, "customers to load")->capture_default_str();
    cli.add_option("--vehicles-per-customer", options.vehicles_per_customer)->capture_default_str();
    cli.add_option("--interactions-per-customer", options.interactions_per_customer)->capture_default_str();
    cli.add_option("--seed", options.seed)->capture_default_str();
    cli.add_option("--batch", options.batch, "customers per transaction")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--writers", options.writers, "writer threads (connections)")
        ->capture_default_str()
        ->check(CLI::Range(1, 16));
    cli.add_option("--bare-db", options.bare_db, "also write the bare server's SQLite table here");
    cli.add_option("--csv", options.csv, "also write an import CSV of further customers here");
    cli.add_option("--csv-rows", options.csv_rows, "rows of the import CSV (default: --customers)");
    cli.add_option("--queries", options.queries, "also write search queries (kind<TAB>query) here");
    cli.add_option("--query-count", options.query_count)->capture_default_str();
    cli.add_option("--meta", options.meta, "write BENCH_* shell assignments here");
    cli.add_option("--copy-from",
                   options.copy_from,
                   "instead of generating, copy this generated database (sqlite:PATH) into --database");
    cli.add_option("--rows-per-insert", options.rows_per_insert, "rows per INSERT when copying")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    CLI11_PARSE(cli, argc, argv);
    try {
        return patron::bench::Run(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "patron_benchgen: %s\n", e.what());
        return 1;
    }
}
