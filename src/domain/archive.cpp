#include "domain/archive.hpp"

#include <algorithm>
#include <cstdio>

#include "domain/validation.hpp"

namespace patron::domain {

const std::vector<ChecklistItem>& NewCarChecklist() {
    // ARC-2 (1)–(12); customer / internal signatures as the documents carry them (ARC-3, ARC-6b).
    static const std::vector<ChecklistItem> kItems = {
        {"green_card",
         "客户信息卡（绿卡）：姓名、联系人、手机及带区号座机、地址",
         "Green card: name, contact, mobile and landline, address",
         true,
         false,
         false},
        {"invoice", "购车发票复印件", "Purchase invoice copy", false, false, false},
        {"contract", "销售合同原件", "Sales contract (original)", true, true, false},
        {"id_copy",
         "身份证正反面复印件或组织机构代码证复印件",
         "ID card copy (both sides) or organisation code certificate copy",
         false,
         false,
         false},
        {"delivery_inspection", "交车检查表", "Delivery inspection sheet", true, true, false},
        {"licence", "行驶证复印件", "Vehicle licence copy", false, false, false},
        {"insurance", "保险单复印件", "Insurance policy copy", false, false, false},
        {"derivative_services", "衍生服务清单", "Derivative services list", true, false, false},
        {"conformity", "合格证复印件", "Certificate of conformity copy", false, false, false},
        {"delivery_photos", "交车照片", "Delivery photos", false, false, false},
        {"pdi", "新车PDI检查表", "New-car PDI inspection sheet", false, true, false},
        {"other", "其他证明（特定客户）", "Other certificates (specific customers)", false, false, true},
    };
    return kItems;
}

const std::vector<ChecklistItem>& MaintenanceChecklist() {
    static const std::vector<ChecklistItem> kItems = {
        {"reception_sheet", "车辆接待单", "Vehicle reception sheet", true, true, false},
        {"work_order", "工单", "Work order", true, true, false},
        {"settlement", "结算单", "Settlement statement", true, false, false},
        {"free_inspection", "12项免费检查表", "12-item free inspection sheet", false, true, false},
    };
    return kItems;
}

const std::vector<ChecklistItem>& DefaultChecklist(std::string_view kind) {
    return kind == "after_sales" ? MaintenanceChecklist() : NewCarChecklist();
}

Status ValidateChecklist(std::vector<ChecklistItem>& items) {
    Checker check;
    if (items.empty() || items.size() > 50) check.Add("items", "must have 1–50 items");
    for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
        auto& item = items[item_idx];
        const std::string field = "items[" + std::to_string(item_idx) + "]";
        bool code_ok = !item.code.empty() && item.code.size() <= 40 &&
                       std::all_of(item.code.begin(), item.code.end(), [](char ch) {
                           return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
                       });
        if (!code_ok) check.Add(field + ".code", "must be 1–40 lower-case letters, digits or _");
        for (std::size_t other_idx = 0; other_idx < item_idx; ++other_idx) {
            if (items[other_idx].code == item.code) check.Add(field + ".code", "is used twice: " + item.code);
        }
        check.Text(item.title_zh, field + ".title_zh", 200, true);
        check.Text(item.title_en, field + ".title_en", 200, true);
    }
    return check.Result();
}

Status ValidateArchive(Archive& a) {
    Checker check;
    check.Enum(a.kind, "kind", kArchiveKinds);
    check.Enum(a.status, "status", kArchiveStatuses);
    if (!a.customer_id.valid()) check.Add("customer_id", "is required");
    if (!a.vehicle_id.valid()) check.Add("vehicle_id", "is required");
    if (!a.department_id.valid()) check.Add("department_id", "is required");
    if (!a.responsible_id.valid()) check.Add("responsible_id", "is required");
    if (a.event_at <= 0) check.Add("event_at", "is required");
    check.Text(a.visit_ref, "visit_ref", 60);
    check.Text(a.cabinet, "cabinet", 30);
    check.Text(a.shelf, "shelf", 30);
    check.Text(a.bag, "bag", 30);
    if (a.kind == "after_sales" && a.visit_ref.empty()) check.Add("visit_ref", "is required for an after-sales visit");
    for (auto& item : a.items) {
        check.Enum(item.state, "items." + item.code + ".state", kItemStates);
        check.Text(item.defect, "items." + item.code + ".defect", 200);
    }
    return check.Result();
}

