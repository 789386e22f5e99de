#include "app/customer_service.hpp"

#include <algorithm>
#include <unordered_map>

#include "app/access_service.hpp"
#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "domain/filing.hpp"
#include "domain/masking.hpp"
#include "domain/search.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

std::string IdText(CustomerId id) { return std::to_string(id.value); }

// A caller who sees masked values may send them back untouched; keep the stored value then.
void KeepMaskedValues(const domain::Customer& stored, domain::Customer& updated) {
    if (updated.id_number == domain::MaskIdNumber(stored.id_number)) updated.id_number = stored.id_number;
    if (updated.address == domain::MaskAddress(stored.address)) updated.address = stored.address;
    auto restore = [&](std::string& number) {
        if (number.find('*') == std::string::npos) return;
        for (const auto& p : stored.phones) {
            if (number == domain::MaskPhone(p.number)) number = p.number;
        }
        for (const auto& k : stored.contacts) {
            if (number == domain::MaskPhone(k.mobile)) number = k.mobile;
            if (number == domain::MaskPhone(k.landline)) number = k.landline;
        }
    };
    for (auto& p : updated.phones) restore(p.number);
    for (auto& k : updated.contacts) {
        restore(k.mobile);
        restore(k.landline);
    }
}

Status CheckOwner(storage::Tx& tx, OrgId org, const domain::Customer& c) {
    if (!tx.org().GetDepartment(org, c.department_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "department does not exist", "department_id");
    }
    if (c.owner_id.valid() && !tx.org().GetUser(org, c.owner_id)) {
        return MakeError(ErrorCode::kInvalidArgument, "owner does not exist", "owner_id");
    }
    return {};
}

}  // namespace

Expected<domain::Customer> CustomerService::LoadChecked(storage::Tx& tx,
                                                        const Caller& caller,
                                                        CustomerId id,
                                                        const char* permission,
                                                        const char* action,
                                                        std::string* via) {
    auto customer = tx.customers().GetCustomer(caller.org(), id);
    if (!customer) return NotFound("customer");
    PATRON_TRY(AccessService::Gate(
        ctx_, tx, caller, permission, action, "customer", id.value, AccessService::CustomerAccess(*customer), via));
    return std::move(*customer);
}

CustomerView CustomerService::MakeView(storage::Tx& tx, const Caller& caller, domain::Customer customer) {
    CustomerView view;
    view.vehicles = tx.customers().ListVehicles(caller.org(), customer.id);
    auto directory = ctx_.directory.Get(caller.org());
    view.department_name = directory->Department(customer.department_id);
    view.owner_name = directory->User(customer.owner_id);
    view.masked = !caller.principal.HasIn(kPersonalData, customer.department_id);
    if (view.masked) domain::MaskCustomer(customer);
    view.customer = std::move(customer);
    return view;
}

