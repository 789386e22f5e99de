// The customer record: CLS-1 type, CLS-2 category, ARC-9 profile fields, CLS-10 several contacts,
// phones, vehicles (ARC-1 one vehicle one archive builds on them), ARC-13 interactions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"
#include "common/ids.hpp"

namespace patron::domain {

// CLS-1: general (distributors, individuals doing business) or special (lawyers, banks, insurers...).
inline constexpr const char* kCustomerTypes[] = {"general", "special"};
// CLS-1: what kind of special customer.
inline constexpr const char* kSpecialKinds[] = {
    "", "lawyer", "financial_adviser", "advertising", "public_relations", "bank", "insurer"};
// CLS-2
inline constexpr const char* kCustomerCategories[] = {"target", "general", "key", "potential"};
inline constexpr const char* kCustomerKinds[] = {"individual", "company"};
inline constexpr const char* kGrades[] = {"", "A", "B", "C"};
// SEC-6
inline constexpr const char* kSecrecyLevels[] = {"normal", "confidential", "top_secret"};
inline constexpr const char* kPhoneKinds[] = {"mobile", "landline", "fax", "other"};
// ARC-13: letters, faxes, calls, and the rest of the relationship.
inline constexpr const char* kInteractionKinds[] = {"call", "letter", "fax", "visit", "email", "note", "meeting"};
inline constexpr const char* kDirections[] = {"", "inbound", "outbound"};

struct Phone {
    std::string kind = "mobile";
    std::string number;
    std::string label;
};

struct Contact {
    std::string name;
    std::string title;
    std::string mobile;
    std::string landline;
    std::string email;
    bool is_primary = false;
};

struct Customer {
    CustomerId id;
    OrgId org_id;
    std::int64_t version = 0;
    std::string kind = "individual";
    std::string customer_type = "general";  // CLS-1
    std::string special_kind;               // CLS-1, when customer_type == special
    std::string category = "potential";     // CLS-2
    std::string name;
    std::string company_name;
    std::string id_number;          // ID card / organisation code (personal data, masked)
    std::string enterprise_nature;  // ARC-9 nature of enterprise
    std::string supervising_unit;   // ARC-9
    std::string address;            // personal data, masked
    std::string website;
    std::string credit_status;
    std::string grade;               // CLS-3 A/B/C, empty until graded
    std::string secrecy = "normal";  // SEC-6 (enforced from issue 4 on)
    std::string notes;
    DepartmentId department_id;
    UserId owner_id;
    std::vector<Phone> phones;
    std::vector<Contact> contacts;
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
    UserId created_by;
};

struct Vehicle {
    VehicleId id;
    OrgId org_id;
    CustomerId customer_id;
    std::int64_t version = 0;
    std::string vin;
    std::string plate;
    std::string brand;
    std::string model;
    std::string color;
    std::string purchase_date;  // YYYY-MM-DD or empty
    bool sold_by_us = true;     // ARC-1: after-sales vehicles may be sold elsewhere
    Timestamp created_at = 0;
};

struct Interaction {
    InteractionId id;
    OrgId org_id;
    CustomerId customer_id;
    std::string kind;       // kInteractionKinds
    std::string direction;  // kDirections
    std::string subject;
    std::string body;
    Timestamp occurred_at = 0;
    UserId author_id;
    std::string author_name;  // filled on read
    Timestamp created_at = 0;
};

// One field change of a customer (ARC-9: every major change recorded with time and author).
struct FieldChange {
    std::string field;
    std::string old_value;
    std::string new_value;
};

struct HistoryEntry {
    std::int64_t id = 0;
    CustomerId customer_id;
    std::int64_t version = 0;
    std::string field;
    std::string old_value;
    std::string new_value;
    UserId changed_by;
    std::string changed_by_name;
    Timestamp changed_at = 0;
};

// Limits on free text, in characters (code points).
inline constexpr int kNameMax = 100;
inline constexpr int kShortTextMax = 200;
inline constexpr int kLongTextMax = 4000;
inline constexpr int kMaxPhones = 10;
inline constexpr int kMaxContacts = 20;

// Validates every field of a customer; returns all violations at once (field paths such as
// "phones[1].number"). Normalises in place: trims, upper-cases id numbers.
Status ValidateCustomer(Customer& customer);
Status ValidateVehicle(Vehicle& vehicle);
Status ValidateInteraction(Interaction& interaction);

// The fields that differ between two versions of a customer, as display strings, in a fixed order.
std::vector<FieldChange> DiffCustomer(const Customer& before, const Customer& after);

// The text a substring search matches against: name, company, phones, contacts, plates, VINs.
std::string SearchText(const Customer& customer, const std::vector<Vehicle>& vehicles);

}  // namespace patron::domain
