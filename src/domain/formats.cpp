#include "domain/formats.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace patron::domain {
namespace {

bool AllDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

std::string_view StripCountryCode(std::string_view phone) {
    if (phone.starts_with("+86")) phone.remove_prefix(3);
    if (phone.starts_with("86") && phone.size() == 13) phone.remove_prefix(2);
    return phone;
}

}  // namespace

int Utf8Length(std::string_view text) {
    int count = 0;
    for (std::size_t byte_idx = 0; byte_idx < text.size();) {
        auto lead = static_cast<unsigned char>(text[byte_idx]);
        std::size_t len = Utf8SequenceLength(lead);
        if (len == 0 || byte_idx + len > text.size()) return -1;
        for (std::size_t cont = 1; cont < len; ++cont) {
            if ((static_cast<unsigned char>(text[byte_idx + cont]) & 0xC0) != 0x80) return -1;
        }
        byte_idx += len;
        ++count;
    }
    return count;
}

bool IsMobile(std::string_view phone) {
    phone = StripCountryCode(phone);
    return phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' && AllDigits(phone);
}

std::string CheckPhone(std::string_view phone) {
    if (phone.empty()) return "must not be empty";
    if (IsMobile(phone)) return {};
    // Landline: area code 0 + 2–3 digits, a dash or nothing, 7–8 digits, optional extension.
    std::string_view rest = phone;
    if (rest[0] != '0') {
        return "must be a mobile number (11 digits starting 13–19) or a landline with area code (010-12345678)";
    }
    std::size_t dash = rest.find('-');
    std::string_view area, local;
    if (dash == std::string_view::npos) {
        if (!AllDigits(rest) || rest.size() < 10 || rest.size() > 12) {
            return "landline must be area code and 7–8 digits, e.g. 010-12345678";
        }
        return {};
    }
    area = rest.substr(0, dash);
    local = rest.substr(dash + 1);
    std::size_t ext_dash = local.find('-');
    if (ext_dash != std::string_view::npos) {
        std::string_view ext = local.substr(ext_dash + 1);
        local = local.substr(0, ext_dash);
        if (!AllDigits(ext) || ext.size() > 6) return "extension must be 1–6 digits";
    }
    if (!AllDigits(area) || area.size() < 3 || area.size() > 4) return "area code must be 3–4 digits starting with 0";
    if (!AllDigits(local) || local.size() < 7 || local.size() > 8) return "landline number must be 7–8 digits";
    return {};
}

char IdCardCheckDigit(std::string_view first17) {
    static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char kCheck[] = "10X98765432";
    int sum = 0;
    for (std::size_t digit_idx = 0; digit_idx < 17; ++digit_idx) {
        sum += (first17[digit_idx] - '0') * kWeights[digit_idx];
    }
    return kCheck[sum % 11];
}

namespace {

// Unified social credit code (GB 32100-2015): 18 chars from 0-9 A-H J-N P-R T-U W-Y, MOD 31 check.
bool IsSocialCreditCode(std::string_view code) {
    static constexpr std::string_view kChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    if (code.size() != 18) return false;
    int sum = 0;
    for (std::size_t char_idx = 0; char_idx < 17; ++char_idx) {
        auto pos = kChars.find(code[char_idx]);
        if (pos == std::string_view::npos) return false;
        sum += static_cast<int>(pos) * kWeights[char_idx];
    }
    int check = (31 - sum % 31) % 31;
    return code[17] == kChars[check];
}

// Organisation code (GB 11714-1997): 8 digits/letters + check char (digit or X), optionally "-" before it.
bool IsOrganizationCode(std::string_view code) {
    std::string body;
    for (char c : code) {
        if (c != '-') body.push_back(c);
    }
    if (body.size() != 9) return false;
    static constexpr std::array<int, 8> kWeights = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t char_idx = 0; char_idx < 8; ++char_idx) {
        char c = body[char_idx];
        int v;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'A' && c <= 'Z') {
            v = c - 'A' + 10;
        } else {
            return false;
        }
        sum += v * kWeights[char_idx];
    }
    int check = 11 - sum % 11;
    char expected = check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
    return body[8] == expected;
}

}  // namespace