Expected<storage::Page<CustomerListItem>> CustomerService::List(const Caller& caller, const CustomerListQuery& q) {
    if (!caller.principal.Has(kCustomerRead)) {
        ctx_.audit.Record(AuditFor(caller, "customer.list", "customer", "", "denied"));
        return Forbidden("view customers");
    }
    if (q.page < 1) return MakeError(ErrorCode::kInvalidArgument, "page must be 1 or more", "page");
    if (q.page_size < 1 || q.page_size > kMaxPageSize) {
        return MakeError(
            ErrorCode::kInvalidArgument, "page_size must be 1–" + std::to_string(kMaxPageSize), "page_size");
    }
    static constexpr const char* kSorts[] = {"", "name", "-name", "updated_at", "-updated_at", "id", "-id"};
    if (std::find_if(std::begin(kSorts), std::end(kSorts), [&](const char* s) { return q.sort == s; }) ==
        std::end(kSorts)) {
        return MakeError(
            ErrorCode::kInvalidArgument, "sort must be one of name, -name, updated_at, -updated_at, id, -id", "sort");
    }
    storage::CustomerQuery sq;
    sq.org = caller.org();
    sq.q = domain::NormalizeQuery(q.q);
    sq.scope = caller.principal.Scope(kCustomerRead);
    auto directory = ctx_.directory.Get(caller.org());
    // Seeing every department needs no department filter (which would cost the search its index order).
    if (sq.scope->size() == directory->departments.size()) sq.scope.reset();
    sq.department = q.department;
    sq.owner = q.owner;
    sq.category = q.category;
    sq.sort = !q.sort.empty() ? q.sort : sq.q.empty() ? "-updated_at" : "-id";
    sq.limit = q.page_size;
    sq.offset = (q.page - 1) * q.page_size;
    auto tx = ctx_.store.Read();
    // SEC-6: classified customers are invisible but to their custodian and grantees; SEC-4: granted
    // customers of other departments are listed too.
    sq.viewer = caller.user();
    sq.granted = {caller.user().value, "customer", ctx_.clock.Now()};
    auto page = tx->customers().Search(sq);
    storage::Page<CustomerListItem> out;
    out.total = page.total;
    out.total_is_estimate = page.total_is_estimate;
    for (auto& s : page.items) {
        CustomerListItem item;
        item.department_name = directory->Department(s.department_id);
        item.owner_name = directory->User(s.owner_id);
        if (!caller.principal.HasIn(kPersonalData, s.department_id)) s.phone = domain::MaskPhone(s.phone);
        item.summary = std::move(s);
        out.items.push_back(std::move(item));
    }
    ctx_.audit.Record(
        AuditFor(caller,
                 "customer.list",
                 "customer",
                 "",
                 "ok",
                 "q=" + domain::MaskDigitRuns(sq.q.substr(0, 40)) + " results=" + std::to_string(out.items.size())));
    return out;
}

Expected<CustomerView> CustomerService::Get(const Caller& caller, CustomerId id) {
    auto tx = ctx_.store.Read();
    std::string via;
    auto customer = LoadChecked(*tx, caller, id, kCustomerRead, "customer.read", &via);
    if (!customer.ok()) return customer.error();
    CustomerView view = MakeView(*tx, caller, std::move(*customer));
    std::string detail = view.masked ? "" : "unmasked";
    if (!via.empty()) detail += (detail.empty() ? "" : " ") + via;
    ctx_.audit.Record(AuditFor(caller, "customer.read", "customer", IdText(id), "ok", detail));
    return view;
}

Expected<CustomerView> CustomerService::Create(const Caller& caller, domain::Customer c, std::optional<Date> met_on) {
    c.org_id = caller.org();
    PATRON_TRY(domain::ValidateCustomer(c));
    if (!caller.principal.HasIn(kCustomerCreate, c.department_id)) {
        ctx_.audit.Record(AuditFor(caller, "customer.create", "customer", "", "denied"));
        return Forbidden("create customers in that department");
    }
    auto tx = ctx_.store.Write();
    PATRON_TRY(CheckOwner(*tx, caller.org(), c));
    const Timestamp now = ctx_.clock.Now();
    c.id = CustomerId(tx->NextId());
    c.version = 1;
    c.created_at = now;
    c.updated_at = now;
    c.created_by = caller.user();
    tx->customers().InsertCustomer(c);
    tx->customers().IndexCustomer(c, {}, storage::CustomerRepo::IndexMode::kNew);
    domain::HistoryEntry created{tx->NextId(), c.id, 1, "created", "", c.name, caller.user(), "", now};
    tx->customers().InsertHistory(caller.org(), {created});
    // ARC-10: the filing deadline runs from the meeting; a complete form files the customer now.
    auto calendar = CalendarService::Resolve(*tx, caller.org());
    const Date today = calendar->zone.LocalDate(now);
    if (met_on && *met_on > today) {
        return MakeError(ErrorCode::kInvalidArgument, "met_on must not be in the future", "met_on");
    }
    domain::CustomerFiling filing{c.id, c.department_id, met_on.value_or(today)};
    auto due = domain::FilingDeadline(filing.met_on, calendar->calendar, calendar->zone, ctx_.policy.Get(caller.org()));
    filing.due_day = due.due_day;
    filing.due_at = due.due_at;
    filing.filed_at = domain::MissingBasicInformation(c).empty() ? now : 0;
    tx->filings().Insert(caller.org(), filing);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "customer.create", "customer", IdText(c.id)));
    auto rtx = ctx_.store.Read();
    return MakeView(*rtx, caller, std::move(c));
}

