#include "domain/customer.hpp"

#include <algorithm>

#include "domain/formats.hpp"
#include "domain/validation.hpp"

namespace patron::domain {

Status ValidateCustomer(Customer& c) {
    Checker check;
    check.Enum(c.kind, "kind", kCustomerKinds);
    check.Enum(c.customer_type, "customer_type", kCustomerTypes);
    check.Enum(c.special_kind, "special_kind", kSpecialKinds);
    if (c.customer_type == "general" && !c.special_kind.empty()) {
        check.Add("special_kind", "is only for special customers (CLS-1)");
    }
    check.Enum(c.category, "category", kCustomerCategories);
    check.Enum(c.grade, "grade", kGrades);
    check.Enum(c.secrecy, "secrecy", kSecrecyLevels);
    check.Text(c.name, "name", kNameMax, true);
    check.Text(c.company_name, "company_name", kShortTextMax, c.kind == "company");
    check.Text(c.enterprise_nature, "enterprise_nature", kNameMax);
    check.Text(c.supervising_unit, "supervising_unit", kShortTextMax);
    check.Text(c.address, "address", kShortTextMax);
    check.Text(c.website, "website", kShortTextMax);
    check.Text(c.credit_status, "credit_status", kNameMax);
    check.Text(c.notes, "notes", kLongTextMax, false, true);
    Trim(c.id_number);
    std::transform(c.id_number.begin(), c.id_number.end(), c.id_number.begin(), [](unsigned char ch) {
        return static_cast<char>(std::toupper(ch));
    });
    if (!c.id_number.empty()) check.Format(CheckIdNumber(c.id_number), "id_number");
    if (!c.department_id.valid()) check.Add("department_id", "is required");
    if (c.phones.size() > kMaxPhones) check.Add("phones", "at most " + std::to_string(kMaxPhones) + " phones");
    for (std::size_t phone_idx = 0; phone_idx < c.phones.size(); ++phone_idx) {
        auto& phone = c.phones[phone_idx];
        std::string path = "phones[" + std::to_string(phone_idx) + "]";
        Trim(phone.number);
        check.Enum(phone.kind, path + ".kind", kPhoneKinds);
        check.Format(CheckPhone(phone.number), path + ".number");
        check.Text(phone.label, path + ".label", kNameMax);
    }
    if (c.contacts.size() > kMaxContacts)
        check.Add("contacts", "at most " + std::to_string(kMaxContacts) + " contacts");
    int primaries = 0;
    for (std::size_t contact_idx = 0; contact_idx < c.contacts.size(); ++contact_idx) {
        auto& contact = c.contacts[contact_idx];
        std::string path = "contacts[" + std::to_string(contact_idx) + "]";
        check.Text(contact.name, path + ".name", kNameMax, true);
        check.Text(contact.title, path + ".title", kNameMax);
        Trim(contact.mobile);
        Trim(contact.landline);
        Trim(contact.email);
        if (!contact.mobile.empty()) {
            if (!IsMobile(contact.mobile))
                check.Add(path + ".mobile", "must be a mobile number (11 digits starting 13–19)");
        }
        if (!contact.landline.empty()) check.Format(CheckPhone(contact.landline), path + ".landline");
        if (!contact.email.empty()) check.Format(CheckEmail(contact.email), path + ".email");
        if (contact.is_primary) ++primaries;
    }
    if (primaries > 1) check.Add("contacts", "at most one primary contact");
    return check.Result();
}

Status ValidateVehicle(Vehicle& v) {
    Checker check;
    Trim(v.vin);
    Trim(v.plate);
    std::transform(v.vin.begin(), v.vin.end(), v.vin.begin(), [](unsigned char ch) {
        return static_cast<char>(std::toupper(ch));
    });
    check.Format(CheckVin(v.vin), "vin");
    if (!v.plate.empty()) check.Format(CheckPlate(v.plate), "plate");
    check.Text(v.brand, "brand", kNameMax);
    check.Text(v.model, "model", kNameMax);
    check.Text(v.color, "color", kNameMax);
    if (!v.purchase_date.empty()) {
        Timestamp ignored;
        if (v.purchase_date.size() != 10 || !ParseTimestamp(v.purchase_date, &ignored)) {
            check.Add("purchase_date", "must be a date YYYY-MM-DD");
        }
    }
    return check.Result();
}

Status ValidateInteraction(Interaction& i) {
    Checker check;
    check.Enum(i.kind, "kind", kInteractionKinds);
    check.Enum(i.direction, "direction", kDirections);
    check.Text(i.subject, "subject", kShortTextMax, true);
    check.Text(i.body, "body", kLongTextMax, false, true);
    return check.Result();
}

std::vector<FieldChange> DiffCustomer(const Customer& a, const Customer& b) {
    std::vector<FieldChange> changes;
    auto field = [&](const char* name, const std::string& before, const std::string& after) {
        if (before != after) changes.push_back({name, before, after});
    };
    field("kind", a.kind, b.kind);
    field("customer_type", a.customer_type, b.customer_type);
    field("special_kind", a.special_kind, b.special_kind);
    field("category", a.category, b.category);
    field("name", a.name, b.name);
    field("company_name", a.company_name, b.company_name);
    field("id_number", a.id_number, b.id_number);
    field("enterprise_nature", a.enterprise_nature, b.enterprise_nature);
    field("supervising_unit", a.supervising_unit, b.supervising_unit);
    field("address", a.address, b.address);
    field("website", a.website, b.website);
    field("credit_status", a.credit_status, b.credit_status);
    field("grade", a.grade, b.grade);
    field("secrecy", a.secrecy, b.secrecy);
    field("notes", a.notes, b.notes);
    field("department_id", std::to_string(a.department_id.value), std::to_string(b.department_id.value));
    field("owner_id", std::to_string(a.owner_id.value), std::to_string(b.owner_id.value));
    auto phones = [](const Customer& c) {
        std::string out;
        for (const auto& p : c.phones)
            out += (out.empty() ? "" : "; ") + p.kind + ":" + p.number + (p.label.empty() ? "" : " (" + p.label + ")");
        return out;
    };
    auto contacts = [](const Customer& c) {
        std::string out;
        for (const auto& k : c.contacts) {
            out += (out.empty() ? "" : "; ") + k.name;
            if (!k.title.empty()) out += " (" + k.title + ")";
            if (!k.mobile.empty()) out += " " + k.mobile;
            if (!k.landline.empty()) out += " " + k.landline;
            if (!k.email.empty()) out += " " + k.email;
            if (k.is_primary) out += " [primary]";
        }
        return out;
    };
    field("phones", phones(a), phones(b));
    field("contacts", contacts(a), contacts(b));
    return changes;
}

std::string SearchText(const Customer& c, const std::vector<Vehicle>& vehicles) {
    std::string text = c.name;
    auto add = [&](const std::string& part) {
        if (part.empty()) return;
        text += ' ';
        text += part;
    };
    add(c.company_name);
    for (const auto& p : c.phones) add(p.number);
    for (const auto& k : c.contacts) {
        add(k.name);
        add(k.mobile);
        add(k.landline);
    }
    for (const auto& v : vehicles) {
        add(v.plate);
        add(v.vin);
    }
    return text;
}

}  // namespace patron::domain
