// Explicit wiring of the parts (no magic registration): database, store, clock, audit writer,
// policy cache, the use-case services, and - for `serve` - the API and the HTTP server.
#pragma once

#include <memory>

#include "app/access_service.hpp"
#include "app/admin_service.hpp"
#include "app/archive_service.hpp"
#include "app/audit_writer.hpp"
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
#include "cli/config.hpp"
#include "storage/migrations.hpp"

namespace patron::cli {

class Runtime {
public:
    // Opens the database and applies pending migrations.
    explicit Runtime(const Config& config);
    ~Runtime();

    storage::Store store;
    AdjustableClock clock;
    app::AuditWriter audit;
    app::PolicyCache policy;
    app::PrincipalCache principals;
    app::DirectoryCache directory;
    app::SessionCache sessions;
    app::AppContext ctx;
    app::AuthService auth;
    app::OrgService org;
    app::CustomerService customers;
    app::PolicyService policy_service;
    app::AuditService audit_service;
    app::ImportService imports;
    app::CalendarService calendar;
    app::ArchiveService archives;
    app::PenaltyService penalties;
    app::DocumentService documents;
    app::CustodyService custody;
    app::AccessService access;
    app::BreachService breaches;
    app::LendingService lending;
    app::PersonalDataService personal_data;
    app::VisitorService visitors;
    app::ReportService reports;
    app::ReminderService reminders;
    app::SetupService setup;
};

// Runs the server until SIGTERM or SIGINT; prints "Patron listening on http://HOST:PORT".
int Serve(Runtime& runtime, const Config& config);

}  // namespace patron::cli