Expected<CustomerView> CustomerService::Update(const Caller& caller,
                                               CustomerId id,
                                               std::int64_t version,
                                               const std::function<Status(domain::Customer&)>& apply,
                                               std::optional<Date> changed_on) {
    auto tx = ctx_.store.Write();
    auto stored = LoadChecked(*tx, caller, id, kCustomerUpdate, "customer.update");
    if (!stored.ok()) return stored.error();
    domain::Customer c = *stored;
    PATRON_TRY(apply(c));
    c.id = id;
    c.org_id = caller.org();
    c.created_at = stored->created_at;
    c.created_by = stored->created_by;
    KeepMaskedValues(*stored, c);
    PATRON_TRY(domain::ValidateCustomer(c));
    if (c.department_id != stored->department_id && !caller.principal.HasIn(kCustomerUpdate, c.department_id)) {
        ctx_.audit.Record(AuditFor(caller, "customer.update", "customer", IdText(id), "denied", "move department"));
        return Forbidden("move the customer to that department");
    }
    PATRON_TRY(CheckOwner(*tx, caller.org(), c));
    if (stored->version != version) return StaleVersion(stored->version);
    auto changes = domain::DiffCustomer(*stored, c);
    const Timestamp now = ctx_.clock.Now();
    if (changes.empty()) {
        auto view = MakeView(*tx, caller, std::move(c));
        return view;
    }
    c.updated_at = now;
    if (!tx->customers().UpdateCustomer(c, version)) return StaleVersion(stored->version);
    c.version = version + 1;
    auto vehicles = tx->customers().ListVehicles(caller.org(), id);
    tx->customers().IndexCustomer(c, vehicles);
    std::vector<domain::HistoryEntry> history;
    std::string fields;
    for (const auto& change : changes) {
        history.push_back(
            {tx->NextId(), id, c.version, change.field, change.old_value, change.new_value, caller.user(), "", now});
        fields += (fields.empty() ? "" : ",") + change.field;
    }
    tx->customers().InsertHistory(caller.org(), history);
    if (domain::MissingBasicInformation(c).empty()) tx->filings().MarkFiled(caller.org(), id, now);  // ARC-10
    if (changed_on) {
        // ARC-10: the maintenance form's deadline runs from the day the change happened.
        auto calendar = CalendarService::Resolve(*tx, caller.org());
        if (*changed_on > calendar->zone.LocalDate(now)) {
            return MakeError(ErrorCode::kInvalidArgument, "changed_on must not be in the future", "changed_on");
        }
        auto due =
            domain::FilingDeadline(*changed_on, calendar->calendar, calendar->zone, ctx_.policy.Get(caller.org()));
        domain::ChangeReport report{tx->NextId(),
                                    id,
                                    c.department_id,
                                    c.version,
                                    fields,
                                    *changed_on,
                                    due.due_day,
                                    now,
                                    caller.user(),
                                    now >= due.due_at};
        tx->filings().InsertChangeReport(caller.org(), report);
    }
    auto view = MakeView(*tx, caller, c);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "customer.update", "customer", IdText(id), "ok", "fields=" + fields));
    return view;
}

Expected<std::vector<domain::Vehicle>> CustomerService::ListVehicles(const Caller& caller, CustomerId id) {
    auto tx = ctx_.store.Read();
    auto customer = LoadChecked(*tx, caller, id, kCustomerRead, "customer.read");
    if (!customer.ok()) return customer.error();
    ctx_.audit.Record(AuditFor(caller, "customer.read", "customer", IdText(id), "ok", "vehicles"));
    return tx->customers().ListVehicles(caller.org(), id);
}