Status ValidateIncident(ArchiveIncident& i, Date today) {
    Checker check;
    check.Enum(i.kind, "kind", kIncidentKinds);
    check.Enum(i.cause, "cause", kIncidentCauses);
    if (!i.responsible_id.valid()) check.Add("responsible_id", "is required");
    if (i.files < 1 || i.files > 100) check.Add("files", "must be 1–100");
    if (i.occurred_on > today) check.Add("occurred_on", "must not be in the future");
    check.Text(i.description, "description", 2000, true, true);
    return check.Result();
}

std::string ArchiveNumber(std::string_view kind, int year, std::int64_t sequence) {
    char buf[32];
    std::snprintf(
        buf, sizeof buf, "%s-%04d-%06lld", kind == "after_sales" ? "SH" : "XC", year, static_cast<long long>(sequence));
    return buf;
}

std::vector<ArchiveItem> ItemsWithTemplate(const std::vector<ChecklistItem>& checklist,
                                           const std::vector<ArchiveItem>& recorded) {
    std::vector<ArchiveItem> out;
    for (const auto& item : checklist) {
        auto it = std::find_if(recorded.begin(), recorded.end(), [&](const auto& r) { return r.code == item.code; });
        ArchiveItem state = it != recorded.end() ? *it : ArchiveItem{item.code};
        out.push_back(state);
    }
    return out;
}

bool IsComplete(const std::vector<ChecklistItem>& checklist, const std::vector<ArchiveItem>& items) {
    for (const auto& item : ItemsWithTemplate(checklist, items)) {
        auto spec =
            std::find_if(checklist.begin(), checklist.end(), [&](const auto& c) { return c.code == item.code; });
        if (spec->optional && item.state == "missing") continue;
        if (item.state != "present") return false;
        if (spec->needs_customer_signature && !item.customer_signed) return false;
        if (spec->needs_internal_signature && !item.internal_signed) return false;
    }
    return true;
}

Status CheckTransition(const Archive& a, std::string_view to) {
    static const std::vector<std::pair<std::string_view, std::string_view>> kMoves = {
        {"open", "handed_over"}, {"handed_over", "checked"}, {"checked", "filed"}, {"checked", "handed_over"}};
    bool allowed =
        std::any_of(kMoves.begin(), kMoves.end(), [&](const auto& m) { return m.first == a.status && m.second == to; });
    if (!allowed) {
        return MakeError(ErrorCode::kFailedPrecondition,
                         "an archive that is " + a.status + " cannot become " + std::string(to),
                         "status");
    }
    if (to == "filed" && (a.cabinet.empty() || a.shelf.empty())) {
        return MakeError(
            ErrorCode::kFailedPrecondition, "filing needs the paper location (cabinet and shelf)", "cabinet");
    }
    return {};
}

namespace {

int HandoverWorkingDays(const Archive& archive, const PolicyValues& policy) {
    return static_cast<int>(policy.Get(archive.kind == "after_sales" ? policy_key::kServiceHandoverWorkingDays
                                                                     : policy_key::kSalesHandoverWorkingDays));
}

}  // namespace

Deadline HandoverDeadline(const Archive& archive,
                          const WorkingCalendar& calendar,
                          const TimeZone& zone,
                          const PolicyValues& policy) {
    return WorkingDaysDeadline(calendar, zone, archive.event_at, HandoverWorkingDays(archive, policy));
}

const Deadline& HandoverDeadline(const Archive& archive, DeadlineMemo& memo, const PolicyValues& policy) {
    return memo.WorkingDays(archive.event_at, HandoverWorkingDays(archive, policy));
}

int WorkingDaysLate(const Deadline& deadline, const WorkingCalendar& calendar, const TimeZone& zone, Timestamp at) {
    if (at < deadline.due_at) return 0;
    return std::max(1, calendar.WorkingDaysBetween(deadline.due_day, zone.LocalDate(at)));
}

}  // namespace patron::domain
