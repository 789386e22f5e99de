// /api/v1/penalties: the ARC-6 penalty run, fines with their facts and arithmetic, the customer
// director's decisions, monthly statements.
#include <cmath>

#include "app/penalty_service.hpp"
#include "http/api.hpp"
#include "http/handlers/common.hpp"

namespace patron::http {
namespace {

json::object FineJson(const app::FineView& v) {
    const auto& f = v.fine;
    return {{"id", f.id.value},
            {"version", f.version},
            {"rule", f.violation.rule},
            {"person_id", f.violation.person.value},
            {"person_name", v.person_name},
            {"department_id", f.violation.department.value},
            {"department_name", v.department_name},
            {"archive_id", f.violation.archive.value},
            {"archive_number", v.archive_number},
            {"offender_kind", f.violation.offender_kind},
            {"day", FormatDate(f.violation.day)},
            {"base_fen", f.violation.base_fen},
            {"ordinal", f.ordinal},
            {"multiplier", f.multiplier},
            {"amount_fen", f.amount_fen},
            {"facts", f.violation.facts},
            {"arithmetic", f.arithmetic},
            {"status", f.status},
            {"decided_by", OptionalIdJson(f.decided_by)},
            {"decided_at", OptionalTimeJson(f.decided_at)},
            {"reason", f.reason}};
}

}  // namespace

void AddPenaltyRoutes(Router& router, Services& s) {
    router.Add({"POST", "/api/v1/penalties/runs", AuthMode::kSession, "penalty.decide", true},
               [&s](Request& req, const app::Caller* c) {
                   std::string month;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("month");
                       r.Str("month", month, 7);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.penalties.Run(*c, month), [](const app::PenaltyRunResult& r) {
                       return json::object{{"month", r.month},
                                           {"proposed", r.proposed},
                                           {"unchanged", r.unchanged},
                                           {"withdrawn", r.withdrawn},
                                           {"total_fen", r.total_fen}};
                   });
               });
    router.Add({"GET", "/api/v1/penalties", AuthMode::kSession, "own or penalty.read"},
               [&s](Request& req, const app::Caller* c) {
                   return Reply(req, s.penalties.List(*c, QueryText(req, "month")), [](const auto& list) {
                       return json::object{{"items", ArrayOf(list, FineJson)}};
                   });
               });
    router.Add({"POST", "/api/v1/penalties/{id}/decision", AuthMode::kSession, "penalty.decide"},
               [&s](Request& req, const app::Caller* c) {
                   auto id = PathId<FineId>(req, "id");
                   if (!id.ok()) return Problem(id.error(), req.request_id);
                   std::string decision, reason;
                   std::int64_t version = 0;
                   Status body = ReadBody(req.body, [&](JsonReader& r) {
                       r.Require("decision");
                       r.Str("decision", decision, 20);
                       r.Str("reason", reason, 1000);
                       ReadVersion(r, version);
                   });
                   if (!body.ok()) return Problem(body.error(), req.request_id);
                   return Reply(req, s.penalties.Decide(*c, *id, decision, reason, version), FineJson);
               });
    router.Add(
        {"GET", "/api/v1/penalties/statement", AuthMode::kSession, "own or penalty.read"},
        [&s](Request& req, const app::Caller* c) {
            return Reply(req, s.penalties.MonthlyStatement(*c, QueryText(req, "month")), [](const app::Statement& st) {
                json::array persons;
                for (const auto& p : st.persons) {
                    persons.push_back({{"person_id", p.person.value},
                                       {"person_name", p.person_name},
                                       {"department_id", p.department.value},
                                       {"department_name", p.department_name},
                                       {"violations", p.violations},
                                       {"proposed_fen", p.proposed_fen},
                                       {"confirmed_fen", p.confirmed_fen},
                                       {"pay_deduction", p.pay_deduction}});
                }
                json::array departments;
                for (const auto& d : st.departments) {
                    departments.push_back({{"department_id", d.department.value},
                                           {"department_name", d.department_name},
                                           {"violations", d.violations},
                                           {"proposed_fen", d.proposed_fen},
                                           {"confirmed_fen", d.confirmed_fen}});
                }
                return json::object{
                    {"month", st.month}, {"persons", std::move(persons)}, {"departments", std::move(departments)}};
            });
        });
}

// ARC-6h
void AddKpiRoutes(Router& router, Services& s) {
    router.Add(
        {"GET", "/api/v1/kpi/archives", AuthMode::kSession, "penalty.read"}, [&s](Request& req, const app::Caller* c) {
            auto kpis = s.penalties.ArchiveKpis(*c, QueryText(req, "month"));
            if (!kpis.ok()) return Problem(kpis.error(), req.request_id);
            json::array out;
            auto rate = [](double r) { return r < 0 ? json::value(nullptr) : json::value(std::round(r * 10) / 10); };
            for (const auto& view : *kpis) {
                const auto& k = view.kpi;
                out.push_back({{"department_id", k.department.value},
                               {"department_name", view.department_name},
                               {"due", k.due},
                               {"on_time", k.on_time},
                               {"on_time_rate", rate(k.OnTimeRate())},
                               {"checked", k.checked},
                               {"complete_first_time", k.complete_first_time},
                               {"completeness_rate", rate(k.CompletenessRate())}});
            }
            return JsonResponse(json::object{{"month", QueryText(req, "month")}, {"departments", std::move(out)}});
        });
}

}  // namespace patron::http
