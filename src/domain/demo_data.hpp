// Deterministic generator of realistic Chinese customer data for demos, load tests and benchmarks:
// names by surname frequency, mobile and landline numbers, resident ID cards (GB 11643), unified
// social credit codes (GB 32100), VINs (GB 16735), plates, companies and addresses. Everything it
// produces passes the checks in formats.hpp and ValidateCustomer / ValidateVehicle.
//
// Pure computation: no I/O, no clock, no std::random_device. The same seed gives the same sequence
// on every run and platform (the engine is std::mt19937_64 and no std:: distribution is used, since
// their output differs between standard libraries). Word lists are static tables; a call allocates
// only the strings it returns. Not thread-safe: use one generator per thread (seed them differently).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "domain/customer.hpp"

namespace patron::domain {

class DemoDataGenerator {
public:
    explicit DemoDataGenerator(std::uint64_t seed);

    // Surname by its frequency in the population (incl. a few two-character ones such as 欧阳)
    // and one (about 30%) or two given-name characters: 2 to 4 characters in all.
    std::string PersonName();
    // 11 digits with a real carrier prefix (13x, 15x, 17x, 18x, 19x ...); passes IsMobile.
    std::string MobilePhone();
    // Area code, dash, 8-digit local number, e.g. "0755-86123456"; passes CheckPhone, not IsMobile.
    std::string Landline();
    // 18-digit resident ID card: real district code, birth date 1950..2004, sequence, check digit.
    std::string IdCardNumber();
    // 18-character unified social credit code of an enterprise ("91" + district + organisation code
    // with its GB 11714 check + GB 32100 check character).
    std::string SocialCreditCode();
    // City + trade name + industry + legal form, e.g. "深圳华信汽车销售有限公司".
    std::string CompanyName();
    // Province (unless a municipality), city, district, road and number, e.g. "北京市朝阳区建国路88号".
    std::string Address();
    // Province character, city letter and 5 characters; about 10% new-energy plates with 6 (京AD12345).
    std::string Plate();
    // 17 characters: real manufacturer prefix (WMI), no I/O/Q, check digit in position 9, model year
    // in position 10. The first 33 million VINs of one generator never repeat (plant code and serial
    // number are a permuted counter with a random start), so they fit the (org_id, vin) unique index.
    std::string Vin();
    // {brand, model}, e.g. {"大众", "帕萨特"}.
    std::pair<std::string, std::string> BrandModel();
    // Body colour as on the registration certificate: 白 黑 银 灰 红 蓝.
    std::string Color();
    // A valid calendar date "YYYY-MM-DD" with the year in [year_from, year_to].
    std::string Date(int year_from, int year_to);

    // A whole customer without ids, org, department or owner (the caller sets those): 85% individuals,
    // 15% companies; category general 40% / potential 30% / target 20% / key 10%; 10% special customers
    // with a special_kind; 1–2 phones, 0–2 contacts, an address; an ID card for ~70% of individuals and a
    // social credit code for every company. Address, landline, ID district and plates usually share
    // one home city.
    Customer MakeCustomer();
    // 1–2 vehicles (about 80% one) for the customer made last: vin, plate, brand, model, colour,
    // purchase_date 2019..2026 (the VIN's model year follows it), sold_by_us 85% true. No ids.
    std::vector<Vehicle> MakeVehicles();

    // A uniformly distributed integer in [lo, hi] (inclusive). Requires lo <= hi.
    std::uint64_t Uniform(std::uint64_t lo, std::uint64_t hi);

private:
    struct CompanyParts {
        std::size_t city;
        std::size_t trade_name;
        std::size_t industry;
        std::size_t legal_form;
    };

    enum class AddressDetail { kStreet, kResidential, kOffice };

    bool Chance(int percent);
    std::size_t Index(std::size_t size);
    // An index into a table of weights, given their running sums.
    template <std::size_t N>
    std::size_t Pick(const std::array<int, N>& cumulative);
    std::size_t PickCity();
    void AppendDigits(std::string& out, int count);
    void AppendDate(std::string& out, int year_from, int year_to);
    std::string MobilePhoneImpl();
    std::string LandlineIn(std::size_t city);
    std::string IdCardNumberIn(std::size_t city);
    std::string SocialCreditCodeIn(std::size_t city);
    std::string AddressIn(std::size_t city, AddressDetail detail);
    std::string PlateIn(std::size_t city, bool new_energy);
    std::string VinFor(std::size_t brand, int model_year);
    CompanyParts PickCompany(std::size_t city);
    std::string CompanyNameOf(const CompanyParts& parts) const;

    std::mt19937_64 engine_;
    std::uint64_t vin_counter_;  // next (plant, serial) pair, see Vin()
    std::size_t last_city_ = 0;  // home city of the customer MakeCustomer made last
};

}  // namespace patron::domain
