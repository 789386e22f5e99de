#include "app/import_service.hpp"

#include <algorithm>
#include <sstream>
#include <unordered_set>

#include "app/audit_writer.hpp"
#include "app/csv.hpp"
#include "app/search_indexer.hpp"
#include "domain/formats.hpp"
#include "domain/masking.hpp"
#include "domain/validation.hpp"
#include "storage/migrations.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

struct ColumnAlias {
    const char* column;
    std::vector<const char*> aliases;  // not an initializer_list: that would dangle
};

const std::vector<ColumnAlias>& Aliases() {
    static const std::vector<ColumnAlias> kAliases = {
        {"name", {"name", "姓名", "客户名称", "客户姓名"}},
        {"kind", {"kind", "客户性质", "个人/单位"}},
        {"customer_type", {"customer_type", "客户类型"}},
        {"category", {"category", "客户类别", "类别"}},
        {"company_name", {"company_name", "公司名称", "单位名称"}},
        {"id_number", {"id_number", "证件号码", "身份证号", "身份证号码"}},
        {"phone", {"phone", "电话", "手机", "联系电话"}},
        {"address", {"address", "地址"}},
        {"department", {"department", "部门", "所属部门"}},
        {"owner_username", {"owner_username", "负责人", "负责人账号"}},
        {"plate", {"plate", "车牌", "车牌号"}},
        {"vin", {"vin", "VIN", "车架号"}},
        {"brand", {"brand", "品牌"}},
        {"model", {"model", "车型"}},
        {"purchase_date", {"purchase_date", "购车日期"}},
        {"notes", {"notes", "备注"}},
    };
    return kAliases;
}

// Chinese values a user may type for the enumerations.
std::string Canonical(const std::string& column, const std::string& value) {
    static const std::vector<std::tuple<const char*, const char*, const char*>> kValues = {
        {"kind", "个人", "individual"},
        {"kind", "单位", "company"},
        {"kind", "公司", "company"},
        {"customer_type", "一般", "general"},
        {"customer_type", "特殊", "special"},
        {"category", "目标", "target"},
        {"category", "一般", "general"},
        {"category", "重点", "key"},
        {"category", "潜在", "potential"},
    };
    for (const auto& [col, from, to] : kValues) {
        if (column == col && value == from) return to;
    }
    return value;
}

std::string ErrorsText(const std::vector<ImportError>& errors) {
    std::string out;
    for (const auto& e : errors) out += std::to_string(e.line) + "\t" + e.field + "\t" + e.message + "\n";
    return out;
}

std::vector<ImportError> ParseErrorsText(const std::string& text) {
    std::vector<ImportError> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto tab1 = line.find('\t');
        auto tab2 = line.find('\t', tab1 + 1);
        if (tab1 == std::string::npos || tab2 == std::string::npos) continue;
        out.push_back(
            {std::stoul(line.substr(0, tab1)), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)});
    }
    return out;
}

struct ParsedRow {
    domain::Customer customer;
    std::optional<domain::Vehicle> vehicle;
    std::int64_t history_id = 0;
};

}  // namespace

const std::vector<std::string>& ImportColumns() {
    static const std::vector<std::string> kColumns = [] {
        std::vector<std::string> out;
        for (const auto& a : Aliases()) out.emplace_back(a.column);
        return out;
    }();
    return kColumns;
}

ImportService::~ImportService() { Shutdown(); }

void ImportService::Shutdown() {
    std::vector<std::thread> threads;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& t : threads) {
        if (t.joinable()) t.join();
    }
}

