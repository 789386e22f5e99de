// Format checks for the identifiers customers give us. Each returns an empty string when the
// value is valid, otherwise a short reason a user can act on. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace patron::domain {

// Mainland mobile (1[3-9] + 9 digits, optional +86) or landline with area code (ARC-2(1): "0xx-xxxxxxx").
std::string CheckPhone(std::string_view phone);
// True for a mobile number, false for a landline. Only meaningful when CheckPhone passed.
bool IsMobile(std::string_view phone);
// 18-digit resident ID card (GB 11643, with its ISO 7064 MOD 11-2 check digit), or an organisation
// code (GB 11714, 9 chars) / unified social credit code (GB 32100, 18 chars) for companies (ARC-2(4)).
std::string CheckIdNumber(std::string_view id_number);
// 17-character VIN without I, O, Q, with the check digit in position 9 (GB 16735 / ISO 3779).
std::string CheckVin(std::string_view vin);
// Mainland plate: province character, letter, 5 characters (6 for new-energy plates).
std::string CheckPlate(std::string_view plate);
std::string CheckEmail(std::string_view email);

// Computes the VIN check digit for a 17-character VIN (position 9 ignored). '?' when the VIN has
// an invalid character. Used by CheckVin and by the demo-data generator.
char VinCheckDigit(std::string_view vin);
// The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID card number.
char IdCardCheckDigit(std::string_view first17);

// The length of the UTF-8 sequence a lead byte starts (1–4), or 0 for a byte that cannot lead.
inline std::size_t Utf8SequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 0;
}

// Number of Unicode code points in a UTF-8 string; -1 when it is not valid UTF-8.
int Utf8Length(std::string_view text);

}  // namespace patron::domain
