#include "domain/policy.hpp"

#include <algorithm>

namespace patron::domain {

const std::vector<PolicySetting>& PolicyCatalog() {
    static const std::vector<PolicySetting> kCatalog = {
        {"session.idle_minutes", "platform", "minutes", 30, 1, 24 * 60, "会话空闲超时", "Session idle timeout"},
        {"session.absolute_hours", "platform", "hours", 12, 1, 24 * 7, "会话绝对有效期", "Session absolute lifetime"},
        {"login.max_failures_per_account_hour",
         "platform",
         "count",
         10,
         1,
         100,
         "每账户每小时最多登录失败次数",
         "Failed logins allowed per account per hour"},
        {"login.max_failures_per_address_hour",
         "platform",
         "count",
         50,
         1,
         10000,
         "每地址每小时最多登录失败次数",
         "Failed logins allowed per address per hour"},
        {"customer.filing_deadline_working_days",
         "ARC-10",
         "working_days",
         5,
         1,
         60,
         "新客户建档期限（工作日）",
         "Filing deadline for new customers (working days)"},
        {"archive.sales_handover_working_days",
         "ARC-4",
         "working_days",
         3,
         1,
         30,
         "销售档案移交期限（工作日）",
         "Sales archive handover deadline (working days)"},
        {"archive.service_handover_working_days",
         "ARC-4",
         "working_days",
         1,
         1,
         30,
         "售后档案移交期限（工作日）",
         "After-sales archive handover deadline (working days)"},
        {"archive.filing_requires_scans",
         "ARC-4",
         "bool",
         1,
         0,
         1,
         "归档前须扫描每份在册文件（1=是）",
         "Filing needs a scan of every present document (1 = yes)"},
        {"archive.max_document_mib",
         "ARC-1",
         "mib",
         20,
         1,
         100,
         "扫描件最大大小（MiB）",
         "Largest scanned document (MiB)"},
        {"penalty.late_sales_handover_fen",
         "ARC-6a",
         "fen",
         5000,
         0,
         10000000,
         "销售顾问逾期移交罚款（分/车）",
         "Late sales handover fine (fen per vehicle)"},
        {"penalty.missing_customer_signature_sales_fen",
         "ARC-6b",
         "fen",
         2000,
         0,
         10000000,
         "销售检验单缺客户签字罚款（分/项）",
         "Sales document without customer signature (fen per item)"},
        {"penalty.unverified_contact_fen",
         "ARC-6c",
         "fen",
         5000,
         0,
         10000000,
         "接待未核实联系人罚款（分/台次）",
         "Contact not verified at reception (fen per visit)"},
        {"penalty.late_service_handover_fen",
         "ARC-6d",
         "fen",
         5000,
         0,
         10000000,
         "售后逾期移交罚款（分/台次）",
         "Late after-sales handover (fen per visit)"},
        {"penalty.incomplete_item_fen",
         "ARC-6e",
         "fen",
         2000,
         0,
         10000000,
         "档案不完整罚款（分/项）",
         "Incomplete archive item (fen per item)"},
        {"penalty.missing_customer_signature_fen",
         "ARC-6e",
         "fen",
         5000,
         0,
         10000000,
         "缺客户签字罚款（分/项）",
         "Missing customer signature (fen per item)"},
        {"penalty.missing_internal_signature_fen",
         "ARC-6e",
         "fen",
         2000,
         0,
         10000000,
         "缺内部签字罚款（分/项）",
         "Missing internal signature (fen per item)"},
        {"penalty.sales_double_from_nth",
         "ARC-6f",
         "count",
         2,
         1,
         100,
         "销售顾问自第N次违规起加倍",
         "Sales consultant fines double from the Nth violation"},
        {"penalty.service_double_from_nth",
         "ARC-6f",
         "count",
         3,
         1,
         100,
         "服务顾问自第N次违规起加倍",
         "Service advisor fines double from the Nth violation"},
        {"penalty.lost_file_fen",
         "ARC-6g",
         "fen",
         2000,
         0,
         10000000,
         "档案遗失损坏追加罚款（分/份）",
         "Lost or damaged file, extra fine (fen per file)"},
        {"penalty.correction_working_days",
         "ARC-6i",
         "working_days",
         1,
         1,
         30,
         "整改期限（工作日）",
         "Correction deadline (working days)"},
        {"lending.max_days", "SEC-5", "days", 3, 1, 90, "借阅最长天数", "Longest loan (days)"},
        {"complaint.major_escalation_hours",
         "CMP-5",
         "hours",
         24,
         1,
         240,
         "重大投诉预警时限（小时）",
         "Major complaint pre-warning (hours)"},
        {"return_visit.complaint_days",
         "RV-2",
         "days",
         3,
         1,
         60,
         "投诉回访期限（天）",
         "Complaint return visit deadline (days)"},
        {"return_visit.complaint_min_percent",
         "RV-2",
         "percent",
         50,
         0,
         100,
         "投诉回访最低比例",
         "Minimum share of complaints visited"},
    };
    return kCatalog;
}

const PolicySetting* FindPolicySetting(std::string_view key) {
    for (const auto& setting : PolicyCatalog()) {
        if (setting.key == key) return &setting;
    }
    return nullptr;
}

Status ValidatePolicyValue(const PolicySetting& setting, std::int64_t value) {
    if (value < setting.min || value > setting.max) {
        return MakeError(
            ErrorCode::kInvalidArgument,
            setting.key + " must be between " + std::to_string(setting.min) + " and " + std::to_string(setting.max),
            "value");
    }
    return {};
}

void PolicyValues::Set(const std::string& key, std::int64_t value) {
    for (auto& [k, v] : values_) {
        if (k == key) {
            v = value;
            return;
        }
    }
    values_.emplace_back(key, value);
}

std::int64_t PolicyValues::Get(std::string_view key) const {
    for (const auto& [k, v] : values_) {
        if (k == key) return v;
    }
    const PolicySetting* setting = FindPolicySetting(key);
    PATRON_ASSERT(setting != nullptr);
    return setting->default_value;
}

}  // namespace patron::domain
