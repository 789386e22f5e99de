#include "domain/visitor.hpp"

#include "domain/validation.hpp"

namespace patron::domain {

Status ValidateVisitor(Visitor& v, Date today) {
    Checker check;
    check.Text(v.name, "name", 50, true);
    check.Text(v.organisation, "organisation", 100, true);
    check.Enum(v.document_kind, "document_kind", kVisitorDocuments);
    check.Text(v.document_number, "document_number", 50, true);
    check.Text(v.purpose, "purpose", 500, true, true);
    if (v.valid_until < today || v.valid_until > today + std::chrono::days(kMaxVisitorDays)) {
        check.Add("valid_until", "must be between today and " + std::to_string(kMaxVisitorDays) + " days from today");
    }
    return check.Result();
}

std::string VisitorStatus(const Visitor& v, Date today) {
    if (v.revoked_at != 0) return "revoked";
    return today > v.valid_until ? "expired" : "active";
}

std::string MaskDocumentNumber(std::string_view number) {
    if (number.size() <= 4) return std::string(number.size(), '*');
    return std::string(number.substr(0, 2)) + std::string(number.size() - 4, '*') +
           std::string(number.substr(number.size() - 2));
}

}  // namespace patron::domain