Expected<domain::Vehicle> CustomerService::AddVehicle(const Caller& caller, CustomerId id, domain::Vehicle v) {
    PATRON_TRY(domain::ValidateVehicle(v));
    auto tx = ctx_.store.Write();
    auto customer = LoadChecked(*tx, caller, id, kCustomerUpdate, "vehicle.create");
    if (!customer.ok()) return customer.error();
    if (tx->customers().FindVehicleByVin(caller.org(), v.vin)) {
        return MakeError(ErrorCode::kConflict, "a vehicle with this VIN is already registered", "vin");
    }
    const Timestamp now = ctx_.clock.Now();
    v.org_id = caller.org();
    v.customer_id = id;
    v.id = VehicleId(tx->NextId());
    v.version = 1;
    v.created_at = now;
    tx->customers().InsertVehicle(v);
    tx->customers().IndexCustomer(*customer, tx->customers().ListVehicles(caller.org(), id));
    tx->customers().InsertHistory(
        caller.org(),
        {{tx->NextId(), id, customer->version, "vehicles", "", v.vin + " " + v.plate, caller.user(), "", now}});
    tx->Commit();
    ctx_.audit.Record(
        AuditFor(caller, "vehicle.create", "customer", IdText(id), "ok", "vehicle " + std::to_string(v.id.value)));
    return v;
}

Expected<domain::Vehicle> CustomerService::UpdateVehicle(const Caller& caller,
                                                         CustomerId id,
                                                         VehicleId vehicle_id,
                                                         std::int64_t version,
                                                         const std::function<Status(domain::Vehicle&)>& apply) {
    auto tx = ctx_.store.Write();
    auto customer = LoadChecked(*tx, caller, id, kCustomerUpdate, "vehicle.update");
    if (!customer.ok()) return customer.error();
    auto stored = tx->customers().GetVehicle(caller.org(), vehicle_id);
    if (!stored || stored->customer_id != id) return NotFound("vehicle");
    domain::Vehicle v = *stored;
    PATRON_TRY(apply(v));
    v.id = vehicle_id;
    v.org_id = caller.org();
    v.customer_id = id;
    PATRON_TRY(domain::ValidateVehicle(v));
    if (v.vin != stored->vin) {
        if (tx->customers().FindVehicleByVin(caller.org(), v.vin)) {
            return MakeError(ErrorCode::kConflict, "a vehicle with this VIN is already registered", "vin");
        }
    }
    if (stored->version != version) return StaleVersion(stored->version);
    if (!tx->customers().UpdateVehicle(v, version)) return StaleVersion(stored->version);
    v.version = version + 1;
    const Timestamp now = ctx_.clock.Now();
    tx->customers().IndexCustomer(*customer, tx->customers().ListVehicles(caller.org(), id));
    auto describe = [](const domain::Vehicle& x) {
        return x.vin + " " + x.plate + " " + x.brand + " " + x.model + " " + x.color + " " + x.purchase_date;
    };
    if (describe(*stored) != describe(v)) {
        tx->customers().InsertHistory(caller.org(),
                                      {{tx->NextId(),
                                        id,
                                        customer->version,
                                        "vehicles",
                                        describe(*stored),
                                        describe(v),
                                        caller.user(),
                                        "",
                                        now}});
    }
    tx->Commit();
    ctx_.audit.Record(AuditFor(
        caller, "vehicle.update", "customer", IdText(id), "ok", "vehicle " + std::to_string(vehicle_id.value)));
    return v;
}

Expected<std::vector<domain::Interaction>> CustomerService::ListInteractions(const Caller& caller, CustomerId id) {
    auto tx = ctx_.store.Read();
    auto customer = LoadChecked(*tx, caller, id, kCustomerRead, "customer.read");
    if (!customer.ok()) return customer.error();
    ctx_.audit.Record(AuditFor(caller, "customer.read", "customer", IdText(id), "ok", "interactions"));
    return tx->customers().ListInteractions(caller.org(), id, 500);
}