Expected<ImportReport> ImportService::Run(const Caller& caller,
                                          std::string_view bytes,
                                          bool dry_run,
                                          const ProgressFn& progress) {
    if (!caller.principal.Has(kCustomerImport)) {
        ctx_.audit.Record(AuditFor(caller, "customer.import", "import", "", "denied"));
        return Forbidden("import customers");
    }
    if (bytes.size() > kMaxImportBytes) return MakeError(ErrorCode::kPayloadTooLarge, "the file is too large");
    ImportReport report;
    report.dry_run = dry_run;
    report.created_at = ctx_.clock.Now();
    auto text = DecodeToUtf8(bytes);
    if (!text) return MakeError(ErrorCode::kInvalidArgument, "the file is neither UTF-8 nor GB18030 text", "file");
    std::string parse_error;
    auto rows = ParseCsv(*text, &parse_error);
    if (!rows) return MakeError(ErrorCode::kInvalidArgument, parse_error, "file");
    if (rows->empty()) return MakeError(ErrorCode::kInvalidArgument, "the file has no header row", "file");

    // Header -> column index.
    std::unordered_map<std::string, std::size_t> column_of;
    const auto& header = rows->front().fields;
    for (std::size_t col_idx = 0; col_idx < header.size(); ++col_idx) {
        std::string name = header[col_idx];
        domain::Trim(name);
        bool known = false;
        for (const auto& alias : Aliases()) {
            for (const char* a : alias.aliases) {
                if (name == a) {
                    column_of[alias.column] = col_idx;
                    known = true;
                }
            }
        }
        if (!known) report.errors.push_back({1, name, "unknown column; expected the columns of the template"});
    }
    if (!column_of.count("name")) report.errors.push_back({1, "name", "the name column is required"});
    if (!column_of.count("department")) report.errors.push_back({1, "department", "the department column is required"});
    report.total = static_cast<std::int64_t>(rows->size()) - 1;
    if (!report.errors.empty()) {
        report.status = "invalid";
        return report;
    }

    std::unordered_map<std::string, DepartmentId> departments;
    std::unordered_map<std::string, UserId> users;
    std::unordered_set<std::string> vins_in_db;
    {
        auto tx = ctx_.store.Read();
        for (const auto& d : tx->org().ListDepartments(caller.org())) departments[d.name] = d.id;
        for (const auto& u : tx->org().ListUsers(caller.org())) users[u.username] = u.id;
    }
    auto cell = [&](const CsvRow& row, const char* column) -> std::string {
        auto it = column_of.find(column);
        if (it == column_of.end() || it->second >= row.fields.size()) return {};
        std::string v = row.fields[it->second];
        domain::Trim(v);
        return Canonical(column, v);
    };
    std::vector<ParsedRow> parsed;
    parsed.reserve(rows->size());
    std::unordered_map<std::string, std::size_t> vin_lines;
    auto add_error = [&](std::size_t line, std::string field, std::string message) {
        if (report.errors.size() < kMaxReportedErrors)
            report.errors.push_back({line, std::move(field), std::move(message)});
    };
    std::size_t bad_rows = 0;
    for (std::size_t row_idx = 1; row_idx < rows->size(); ++row_idx) {
        const CsvRow& row = (*rows)[row_idx];
        bool row_bad = false;
        auto fail = [&](std::string field, std::string message) {
            row_bad = true;
            add_error(row.line, std::move(field), std::move(message));
        };
        if (row.fields.size() > header.size()) fail("", "the row has more fields than the header");
        ParsedRow p;
        domain::Customer& c = p.customer;
        c.org_id = caller.org();
        c.name = cell(row, "name");
        if (auto v = cell(row, "kind"); !v.empty()) c.kind = v;
        if (auto v = cell(row, "customer_type"); !v.empty()) c.customer_type = v;
        if (auto v = cell(row, "category"); !v.empty()) c.category = v;
        c.company_name = cell(row, "company_name");
        c.id_number = cell(row, "id_number");
        c.address = cell(row, "address");
        c.notes = cell(row, "notes");
        if (auto v = cell(row, "phone"); !v.empty()) {
            c.phones.push_back({domain::IsMobile(v) ? "mobile" : "landline", v, ""});
        }
        std::string department = cell(row, "department");
        auto dept = departments.find(department);
        if (dept == departments.end()) {
            fail("department", "no department named '" + department + "'");
        } else {
            c.department_id = dept->second;
            if (!caller.principal.HasIn(kCustomerImport, c.department_id) ||
                !caller.principal.HasIn(kCustomerCreate, c.department_id)) {
                fail("department", "you may not import customers into " + department);
            }
        }
        if (auto owner = cell(row, "owner_username"); !owner.empty()) {
            auto u = users.find(owner);
            if (u == users.end()) {
                fail("owner_username", "no user '" + owner + "'");
            } else {
                c.owner_id = u->second;
            }
        }
        if (!c.department_id.valid()) c.department_id = DepartmentId(1);  // checked above; keep validation quiet
        Status valid = domain::ValidateCustomer(c);
        if (!valid.ok()) {
            for (const auto& e : valid.error().details) {
                std::string field = e.field == "phones[0].number" ? "phone" : e.field;
                if (field != "department_id") fail(field, e.message);
            }
        }
        std::string vin = cell(row, "vin");
        if (!vin.empty() || !cell(row, "plate").empty()) {
            domain::Vehicle v;
            v.org_id = caller.org();
            v.vin = vin;
            v.plate = cell(row, "plate");
            v.brand = cell(row, "brand");
            v.model = cell(row, "model");
            v.purchase_date = cell(row, "purchase_date");
            Status vehicle_valid = domain::ValidateVehicle(v);
            if (!vehicle_valid.ok()) {
                for (const auto& e : vehicle_valid.error().details) fail(e.field, e.message);
            } else {
                auto [it, inserted] = vin_lines.emplace(v.vin, row.line);
                if (!inserted) fail("vin", "the same VIN is on line " + std::to_string(it->second));
            }
            p.vehicle = std::move(v);
        }
        if (row_bad) {
            ++bad_rows;
        } else {
            parsed.push_back(std::move(p));
        }
        report.processed = static_cast<std::int64_t>(row_idx);
        if (progress && row_idx % 1000 == 0) progress(report.processed, report.total * 3);
    }
    {
        // VINs already registered, looked up in sorted order (one walk along the VIN index).
        std::vector<std::string> vins;
        vins.reserve(vin_lines.size());
        for (const auto& [vin, line] : vin_lines) vins.push_back(vin);
        std::sort(vins.begin(), vins.end());
        auto registered = ctx_.store.Read()->customers().RegisteredVins(caller.org(), vins);
        for (const auto& vin : registered) {
            add_error(vin_lines.at(vin), "vin", "a vehicle with this VIN is already registered");
            ++bad_rows;
        }
        if (!registered.empty()) {
            std::stable_sort(report.errors.begin(), report.errors.end(), [](const auto& a, const auto& b) {
                return a.line < b.line;
            });
        }
    }
    if (bad_rows > 0) {
        report.status = "invalid";
        report.finished_at = ctx_.clock.Now();
        return report;
    }
    if (dry_run) {
        report.status = "validated";
        report.finished_at = ctx_.clock.Now();
        return report;
    }
    // All or nothing: one transaction for every row. The search index follows after the commit
    // (app/search_indexer.hpp); until then a search matches the new customers on their columns.
    const Timestamp now = ctx_.clock.Now();
    auto tx = ctx_.store.BulkWrite();
    std::int64_t needed = 0;
    for (const auto& p : parsed) needed += p.vehicle ? 3 : 2;
    std::int64_t next_id = needed > 0 ? tx->ReserveIds(needed) : 0;
    const std::int64_t first_id = next_id;
    for (auto& p : parsed) {  // ids in the file's order
        domain::Customer& c = p.customer;
        c.id = CustomerId(next_id++);
        c.version = 1;
        c.created_at = now;
        c.updated_at = now;
        c.created_by = caller.user();
        if (p.vehicle) {
            domain::Vehicle& v = *p.vehicle;
            v.id = VehicleId(next_id++);
            v.customer_id = c.id;
            v.version = 1;
            v.created_at = now;
        }
        p.history_id = next_id++;
    }
    // Written in id order: every key that leads with the id takes its new entries at its end. (In
    // name order instead, the name indexes took theirs page after page, but the id keys of the
    // customers, vehicles and history went random, which measured slower overall.)
    std::int64_t done = 0;
    constexpr std::size_t kBatch = 512;  // rows per call (PostgreSQL: multi-row INSERTs)
    for (std::size_t at = 0; at < parsed.size(); at += kBatch) {
        std::vector<const domain::Customer*> customers;
        std::vector<const domain::Vehicle*> vehicles;
        std::vector<domain::HistoryEntry> history;
        for (std::size_t row_idx = at; row_idx < std::min(parsed.size(), at + kBatch); ++row_idx) {
            const ParsedRow& p = parsed[row_idx];
            customers.push_back(&p.customer);
            if (p.vehicle) vehicles.push_back(&*p.vehicle);
            history.push_back({p.history_id, p.customer.id, 1, "created", "", "import", caller.user(), "", now});
        }
        tx->customers().InsertCustomers(customers);
        if (!vehicles.empty()) tx->customers().InsertVehicles(vehicles);
        tx->customers().InsertHistory(caller.org(), history);
        done += static_cast<std::int64_t>(customers.size());
        if (progress) progress(report.total + done, report.total * 3);
    }
    if (done > 0) tx->customers().AddSearchBacklog(caller.org(), {first_id, next_id - 1});
    tx->Commit();
    report.committed_at = ctx_.clock.Now();  // durable and visible from here
    tx.reset();
    report.imported = done;
    ctx_.audit.Record(AuditFor(caller, "customer.import", "import", "", "ok", "imported=" + std::to_string(done)));
    IndexSearchBacklog(ctx_, caller.org(), [&](std::int64_t indexed) {
        if (progress) progress(report.total * 2 + indexed, report.total * 3);
    });
    storage::RefreshPlannerStatistics(ctx_.store.database());
    report.status = "committed";
    report.finished_at = ctx_.clock.Now();
    if (progress) progress(report.total * 3, report.total * 3);
    return report;
}

