#include "domain/masking.hpp"

#include <algorithm>

#include "domain/formats.hpp"

namespace patron::domain {
namespace {

// Byte offset of the code point with index n (or the string size).
std::size_t Utf8Offset(std::string_view text, int n) {
    std::size_t byte_idx = 0;
    for (int cp = 0; cp < n && byte_idx < text.size(); ++cp) {
        auto lead = static_cast<unsigned char>(text[byte_idx]);
        byte_idx += std::max<std::size_t>(1, Utf8SequenceLength(lead));
    }
    return std::min(byte_idx, text.size());
}

std::string KeepEnds(std::string_view value, std::size_t head, std::size_t tail) {
    if (value.size() <= head + tail) return std::string(value.size(), '*');
    std::string out(value.substr(0, head));
    out.append(value.size() - head - tail, '*');
    out.append(value.substr(value.size() - tail));
    return out;
}

}  // namespace

std::string MaskPhone(std::string_view phone) {
    if (phone.empty()) return {};
    auto dash = phone.find('-');
    if (phone[0] == '0' && dash != std::string_view::npos) {
        return std::string(phone.substr(0, dash + 1)) + KeepEnds(phone.substr(dash + 1), 0, 4);
    }
    return KeepEnds(phone, 3, 4);
}

std::string MaskIdNumber(std::string_view id_number) {
    if (id_number.empty()) return {};
    return KeepEnds(id_number, 3, 4);
}

std::string MaskAddress(std::string_view address) {
    if (address.empty()) return {};
    std::size_t keep = Utf8Offset(address, 6);
    if (keep >= address.size()) return std::string(address.substr(0, Utf8Offset(address, 2))) + "****";
    return std::string(address.substr(0, keep)) + "****";
}

std::string MaskDigitRuns(std::string_view text) {
    std::string out;
    std::size_t char_idx = 0;
    while (char_idx < text.size()) {
        std::size_t run_end = char_idx;
        while (run_end < text.size() && ((text[run_end] >= '0' && text[run_end] <= '9') ||
                                         ((text[run_end] == 'X' || text[run_end] == 'x') && run_end > char_idx))) {
            ++run_end;
        }
        if (run_end - char_idx >= 7) {
            out += KeepEnds(text.substr(char_idx, run_end - char_idx), 3, 2);
            char_idx = run_end;
        } else if (run_end > char_idx) {
            out.append(text.substr(char_idx, run_end - char_idx));
            char_idx = run_end;
        } else {
            out.push_back(text[char_idx++]);
        }
    }
    return out;
}

void MaskCustomer(Customer& customer) {
    customer.id_number = MaskIdNumber(customer.id_number);
    customer.address = MaskAddress(customer.address);
    for (auto& phone : customer.phones) phone.number = MaskPhone(phone.number);
    for (auto& contact : customer.contacts) {
        contact.mobile = MaskPhone(contact.mobile);
        contact.landline = MaskPhone(contact.landline);
    }
}

namespace {
constexpr std::string_view kAnonymisedName = "已匿名客户 ";
}  // namespace

void AnonymiseCustomer(Customer& c) {
    c.name = std::string(kAnonymisedName) + std::to_string(c.id.value);
    c.id_number.clear();
    c.address.clear();
    c.website.clear();
    c.notes.clear();
    c.phones.clear();
    c.contacts.clear();
    if (c.kind != "company") c.company_name.clear();
}

void AnonymiseVehicle(Vehicle& v) { v.plate.clear(); }

bool IsAnonymised(const Customer& c) { return c.name.rfind(kAnonymisedName, 0) == 0 && c.phones.empty(); }

}  // namespace patron::domain
