#include "domain/report.hpp"

#include <algorithm>

#include "domain/customer.hpp"
#include "domain/validation.hpp"

namespace patron::domain {

namespace {

void CheckItems(Checker& check, const std::vector<std::string>& items) {
    if (items.empty()) check.Add("items", "must name at least one item");
    for (std::size_t item_idx = 0; item_idx < items.size(); ++item_idx) {
        check.Enum(items[item_idx], "items[" + std::to_string(item_idx) + "]", kReportItems);
    }
}

// The catalogue's order without duplicates.
void Normalise(std::vector<std::string>& items) {
    std::vector<std::string> ordered;
    for (const char* code : kReportItems) {
        if (std::find(items.begin(), items.end(), code) != items.end()) ordered.emplace_back(code);
    }
    items = std::move(ordered);
}

template <std::size_t N>
std::vector<std::string> Groups(const char* const (&values)[N]) {
    return std::vector<std::string>(std::begin(values), std::end(values));
}

std::vector<std::string> FixedGroups(const std::string& item) {
    if (item == "customers_by_category") return Groups(kCustomerCategories);
    if (item == "customers_by_type") return Groups(kCustomerTypes);
    if (item == "customers_by_kind") return Groups(kCustomerKinds);
    if (item == "customers_by_grade") return {"A", "B", "C", ""};
    return {};
}

}  // namespace

std::vector<ReportFigure> FiguresOf(const std::string& item,
                                    const std::vector<std::pair<std::string, std::int64_t>>& counted) {
    std::vector<ReportFigure> figures;
    const auto fixed = FixedGroups(item);
    for (const auto& group : fixed) figures.push_back({item, group, 0});
    std::vector<ReportFigure> others;
    for (const auto& [key, count] : counted) {
        auto it = std::find_if(figures.begin(), figures.end(), [&](const ReportFigure& f) { return f.key == key; });
        if (it != figures.end()) {
            it->count += count;
        } else {
            others.push_back({item, key, count});
        }
    }
    std::sort(others.begin(), others.end(), [](const ReportFigure& a, const ReportFigure& b) {
        return a.count != b.count ? a.count > b.count : a.key < b.key;
    });
    figures.insert(figures.end(), others.begin(), others.end());
    return figures;
}

Status ValidateReport(CustomerReport& report) {
    Checker check;
    check.Text(report.title, "title", kMaxReportTitleChars, true);
    CheckItems(check, report.items);
    PATRON_TRY(check.Result());
    Normalise(report.items);
    return {};
}

Status ValidateReportItems(std::vector<std::string>& items) {
    Checker check;
    CheckItems(check, items);
    PATRON_TRY(check.Result());
    Normalise(items);
    return {};
}

std::vector<Date> ReportMonthStarts(Date today) {
    Date first_of_month = today;
    ParseDate(FormatDate(today).substr(0, 8) + "01", &first_of_month);
    std::vector<Date> starts;
    for (int month_idx = -(kReportMonths - 1); month_idx <= 1; ++month_idx) {
        starts.push_back(AddMonths(first_of_month, month_idx));
    }
    return starts;
}

std::string MonthKey(Date month_start) { return FormatDate(month_start).substr(0, 7); }

const std::vector<ApprovalStep>& DistributionChain(const ApprovalChains& chains, bool within_report_department) {
    return within_report_department ? chains.report_review : chains.report_distribution;
}

std::optional<std::string> WhyNotReportApprover(const ReportRequest& request,
                                                UserId approver,
                                                const std::vector<RoleAssignment>& approver_assignments,
                                                const DepartmentTree& tree) {
    return WhyNotStepApprover({request.status,
                               request.requester,
                               request.requester_department,
                               request.report_department,
                               request.steps,
                               request.decisions},
                              approver,
                              approver_assignments,
                              tree);
}

}  // namespace patron::domain