std::string CheckIdNumber(std::string_view id) {
    if (id.empty()) return "must not be empty";
    if (id.size() == 18 && AllDigits(id.substr(0, 17))) {
        char last = id[17] == 'x' ? 'X' : id[17];
        if (last != IdCardCheckDigit(id.substr(0, 17))) {
            // Could still be a social credit code made only of digits in its first 17 places.
            if (IsSocialCreditCode(id)) return {};
            return "ID card number check digit does not match";
        }
        int month = (id[10] - '0') * 10 + (id[11] - '0');
        int day = (id[12] - '0') * 10 + (id[13] - '0');
        if (month < 1 || month > 12 || day < 1 || day > 31) return "ID card number has an invalid birth date";
        return {};
    }
    if (IsSocialCreditCode(id) || IsOrganizationCode(id)) return {};
    return "must be an 18-digit ID card number, a unified social credit code or an organisation code";
}

char VinCheckDigit(std::string_view vin) {
    static constexpr std::array<int, 17> kWeights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        switch (c) {
            case 'A':
            case 'J':
                return 1;
            case 'B':
            case 'K':
            case 'S':
                return 2;
            case 'C':
            case 'L':
            case 'T':
                return 3;
            case 'D':
            case 'M':
            case 'U':
                return 4;
            case 'E':
            case 'N':
            case 'V':
                return 5;
            case 'F':
            case 'W':
                return 6;
            case 'G':
            case 'P':
            case 'X':
                return 7;
            case 'H':
            case 'Y':
                return 8;
            case 'R':
            case 'Z':
                return 9;
            default:
                return -1;
        }
    };
    if (vin.size() != 17) return '?';
    int sum = 0;
    for (std::size_t char_idx = 0; char_idx < 17; ++char_idx) {
        int v = value(vin[char_idx]);
        if (v < 0) return '?';
        sum += v * kWeights[char_idx];
    }
    int check = sum % 11;
    return check == 10 ? 'X' : static_cast<char>('0' + check);
}

std::string CheckVin(std::string_view vin) {
    if (vin.size() != 17) return "VIN must be exactly 17 characters";
    for (char c : vin) {
        if (c == 'I' || c == 'O' || c == 'Q') return "VIN must not contain the letters I, O or Q";
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) return "VIN must be upper-case letters and digits";
    }
    if (VinCheckDigit(vin) != vin[8]) return "VIN check digit (9th character) does not match";
    return {};
}

std::string CheckPlate(std::string_view plate) {
    static constexpr std::string_view kProvinces[] = {"京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖",
                                                      "鲁", "新", "苏", "浙", "赣", "鄂", "桂", "甘", "晋", "蒙", "陕",
                                                      "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};
    bool province_ok = false;
    for (auto province : kProvinces) {
        if (plate.starts_with(province)) {
            province_ok = true;
            plate.remove_prefix(province.size());
            break;
        }
    }
    if (!province_ok) return "plate must start with a province character, e.g. 京A12345";
    if (plate.empty() || plate[0] < 'A' || plate[0] > 'Z') return "plate must have a city letter after the province";
    plate.remove_prefix(1);
    if (plate.size() != 5 && plate.size() != 6)
        return "plate must have 5 characters (6 for new-energy vehicles) after the city letter";
    for (char c : plate) {
        if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
            return "plate characters must be upper-case letters or digits";
    }
    return {};
}

std::string CheckEmail(std::string_view email) {
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || email.find('.', at) == std::string_view::npos ||
        email.back() == '.' ||
        std::any_of(email.begin(), email.end(), [](char ch) { return static_cast<unsigned char>(ch) <= 0x20; })) {
        return "must be an e-mail address";
    }
    return {};
}

}  // namespace patron::domain
