#include "cli/commands.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/demo_seed.hpp"
#include "cli/runtime.hpp"
#include "common/errors.hpp"

namespace patron::cli {
namespace {

int ExitCodeOf(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
        case ErrorCode::kPayloadTooLarge:
        case ErrorCode::kUnsupportedMediaType:
            return 2;
        case ErrorCode::kNotFound:
            return 3;
        case ErrorCode::kForbidden:
        case ErrorCode::kUnauthenticated:
            return 4;
        case ErrorCode::kConflict:
            return 5;
        default:
            return 6;
    }
}

int Fail(const Error& error) {
    std::cerr << "error: " << error.message;
    if (!error.field.empty()) std::cerr << " (" << error.field << ")";
    std::cerr << "\n";
    for (std::size_t detail_idx = 1; detail_idx < error.details.size(); ++detail_idx) {
        std::cerr << "       " << error.details[detail_idx].field << " " << error.details[detail_idx].message << "\n";
    }
    return ExitCodeOf(error.code);
}

// A password from PATRON_PASSWORD, or one line of standard input (never a command-line argument,
// which other users of the machine could see).
std::string ReadPassword(const char* prompt) {
    if (const char* env = std::getenv("PATRON_PASSWORD"); env != nullptr && *env != '\0') return env;
    if (isatty(STDIN_FILENO)) std::cerr << prompt;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

// A caller acting as the named user, for operator commands that go through permission checks.
Expected<app::Caller> ActAs(Runtime& rt, const std::string& org_code, const std::string& username) {
    auto org = rt.setup.FindOrganization(org_code);
    if (!org) return MakeError(ErrorCode::kNotFound, "no organisation " + org_code);
    return app::LocalCaller(rt.store, org->id, username, {"cli", "patron-cli", ""});
}

void SetUpLogging(const std::string& level) {
    auto logger = spdlog::stderr_logger_mt("patron");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","data":%v})");
    spdlog::set_level(spdlog::level::from_str(level));
}

// The demo admin password: PATRON_DEMO_PASSWORD, or one generated once and kept in the data dir.
std::string DemoPassword(const std::filesystem::path& data_dir) {
    if (const char* env = std::getenv("PATRON_DEMO_PASSWORD"); env != nullptr && *env != '\0') return env;
    auto file = data_dir / "demo-password.txt";
    std::ifstream in(file);
    std::string password;
    if (in && std::getline(in, password) && !password.empty()) return password;
    password = "Patron-" + crypto::RandomToken(9);
    std::ofstream out(file);
    out << password << "\n";
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    return password;
}

}  // namespace

