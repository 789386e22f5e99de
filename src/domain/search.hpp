// Substring search rules (issue 2 §7). A trigram index serves queries of 3+ characters; shorter
// queries of Chinese characters (王, 王芳) are served by an index of every 1- and 2-character gram
// of the Chinese parts of a customer's names; shorter queries of digits or Latin letters scan.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/customer.hpp"

namespace patron::domain {

// Splits UTF-8 text into code points (each a std::string). Invalid bytes are dropped.
std::vector<std::string> CodePoints(std::string_view text);
bool IsCjk(std::string_view code_point);

// Every 1- and 2-character gram that contains a CJK character, from the customer's name, company
// name, contact names and plates (京A12345 gives 京 and 京A). Together they answer every 1–2
// character query with a Chinese character in it exactly: phones and VINs have none.
std::set<std::string> ShortGrams(const Customer& customer, const std::vector<Vehicle>& vehicles);

enum class QueryPlan {
    kAll,      // empty query: no text condition
    kTrigram,  // 3+ characters
    kGram,     // 1–2 characters, all CJK
    kScan,     // 1–2 characters, some not CJK
};

QueryPlan PlanQuery(std::string_view normalized_query);
// Trims, collapses whitespace, lower-cases ASCII. At most 100 characters are kept.
std::string NormalizeQuery(std::string_view query);

}  // namespace patron::domain
