// The API: the route table and how a route runs (authentication, CSRF check, error mapping).
// Thread-safe: Execute is called concurrently from I/O threads and the blocking pool.
#pragma once

#include <atomic>
#include <string>

#include "app/access_service.hpp"
#include "app/admin_service.hpp"
#include "app/archive_service.hpp"
#include "app/auth_service.hpp"
#include "app/breach_service.hpp"
#include "app/calendar_service.hpp"
#include "app/custody_service.hpp"
#include "app/customer_service.hpp"
#include "app/document_service.hpp"
#include "app/import_service.hpp"
#include "app/lending_service.hpp"
#include "app/org_service.hpp"
#include "app/penalty_service.hpp"
#include "app/personal_data_service.hpp"
#include "app/reminder_service.hpp"
#include "app/report_service.hpp"
#include "app/visitor_service.hpp"
#include "http/router.hpp"

namespace patron::http {

struct Services {
    app::AuthService& auth;
    app::OrgService& org;
    app::CustomerService& customers;
    app::PolicyService& policy;
    app::AuditService& audit;
    app::ImportService& imports;
    app::CalendarService& calendar;
    app::ArchiveService& archives;
    app::PenaltyService& penalties;
    app::DocumentService& documents;
    app::CustodyService& custody;
    app::ReminderService& reminders;
    app::AccessService& access;
    app::BreachService& breaches;
    app::LendingService& lending;
    app::PersonalDataService& personal_data;
    app::VisitorService& visitors;
    app::ReportService& reports;
    storage::Store& store;
};

struct ApiOptions {
    std::string static_root;      // built web UI (web/dist); empty: no UI
    bool secure_cookies = false;  // set when served over TLS (behind a TLS proxy)
};

class Api {
public:
    Api(Services services, ApiOptions options);
    const Router& router() const { return router_; }
    // Runs a matched route; never throws (500 with the request id on an unexpected failure).
    Response Execute(const Route& route, Request& request) const;
    // Answers a request no route matched: static UI files, SPA fallback, 404/405 problems.
    Response Fallback(Request& request, bool method_not_allowed) const;
    // Readiness: the database answers.
    bool Ready() const;
    void SetDraining() { draining_ = true; }
    bool draining() const { return draining_; }

private:
    Services services_;
    ApiOptions options_;
    Router router_;
    std::atomic<bool> draining_{false};
};

// Route tables, one per resource (handlers/*.cpp), added in this order by Api's constructor.
void AddSystemRoutes(Router& router, Services& services, const Api& api);
void AddAuthRoutes(Router& router, Services& services, const ApiOptions& options);
void AddOrgRoutes(Router& router, Services& services);
void AddCustomerRoutes(Router& router, Services& services);
void AddAdminRoutes(Router& router, Services& services);
void AddImportRoutes(Router& router, Services& services);
void AddCalendarRoutes(Router& router, Services& services);
void AddArchiveRoutes(Router& router, Services& services);
void AddDocumentRoutes(Router& router, Services& services);
void AddCustodyRoutes(Router& router, Services& services);
void AddAccessRoutes(Router& router, Services& services);
void AddBreachRoutes(Router& router, Services& services);
void AddLendingRoutes(Router& router, Services& services);
void AddReportRoutes(Router& router, Services& services);
void AddPenaltyRoutes(Router& router, Services& services);
void AddKpiRoutes(Router& router, Services& services);

}  // namespace patron::http