int Main(int argc, char** argv) {
    crypto::InitCrypto();
    CLI::App cli{"Patron: VIP customer management server"};
    cli.require_subcommand(1);
    std::string config_path;
    cli.add_option("-c,--config", config_path, "TOML configuration file")->check(CLI::ExistingFile);
    std::string database_url;
    cli.add_option("--database", database_url, "database URL (overrides config and PATRON_DATABASE_URL)");
    std::string files_dir;
    cli.add_option("--files-dir", files_dir, "directory of scanned documents (overrides config and PATRON_FILES_DIR)");

    std::string listen;
    std::string static_root;
    auto* serve = cli.add_subcommand("serve", "run the HTTP server");
    serve->add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
    serve->add_option("--static-root", static_root, "directory of the built web UI");

    std::string data_dir = "./var";
    auto* demo = cli.add_subcommand("demo", "create a SQLite database with demo data (once) and serve it");
    demo->add_option("--data-dir", data_dir, "where the database lives")->capture_default_str();
    demo->add_option("--listen", listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
    demo->add_option("--static-root", static_root, "directory of the built web UI");
    int demo_customers = 200;
    demo->add_option("--customers", demo_customers, "number of demo customers")->capture_default_str();

    auto* migrate = cli.add_subcommand("migrate", "apply pending schema migrations");

    std::string org_code, org_name, admin_username = "admin";
    auto* init = cli.add_subcommand("init", "create an organisation and its administrator (password from stdin)");
    init->add_option("--org", org_code, "organisation code used at login")->required();
    init->add_option("--name", org_name, "organisation name")->required();
    init->add_option("--admin", admin_username, "administrator username")->capture_default_str();

    auto* user = cli.add_subcommand("user", "manage users");
    user->require_subcommand(1);
    std::string username, display_name, role, department;
    auto* user_add = user->add_subcommand("add", "add a user (password from stdin or PATRON_PASSWORD)");
    user_add->add_option("--org", org_code)->required();
    user_add->add_option("username", username)->required();
    user_add->add_option("--name", display_name, "display name");
    user_add->add_option("--role", role, "ORG-2 role code, e.g. sales_consultant");
    user_add->add_option("--department", department, "department name (default: the group)");
    auto* user_passwd = user->add_subcommand("passwd", "set a user's password (from stdin) and end their sessions");
    user_passwd->add_option("--org", org_code)->required();
    user_passwd->add_option("username", username)->required();
    auto* user_disable = user->add_subcommand("disable", "disable a user and end their sessions");
    user_disable->add_option("--org", org_code)->required();
    user_disable->add_option("username", username)->required();

    std::string as_user = "admin";
    std::string file;
    bool dry_run = false;
    auto* import_cmd = cli.add_subcommand("import", "import data");
    import_cmd->require_subcommand(1);
    auto* import_customers = import_cmd->add_subcommand("customers", "import customers from CSV (UTF-8 or GB18030)");
    import_customers->add_option("file", file, "CSV file")->required()->check(CLI::ExistingFile);
    import_customers->add_option("--org", org_code)->required();
    import_customers->add_option("--as", as_user, "user whose permissions apply")->capture_default_str();
    import_customers->add_flag("--dry-run", dry_run, "check every row, import nothing");

    std::string output, query;
    auto* export_cmd = cli.add_subcommand("export", "export data");
    export_cmd->require_subcommand(1);
    auto* export_customers = export_cmd->add_subcommand("customers", "export the visible customers as CSV");
    export_customers->add_option("--org", org_code)->required();
    export_customers->add_option("--as", as_user, "user whose permissions apply")->capture_default_str();
    export_customers->add_option("-q,--query", query, "substring search");
    export_customers->add_option("-o,--output", output, "file (default: standard output)");

    auto* calendar = cli.add_subcommand("calendar", "the working-day calendar (holidays, make-up working days)");
    calendar->require_subcommand(1);
    bool replace = false;
    std::string calendar_format;
    int year = 0;
    auto* calendar_import =
        calendar->add_subcommand("import", "import days from CSV (date,kind,name) or iCalendar (.ics); all or nothing");
    calendar_import->add_option("file", file, "CSV or .ics file")->required()->check(CLI::ExistingFile);
    calendar_import->add_option("--org", org_code)->required();
    calendar_import->add_option("--as", as_user, "user whose permissions apply")->capture_default_str();
    calendar_import->add_flag("--replace", replace, "first remove every mark of the years the file covers");
    calendar_import->add_option("--format", calendar_format, "csv or ics (default: from the file name)");
    auto* calendar_export = calendar->add_subcommand("export", "export the calendar's marks");
    calendar_export->add_option("--org", org_code)->required();
    calendar_export->add_option("--as", as_user, "user whose permissions apply")->capture_default_str();
    calendar_export->add_option("--year", year, "one year (default: all)");
    calendar_export->add_option("--format", calendar_format, "csv (default) or ics");
    calendar_export->add_option("-o,--output", output, "file (default: standard output)");

    auto* penalties = cli.add_subcommand("penalties", "ARC-6 fines");
    penalties->require_subcommand(1);
    std::string month;
    auto* penalties_run =
        penalties->add_subcommand("run", "compute the month's fines from the recorded facts (idempotent)");
    penalties_run->add_option("--org", org_code)->required();
    penalties_run->add_option("--month", month, "YYYY-MM")->required();
    penalties_run->add_option("--as", as_user, "user whose permissions apply (penalty.decide)")->capture_default_str();

    std::string destination;
    auto* backup = cli.add_subcommand("backup", "write a consistent copy of the database (SQLite backup / pg_dump)");
    backup->add_option("destination", destination, "file to write")->required();

    auto* audit = cli.add_subcommand("audit", "audit log");
    audit->require_subcommand(1);
    auto* audit_verify = audit->add_subcommand("verify", "check the hash chain; names the first broken entry");
    audit_verify->add_option("--org", org_code)->required();

    CLI11_PARSE(cli, argc, argv);

    try {
        Config config = LoadConfig(config_path);
        if (!database_url.empty()) config.database_url = database_url;
        if (!files_dir.empty()) config.files_dir = files_dir;
        ApplyBackendDefaults(config);
        if (!static_root.empty()) config.static_root = static_root;
        if (!listen.empty() && !ParseListen(listen, &config.server.host, &config.server.port)) {
            std::cerr << "error: --listen must be HOST:PORT\n";
            return 2;
        }
        SetUpLogging(config.log_level);
        if (*demo) {
            std::filesystem::create_directories(data_dir);
            if (config_path.empty() && database_url.empty() && std::getenv("PATRON_DATABASE_URL") == nullptr) {
                config.database_url = "sqlite:" + (std::filesystem::path(data_dir) / "patron.db").string();
            }
            Runtime rt(config);
            std::string password = DemoPassword(data_dir);
            auto seeded = app::SeedDemo(rt.ctx, password, demo_customers);
            if (!seeded.ok()) return Fail(seeded.error());
            std::printf(
                "%s demo data in %s\n", *seeded ? "Created" : "Reusing", rt.store.database().Describe().c_str());
            std::printf(
                "Admin login: organisation=%s username=admin password=%s\n", app::kDemoOrgCode, password.c_str());
            std::printf(
                "Other demo users (same password): gm, director, keeper, sales1, sales2, advisor1, auditor ...\n");
            return Serve(rt, config);
        }
        Runtime rt(config);
        if (*serve) return Serve(rt, config);
        if (*migrate) {
            std::printf("schema version %d\n", storage::SchemaVersion(rt.store.database()));
            return 0;
        }
        if (*init) {
            std::string password = ReadPassword("administrator password (12+ characters): ");
            auto created = rt.setup.CreateOrganization({org_code, org_name, admin_username, "系统管理员", password});
            if (!created.ok()) return Fail(created.error());
            std::printf("created organisation %s (id %lld) with administrator %s\n",
                        org_code.c_str(),
                        static_cast<long long>(created->org.id.value),
                        admin_username.c_str());
            return 0;
        }
        if (*user_add) {
            std::string password = ReadPassword("password (12+ characters): ");
            auto added = rt.setup.AddUser(org_code, username, display_name, password, department, role);
            if (!added.ok()) return Fail(added.error());
            std::printf("added user %s (id %lld)\n", username.c_str(), static_cast<long long>(added->id.value));
            return 0;
        }
        if (*user_passwd) {
            Status status = rt.setup.SetPassword(org_code, username, ReadPassword("new password (12+ characters): "));
            if (!status.ok()) return Fail(status.error());
            std::printf("password changed; %s's sessions ended\n", username.c_str());
            return 0;
        }
        if (*user_disable) {
            Status status = rt.setup.DisableUser(org_code, username);
            if (!status.ok()) return Fail(status.error());
            std::printf("user %s disabled; sessions ended\n", username.c_str());
            return 0;
        }
        if (*import_customers) {
            auto caller = ActAs(rt, org_code, as_user);
            if (!caller.ok()) return Fail(caller.error());
            std::ifstream in(file, std::ios::binary);
            std::stringstream content;
            content << in.rdbuf();
            bool tty = isatty(STDERR_FILENO);
            auto progress = [&](std::int64_t processed, std::int64_t total) {
                if (!tty || total <= 0) return;
                int percent = static_cast<int>(processed * 100 / total);
                std::string bar(static_cast<std::size_t>(percent / 2), '#');
                std::fprintf(stderr, "\r[%-50s] %3d%%", bar.c_str(), percent);
            };
            auto report = rt.imports.Run(*caller, content.str(), dry_run, progress);
            if (tty) std::fprintf(stderr, "\n");
            if (!report.ok()) return Fail(report.error());
            for (const auto& e : report->errors) {
                std::printf("line %zu: %s: %s\n", e.line, e.field.c_str(), e.message.c_str());
            }
            std::printf("%s: %lld rows, %lld imported",
                        report->status.c_str(),
                        static_cast<long long>(report->total),
                        static_cast<long long>(report->imported));
            if (report->committed_at != 0) {
                std::printf(" (committed after %.1f s, searchable after %.1f s)",
                            static_cast<double>(report->committed_at - report->created_at) / 1000.0,
                            static_cast<double>(report->finished_at - report->created_at) / 1000.0);
            }
            std::printf("\n");
            return report->status == "invalid" ? 2 : 0;
        }
        if (*export_customers) {
            auto caller = ActAs(rt, org_code, as_user);
            if (!caller.ok()) return Fail(caller.error());
            app::CustomerListQuery q;
            q.q = query;
            auto csv = rt.imports.ExportCsv(*caller, q);
            if (!csv.ok()) return Fail(csv.error());
            if (output.empty()) {
                std::cout << *csv;
            } else {
                std::ofstream(output, std::ios::binary) << *csv;
            }
            return 0;
        }
        if (*calendar_import || *calendar_export) {
            auto caller = ActAs(rt, org_code, as_user);
            if (!caller.ok()) return Fail(caller.error());
            bool ics = calendar_format == "ics" || (calendar_format.empty() && file.ends_with(".ics"));
            if (!calendar_format.empty() && calendar_format != "ics" && calendar_format != "csv") {
                return Fail(MakeError(ErrorCode::kInvalidArgument, "--format must be csv or ics", "format"));
            }
            auto format = ics ? app::CalendarFormat::kIcs : app::CalendarFormat::kCsv;
            if (*calendar_import) {
                std::ifstream in(file, std::ios::binary);
                std::stringstream content;
                content << in.rdbuf();
                auto result = rt.calendar.Import(*caller, content.str(), format, replace);
                if (!result.ok()) return Fail(result.error());
                std::printf("imported %d days", result->imported);
                for (int replaced : result->years_replaced) std::printf(" (replaced %d)", replaced);
                std::printf("; calendar version %lld\n", static_cast<long long>(result->version));
                return 0;
            }
            auto text = rt.calendar.Export(*caller, year, format);
            if (!text.ok()) return Fail(text.error());
            if (output.empty()) {
                std::cout << *text;
            } else {
                std::ofstream(output, std::ios::binary) << *text;
            }
            return 0;
        }
        if (*penalties_run) {
            auto caller = ActAs(rt, org_code, as_user);
            if (!caller.ok()) return Fail(caller.error());
            auto result = rt.penalties.Run(*caller, month);
            if (!result.ok()) return Fail(result.error());
            std::printf("%s: %d proposed, %d unchanged, %d withdrawn; total %s RMB\n",
                        result->month.c_str(),
                        result->proposed,
                        result->unchanged,
                        result->withdrawn,
                        domain::Yuan(result->total_fen).c_str());
            return 0;
        }
        if (*backup) {
            rt.store.database().Backup(destination);
            std::printf("backup written to %s\n", destination.c_str());
            return 0;
        }
        if (*audit_verify) {
            auto org = rt.setup.FindOrganization(org_code);
            if (!org) return Fail(MakeError(ErrorCode::kNotFound, "no organisation " + org_code));
            app::ChainCheck check = rt.audit_service.Verify(org->id);
            if (check.first_broken_seq != 0) {
                std::printf("BROKEN at entry %lld of %lld: %s\n",
                            static_cast<long long>(check.first_broken_seq),
                            static_cast<long long>(check.entries),
                            check.reason.c_str());
                return 1;
            }
            std::printf("audit chain intact: %lld entries\n", static_cast<long long>(check.entries));
            return 0;
        }
    } catch (const Exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace patron::cli