Expected<domain::Interaction> CustomerService::AddInteraction(const Caller& caller,
                                                              CustomerId id,
                                                              domain::Interaction i) {
    PATRON_TRY(domain::ValidateInteraction(i));
    const Timestamp now = ctx_.clock.Now();
    if (i.occurred_at == 0) i.occurred_at = now;
    if (i.occurred_at > now + kHourMs) {
        return MakeError(ErrorCode::kInvalidArgument, "occurred_at must not be in the future", "occurred_at");
    }
    auto tx = ctx_.store.Write();
    auto customer = LoadChecked(*tx, caller, id, kInteractionCreate, "interaction.create");
    if (!customer.ok()) return customer.error();
    i.org_id = caller.org();
    i.customer_id = id;
    i.id = InteractionId(tx->NextId());
    i.author_id = caller.user();
    i.author_name = caller.principal.display_name();
    i.created_at = now;
    tx->customers().InsertInteraction(i);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "interaction.create", "customer", IdText(id), "ok", i.kind));
    return i;
}

Expected<std::vector<domain::HistoryEntry>> CustomerService::History(const Caller& caller, CustomerId id) {
    auto tx = ctx_.store.Read();
    auto customer = LoadChecked(*tx, caller, id, kCustomerRead, "customer.read");
    if (!customer.ok()) return customer.error();
    auto history = tx->customers().ListHistory(caller.org(), id, 1000);
    if (!caller.principal.HasIn(kPersonalData, customer->department_id)) {
        for (auto& h : history) {
            if (h.field == "id_number") {
                h.old_value = domain::MaskIdNumber(h.old_value);
                h.new_value = domain::MaskIdNumber(h.new_value);
            } else if (h.field == "address") {
                h.old_value = domain::MaskAddress(h.old_value);
                h.new_value = domain::MaskAddress(h.new_value);
            } else if (h.field == "phones" || h.field == "contacts") {
                h.old_value = "(personal data)";
                h.new_value = "(personal data)";
            }
        }
    }
    ctx_.audit.Record(AuditFor(caller, "customer.read", "customer", IdText(id), "ok", "history"));
    return history;
}

Expected<std::vector<OverdueFiling>> CustomerService::OverdueFilings(const Caller& caller, std::int64_t limit) {
    if (!caller.principal.Has(kCustomerRead)) return Forbidden("view customers");
    if (limit < 1 || limit > 500) return MakeError(ErrorCode::kInvalidArgument, "limit must be 1–500", "limit");
    auto tx = ctx_.store.Read();
    auto directory = ctx_.directory.Get(caller.org());
    std::vector<OverdueFiling> out;
    for (auto& row :
         tx->filings().Overdue(caller.org(), ctx_.clock.Now(), caller.principal.Scope(kCustomerRead), limit)) {
        OverdueFiling item;
        if (auto customer = tx->customers().GetCustomer(caller.org(), row.filing.customer_id)) {
            item.missing = domain::MissingBasicInformation(*customer);
        }
        item.department_name = directory->Department(row.filing.department_id);
        item.row = std::move(row);
        out.push_back(std::move(item));
    }
    return out;
}

Expected<std::vector<std::pair<domain::ChangeReport, std::string>>> CustomerService::LateChangeReports(
    const Caller& caller, const std::string& month) {
    if (!caller.principal.Has(kCustomerRead)) return Forbidden("view customers");
    Date first{};
    if (month.size() != 7 || !ParseDate(month + "-01", &first)) {
        return MakeError(ErrorCode::kInvalidArgument, "month must be YYYY-MM", "month");
    }
    auto tx = ctx_.store.Read();
    auto zone = CalendarService::Resolve(*tx, caller.org())->zone;
    return tx->filings().LateChangeReports(caller.org(),
                                           zone.StartOfDay(first),
                                           zone.StartOfDay(AddMonths(first, 1)),
                                           caller.principal.Scope(kCustomerRead));
}

}  // namespace patron::app