void ImportService::Save(const Caller& caller, const ImportReport& report, bool insert) {
    storage::ImportJob job;
    job.id = report.id;
    job.org_id = caller.org();
    job.dry_run = report.dry_run;
    job.status = report.status;
    job.total = report.total;
    job.processed = report.processed;
    job.imported = report.imported;
    job.errors_json = ErrorsText(report.errors);
    job.created_by = caller.user();
    job.created_at = report.created_at;
    if (report.finished_at != 0) job.finished_at = report.finished_at;
    auto tx = ctx_.store.Write();
    if (insert) {
        tx->imports().Insert(job);
    } else {
        tx->imports().Update(job);
    }
    tx->Commit();
}

Expected<ImportReport> ImportService::Start(const Caller& caller, std::string bytes, bool dry_run) {
    if (!caller.principal.Has(kCustomerImport)) {
        ctx_.audit.Record(AuditFor(caller, "customer.import", "import", "", "denied"));
        return Forbidden("import customers");
    }
    ImportReport report;
    report.dry_run = dry_run;
    report.created_at = ctx_.clock.Now();
    {
        auto tx = ctx_.store.Write();
        report.id = ImportJobId(tx->NextId());
        tx->Commit();
    }
    Save(caller, report, true);
    {
        std::lock_guard<std::mutex> lock(mutex_);
        running_[report.id.value] = report;
        threads_.emplace_back(
            [this, caller, bytes = std::move(bytes), dry_run, id = report.id, created = report.created_at] {
                auto progress = [&](std::int64_t processed, std::int64_t total) {
                    std::lock_guard<std::mutex> lock(mutex_);
                    running_[id.value].processed = processed;
                    running_[id.value].total = total;
                };
                ImportReport result;
                try {
                    auto run = Run(caller, bytes, dry_run, progress);
                    if (run.ok()) {
                        result = std::move(*run);
                    } else {
                        result.status = "failed";
                        result.errors.push_back({0, run.error().field, run.error().message});
                    }
                } catch (const std::exception&) {
                    result.status = "failed";
                    result.errors.push_back({0, "", "the import failed; nothing was imported"});
                }
                result.id = id;
                result.dry_run = dry_run;
                result.created_at = created;
                if (result.finished_at == 0) result.finished_at = ctx_.clock.Now();
                Save(caller, result, false);
                std::lock_guard<std::mutex> lock(mutex_);
                running_.erase(id.value);
            });
    }
    return report;
}

