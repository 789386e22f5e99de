// Personal data masking (PIPL; SEC rules of issue 4). Applied to every answer unless the caller
// holds the personal-data permission for the record. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "domain/customer.hpp"

namespace patron::domain {

// 13812345678 -> 138****5678; landlines keep the area code and the last 4 digits.
std::string MaskPhone(std::string_view phone);
// 110101199003071234 -> 110***********1234
std::string MaskIdNumber(std::string_view id_number);
// Keeps the first 6 characters (province/city), masks the rest.
std::string MaskAddress(std::string_view address);
// For logs and audit details: every run of 7 or more digits (a phone or ID number, possibly with
// a trailing X) keeps its first 3 and last 2 characters; the rest is masked.
std::string MaskDigitRuns(std::string_view text);
// Masks every personal field of a customer in place.
void MaskCustomer(Customer& customer);

// PIPL, at the end of retention: erases what identifies the person and keeps what the statistics
// need (kind, type, category, grade, department, owner, dates; a company's own attributes). The
// name becomes "已匿名客户 <id>"; ID number, phones, contacts, address, notes and website go; an
// individual's company name goes too (their employer). Vehicles lose their plates; VIN, brand,
// model and purchase date stay.
void AnonymiseCustomer(Customer& customer);
void AnonymiseVehicle(Vehicle& vehicle);
// Whether the customer is already anonymised (by its name).
bool IsAnonymised(const Customer& customer);
inline constexpr const char* kAnonymisedText = "（已匿名）";

}  // namespace patron::domain
