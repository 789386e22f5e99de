// Adds customer archives and handovers to a generated benchmark database (bench/README.md,
// "Archives"): one new-car archive per vehicle for the first N vehicles of the organisation, with
// sales spread over the year before --as-of, three handovers each (the first one to a week after
// the sale, so some are late), and the keeper's check (a correction ordered for about 30 %, made
// within days except for one in fifty), all
// through the storage repositories in transactions of 10,000 archives.
//
//   patron_archivegen --database sqlite:bench/data/1000000/patron.db --archives 1000000
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <random>

#include "common/time_zone.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace {

using namespace patron;

struct Options {
    std::string database_url;
    std::string org_code = "bench";
    std::int64_t archives = 1000000;
    int handovers = 3;
    std::uint64_t seed = 20261127;
    std::string as_of = "2026-11-01";
};

int Run(const Options& o) {
    storage::Store store(storage::OpenDatabase(o.database_url));
    storage::Migrate(store.database());
    Date as_of_day;
    if (!ParseDate(o.as_of, &as_of_day)) {
        std::fprintf(stderr, "--as-of must be YYYY-MM-DD\n");
        return 2;
    }
    const Timestamp as_of = TimeZone::Shanghai().StartOfDay(as_of_day);
    std::optional<domain::Organization> org;
    std::vector<DepartmentId> departments;
    std::vector<UserId> people;
    UserId keeper;
    {
        auto tx = store.Read();
        org = tx->org().FindOrganizationByCode(o.org_code);
        if (!org) {
            std::fprintf(stderr, "no organisation %s\n", o.org_code.c_str());
            return 2;
        }
        for (const auto& d : tx->org().ListDepartments(org->id)) {
            if (d.function == "sales") departments.push_back(d.id);
        }
        for (const auto& u : tx->org().ListUsers(org->id)) people.push_back(u.id);
        keeper = people.front();
    }
    if (departments.empty()) {
        std::fprintf(stderr, "the organisation has no sales department\n");
        return 2;
    }
    // The first N vehicles with their customers (bench tool: straight SQL through the driver).
    std::vector<std::pair<std::int64_t, std::int64_t>> vehicles;
    {
        auto tx = store.Read();
        tx->sql().Query("SELECT id, customer_id FROM vehicles WHERE org_id = ?1 ORDER BY id LIMIT ?2",
                        {org->id, o.archives},
                        [&](const storage::Row& r) { vehicles.emplace_back(r.Int(0), r.Int(1)); });
    }
    std::mt19937_64 rng(o.seed);
    auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const auto& checklist = domain::NewCarChecklist();
    auto started = std::chrono::steady_clock::now();
    const std::size_t batch = 10000;
    std::int64_t handover_count = 0;
    for (std::size_t start = 0; start < vehicles.size(); start += batch) {
        auto tx = store.Write();
        std::size_t end = std::min(vehicles.size(), start + batch);
        std::int64_t first_id = tx->ReserveIds(static_cast<std::int64_t>((end - start) * (1 + o.handovers)));
        for (std::size_t vehicle_idx = start; vehicle_idx < end; ++vehicle_idx) {
            domain::Archive a;
            a.org_id = org->id;
            a.id = ArchiveId(first_id++);
            a.version = 1;
            a.kind = "new_car";
            a.customer_id = CustomerId(vehicles[vehicle_idx].second);
            a.vehicle_id = VehicleId(vehicles[vehicle_idx].first);
            a.department_id = departments[vehicle_idx % departments.size()];
            a.responsible_id =
                people[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(people.size()) - 1))];
            a.event_at = as_of - uniform(1, 365) * kDayMs + uniform(9, 18) * kHourMs;
            a.number = domain::ArchiveNumber(a.kind, 2026, static_cast<std::int64_t>(vehicle_idx) + 1);
            a.status = "checked";
            bool complete = uniform(0, 9) < 7;
            for (const auto& item : checklist) {
                a.items.push_back({item.code, item.optional ? "missing" : "present", "", complete, true});
            }
            Timestamp handed = a.event_at + uniform(0, 7 * 24) * kHourMs;
            a.checked_at = handed + kDayMs;
            if (!complete) {
                a.correction_ordered_at = a.checked_at;
                // Most corrections are made within days; one in fifty never is (ARC-6i repeats).
                if (uniform(0, 49) != 0) a.corrected_at = a.checked_at + uniform(1, 4) * kDayMs;
            }
            a.created_at = a.event_at;
            a.updated_at = a.checked_at;
            a.created_by = a.responsible_id;
            tx->archives().Insert(a);
            for (int handover_idx = 0; handover_idx < o.handovers; ++handover_idx) {
                domain::Handover h;
                h.id = HandoverId(first_id++);
                h.archive_id = a.id;
                h.sender_id = a.responsible_id;
                h.receiver_id = keeper;
                h.handed_at = handed + handover_idx * 2 * kDayMs;
                h.items_handed = {"green_card", "invoice", "contract"};
                h.sender_signed = h.receiver_signed = true;
                tx->archives().InsertHandover(org->id, h);
                ++handover_count;
            }
        }
        tx->Commit();
        if ((end / batch) % 10 == 0 || end == vehicles.size()) {
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            std::fprintf(stderr, "  %zu archives, %.1f s\n", end, seconds);
        }
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("BENCH_ARCHIVES=%zu\nBENCH_HANDOVERS=%lld\nBENCH_ARCHIVE_LOAD_SECONDS=%.1f\n",
                vehicles.size(),
                static_cast<long long>(handover_count),
                seconds);
    storage::RefreshPlannerStatistics(store.database());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App cli("Adds archives and handovers to a benchmark database");
    cli.add_option("--database", o.database_url, "Patron database URL")->required();
    cli.add_option("--org", o.org_code)->capture_default_str();
    cli.add_option("--archives", o.archives, "archives (one per vehicle, at most the vehicles)")->capture_default_str();
    cli.add_option("--handovers-per-archive", o.handovers)->capture_default_str();
    cli.add_option("--seed", o.seed)->capture_default_str();
    cli.add_option("--as-of", o.as_of, "sales fall in the year before this date")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    try {
        return Run(o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