Expected<ImportReport> ImportService::Get(const Caller& caller, ImportJobId id) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = running_.find(id.value);
        if (it != running_.end()) return it->second;
    }
    auto tx = ctx_.store.Read();
    auto job = tx->imports().Get(caller.org(), id);
    if (!job) return NotFound("import");
    if (job->created_by != caller.user() && !caller.principal.Has(kCustomerImport)) return NotFound("import");
    ImportReport r;
    r.id = job->id;
    r.status = job->status;
    r.dry_run = job->dry_run;
    r.total = job->total;
    r.processed = job->processed;
    r.imported = job->imported;
    r.errors = ParseErrorsText(job->errors_json);
    r.created_at = job->created_at;
    r.finished_at = job->finished_at.value_or(0);
    return r;
}

Expected<std::string> ImportService::ExportCsv(const Caller& caller, CustomerListQuery query) {
    if (!caller.principal.Has(kCustomerExport)) {
        ctx_.audit.Record(AuditFor(caller, "customer.export", "customer", "", "denied"));
        return Forbidden("export customers");
    }
    storage::CustomerQuery sq;
    sq.org = caller.org();
    sq.q = query.q;
    sq.scope = caller.principal.Scope(kCustomerExport);
    sq.viewer = caller.user();  // SEC-6: no classified customer but the custodian's
    sq.department = query.department;
    sq.owner = query.owner;
    sq.category = query.category;
    sq.sort = query.sort.empty() ? "id" : query.sort;
    sq.limit = 1000;
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel opens UTF-8 CSV correctly with it
    out += ExportWatermark("customer", caller.principal.username(), ctx_.clock.Now());
    out += "id,name,kind,customer_type,category,company_name,phone,grade,department,updated_at\n";
    auto directory = ctx_.directory.Get(caller.org());
    auto tx = ctx_.store.Read();
    std::int64_t rows = 0;
    for (;;) {
        auto page = tx->customers().Search(sq);
        for (const auto& s : page.items) {
            std::string phone =
                caller.principal.HasIn(kPersonalData, s.department_id) ? s.phone : domain::MaskPhone(s.phone);
            out += std::to_string(s.id.value) + "," + CsvField(s.name) + "," + s.kind + "," + s.customer_type + "," +
                   s.category + "," + CsvField(s.company_name) + "," + CsvField(phone) + "," + s.grade + "," +
                   CsvField(directory->Department(s.department_id)) + "," + FormatTimestamp(s.updated_at) + "\n";
            ++rows;
        }
        if (static_cast<std::int64_t>(page.items.size()) < sq.limit || rows >= kMaxExportRows) break;
        sq.offset += sq.limit;
    }
    ctx_.audit.Record(AuditFor(caller,
                               "customer.export",
                               "customer",
                               "",
                               "ok",
                               "rows=" + std::to_string(rows) + " q=" + domain::MaskDigitRuns(query.q.substr(0, 40))));
    return out;
}

}  // namespace patron::app
