#include "app/visitor_service.hpp"

#include "app/audit_writer.hpp"
#include "app/calendar_service.hpp"
#include "common/errors.hpp"

namespace patron::app {
namespace {

using namespace domain::perm;

bool SeesAll(const Caller& caller) {
    return caller.principal.Has(kAccessAuthorise) || caller.principal.Has(kAuditRead);
}

}  // namespace

VisitorView VisitorService::View(const Caller& caller, domain::Visitor v, Date today) const {
    VisitorView view;
    view.status = domain::VisitorStatus(v, today);
    view.host_name = ctx_.directory.Get(caller.org())->User(v.host);
    if (v.host != caller.user() && !caller.principal.Has(kPersonalData)) {
        v.document_number = domain::MaskDocumentNumber(v.document_number);
    }
    view.visitor = std::move(v);
    return view;
}

Expected<VisitorView> VisitorService::Register(const Caller& caller, domain::Visitor v) {
    auto tx = ctx_.store.Write();
    const Timestamp now = ctx_.clock.Now();
    const Date today = CalendarService::Today(*tx, caller.org(), now);
    PATRON_TRY(domain::ValidateVisitor(v, today));
    v.org_id = caller.org();
    v.id = tx->NextId();
    v.version = 1;
    v.host = caller.user();
    v.registered_at = now;
    v.revoked_at = 0;
    v.revoked_by = UserId();
    tx->access().InsertVisitor(v);
    tx->Commit();
    ctx_.audit.Record(AuditFor(
        caller, "visitor.register", "visitor", std::to_string(v.id), "ok", v.document_kind + " " + v.organisation));
    return View(caller, std::move(v), today);
}

Expected<std::vector<VisitorView>> VisitorService::List(const Caller& caller) {
    auto tx = ctx_.store.Read();
    const Date today = CalendarService::Today(*tx, caller.org(), ctx_.clock.Now());
    std::vector<VisitorView> out;
    for (auto& v : tx->access().Visitors(caller.org(), SeesAll(caller) ? UserId() : caller.user(), 200)) {
        out.push_back(View(caller, std::move(v), today));
    }
    return out;
}

Expected<VisitorView> VisitorService::Revoke(const Caller& caller, std::int64_t id, std::int64_t version) {
    auto tx = ctx_.store.Write();
    auto v = tx->access().GetVisitor(caller.org(), id);
    if (!v || (v->host != caller.user() && !SeesAll(caller))) return NotFound("visitor");
    if (v->host != caller.user() && !caller.principal.Has(kAccessAuthorise)) {
        ctx_.audit.Record(AuditFor(caller, "visitor.revoke", "visitor", std::to_string(id), "denied"));
        return Forbidden("end another host's visitor registration");
    }
    if (v->revoked_at != 0) return MakeError(ErrorCode::kFailedPrecondition, "the registration is ended", "status");
    if (v->version != version) return StaleVersion(v->version);
    const Timestamp now = ctx_.clock.Now();
    v->version += 1;
    v->revoked_at = now;
    v->revoked_by = caller.user();
    if (!tx->access().RevokeVisitor(*v, version)) return StaleVersion(version + 1);
    const Date today = CalendarService::Today(*tx, caller.org(), now);
    tx->Commit();
    ctx_.audit.Record(AuditFor(caller, "visitor.revoke", "visitor", std::to_string(id)));
    return View(caller, std::move(*v), today);
}

}  // namespace patron::app
