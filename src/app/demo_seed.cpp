#include "app/demo_seed.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/admin_service.hpp"
#include "app/archive_service.hpp"
#include "app/document_service.hpp"
#include "domain/demo_data.hpp"
#include "storage/migrations.hpp"

namespace patron::app {

// ORG-1: group -> stores -> departments; group-level centres.
const std::vector<DemoDepartment>& DemoDepartments() {
    static const std::vector<DemoDepartment> kDepartments = {
        {"华信汽车北京店", "", "store", ""},
        {"华信汽车上海店", "", "store", ""},
        {"CRM管理中心", "", "department", "crm_center"},
        {"法务部", "", "department", "legal"},
        {"品牌事业部", "", "department", "brand"},
        {"集团办公室", "", "department", "office"},
        {"北京店客服部", "华信汽车北京店", "department", "customer_service"},
        {"北京店销售部", "华信汽车北京店", "department", "sales"},
        {"北京店售后服务部", "华信汽车北京店", "department", "after_sales"},
        {"北京店市场推广部", "华信汽车北京店", "department", "marketing"},
        {"北京店财务部", "华信汽车北京店", "department", "finance"},
        {"北京店客户关爱部", "华信汽车北京店", "department", "customer_care"},
        {"上海店客服部", "华信汽车上海店", "department", "customer_service"},
        {"上海店销售部", "华信汽车上海店", "department", "sales"},
        {"上海店售后服务部", "华信汽车上海店", "department", "after_sales"},
        {"上海店市场推广部", "华信汽车上海店", "department", "marketing"},
        {"上海店财务部", "华信汽车上海店", "department", "finance"},
    };
    return kDepartments;
}

const std::vector<DemoUser>& DemoUsers() {
    static const std::vector<DemoUser> kUsers = {
        {"admin", "系统管理员", "system_admin", ""},
        {"gm", "赵总经理", "general_manager", ""},
        {"director", "钱客户总监", "customer_director", ""},
        {"csm", "孙客服经理", "customer_service_manager", "北京店客服部"},
        {"supervisor", "李主管", "supervisor", "北京店客服部"},
        {"keeper", "周档案管理员", "archive_keeper", ""},
        {"infosup", "吴信息主管", "customer_info_supervisor", ""},
        {"infospec", "郑信息专员", "info_specialist", "CRM管理中心"},
        {"salesdir", "王销售总监", "sales_director", "北京店销售部"},
        {"sales1", "冯销售顾问", "sales_consultant", "北京店销售部"},
        {"sales2", "陈销售顾问", "sales_consultant", "上海店销售部"},
        {"advisor1", "褚服务顾问", "service_advisor", "北京店售后服务部"},
        {"crm", "卫客户关系经理", "cr_manager", "北京店客户关爱部"},
        {"crs", "蒋客户关系专员", "cr_specialist", "北京店客户关爱部"},
        {"coord", "沈协调助理", "coordination_assistant", ""},
        {"resdir", "韩顾客资源总监", "customer_resource_director", ""},
        {"chair", "杨执委会主席", "exec_committee_chair", ""},
        {"auditor", "朱审计员", "auditor", ""},
    };
    return kUsers;
}

namespace {

// A one-page PDF that shows `text` (ASCII), as a scanner would deliver it.
std::string DemoScan(const std::string& text) {
    std::string content = "BT /F1 18 Tf 72 720 Td (Patron demo scan: " + text + ") Tj ET";
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t object_idx = 0; object_idx < objects.size(); ++object_idx) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(object_idx + 1) + " 0 obj\n" + objects[object_idx] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
        char line[24];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
        pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

// A dozen new-car archives of the Beijing store in every state of the ARC-4 flow, some handed
// over late, so the archive pages and the handover book have something to show.
void SeedDemoArchives(AppContext& ctx, OrgId org, DepartmentId sales, const std::vector<VehicleId>& vehicles) {
    auto consultant = LocalCaller(ctx.store, org, "sales1", {"demo", "patron-demo", ""});
    auto keeper = LocalCaller(ctx.store, org, "keeper", {"demo", "patron-demo", ""});
    if (!consultant.ok() || !keeper.ok()) return;
    ArchiveService archives(ctx);
    DocumentService documents(ctx);
    const Timestamp now = ctx.clock.Now();
    const auto& checklist = domain::NewCarChecklist();
    for (std::size_t vehicle_idx = 0; vehicle_idx < vehicles.size() && vehicle_idx < 12; ++vehicle_idx) {
        const auto idx = static_cast<Timestamp>(vehicle_idx);
        NewArchive input;
        input.vehicle_id = vehicles[vehicle_idx];
        input.department_id = sales;
        input.event_at = now - (4 + 3 * idx) * kDayMs;
        auto created = archives.Create(*consultant, input);
        if (!created.ok() || vehicle_idx % 4 == 3) continue;  // some are still to be handed over
        HandoverInput handover;
        handover.receiver_id = keeper->user();
        handover.handed_at = input.event_at + (1 + 2 * (idx % 4)) * kDayMs;  // some late
        for (const auto& item : checklist) {
            if (!item.optional) handover.items_handed.push_back(item.code);
        }
        auto handed = archives.RegisterHandover(*consultant, created->archive.id, handover);
        if (!handed.ok() || vehicle_idx % 4 == 2) continue;
        std::vector<domain::ArchiveItem> items;
        for (const auto& item : checklist) {
            items.push_back({item.code, item.optional ? "missing" : "present", "", true, true});
        }
        if (vehicle_idx % 4 == 1) items[0] = {"green_card", "defective", "缺客户签字", false, false};
        auto checked = archives.RecordCheck(*keeper, created->archive.id, items, handed->archive.version);
        if (!checked.ok() || vehicle_idx % 4 == 1) continue;
        // ARC-4: copied and scanned before filing.
        for (const auto& item : items) {
            if (item.state == "missing") continue;
            const std::string pdf = DemoScan(checked->archive.number + " " + item.code);
            auto scan = documents.Upload(*keeper, created->archive.id, {item.code, item.code + ".pdf", ""}, pdf);
            if (!scan.ok()) spdlog::warn("{{\"event\":\"demo_scan\",\"error\":\"{}\"}}", scan.error().message);
        }
        auto filed = archives.File(*keeper,
                                   created->archive.id,
                                   "A" + std::to_string(1 + idx / 4),
                                   std::to_string(1 + idx % 4),
                                   "",
                                   checked->archive.version);
        if (!filed.ok()) spdlog::warn("{{\"event\":\"demo_archive\",\"error\":\"{}\"}}", filed.error().message);
    }
}

}  // namespace

Expected<bool> SeedDemo(AppContext& ctx, const std::string& password, int customers) {
    SetupService setup(ctx);
    if (setup.FindOrganization(kDemoOrgCode)) return false;
    auto created = setup.CreateOrganization({kDemoOrgCode, "华信汽车集团", "admin", "系统管理员", password});
    if (!created.ok()) return created.error();
    const OrgId org = created->org.id;
    std::unordered_map<std::string, DepartmentId> departments{{"", created->root.id}};
    std::string hash = crypto::HashPassword(password, ctx.password_cost);
    const Timestamp now = ctx.clock.Now();
    auto tx = ctx.store.Write();
    for (const auto& d : DemoDepartments()) {
        domain::Department dept{
            DepartmentId(tx->NextId()), org, departments.at(d.parent), d.name, d.kind, d.function, 1};
        tx->org().InsertDepartment(dept);
        departments[d.name] = dept.id;
    }
    std::unordered_map<std::string, UserId> users;
    for (const auto& u : DemoUsers()) {
        if (std::string(u.username) == "admin") {
            users["admin"] = created->admin.id;
            continue;
        }
        domain::User user;
        user.org_id = org;
        user.id = UserId(tx->NextId());
        user.username = u.username;
        user.display_name = u.display_name;
        user.password_hash = hash;
        user.department_id = departments.at(u.department);
        user.created_at = now;
        user.version = 1;
        tx->org().InsertUser(user);
        tx->org().InsertAssignment(org, {tx->NextId(), user.id, u.role, user.department_id});
        users[u.username] = user.id;
    }
    // Customers belong to the stores' sales and after-sales departments, owned by their staff.
    struct Owner {
        const char* department;
        const char* user;
    };
    const Owner owners[] = {{"北京店销售部", "sales1"},
                            {"上海店销售部", "sales2"},
                            {"北京店售后服务部", "advisor1"},
                            {"北京店客户关爱部", "crs"}};
    domain::DemoDataGenerator gen(20261127);
    const std::int64_t first_customer_id = tx->NextId();
    std::vector<VehicleId> sold_in_beijing;
    static constexpr const char* kSubjects[] = {
        "新车交付回访", "保养提醒电话", "投诉处理进展告知", "节日问候", "续保咨询"};
    for (int customer_idx = 0; customer_idx < customers; ++customer_idx) {
        domain::Customer c = gen.MakeCustomer();
        const Owner& owner = owners[customer_idx % 4];
        c.org_id = org;
        c.id = CustomerId(tx->NextId());
        c.version = 1;
        c.department_id = departments.at(owner.department);
        c.owner_id = users.at(owner.user);
        c.created_at = now - static_cast<Timestamp>(gen.Uniform(0, 365)) * kDayMs;
        c.updated_at = std::min(now, c.created_at + static_cast<Timestamp>(gen.Uniform(0, 30)) * kDayMs);
        c.created_by = c.owner_id;
        tx->customers().InsertCustomer(c);
        std::vector<domain::Vehicle> vehicles = gen.MakeVehicles();
        for (auto& v : vehicles) {
            v.org_id = org;
            v.id = VehicleId(tx->NextId());
            v.customer_id = c.id;
            v.version = 1;
            v.created_at = c.created_at;
            tx->customers().InsertVehicle(v);
        }
        tx->customers().IndexCustomer(c, vehicles, storage::CustomerRepo::IndexMode::kNewDeferTrigrams);
        if (owner.user == std::string("sales1")) {
            for (const auto& v : vehicles) sold_in_beijing.push_back(v.id);
        }
        tx->customers().InsertHistory(org,
                                      {{tx->NextId(), c.id, 1, "created", "", c.name, c.owner_id, "", c.created_at}});
        for (std::uint64_t interaction_idx = gen.Uniform(0, 3); interaction_idx > 0; --interaction_idx) {
            domain::Interaction i;
            i.org_id = org;
            i.customer_id = c.id;
            i.id = InteractionId(tx->NextId());
            i.kind = interaction_idx % 2 ? "call" : "visit";
            i.direction = "outbound";
            i.subject = kSubjects[gen.Uniform(0, 4)];
            i.occurred_at = c.created_at + static_cast<Timestamp>(gen.Uniform(1, 60)) * kDayMs;
            if (i.occurred_at > now) i.occurred_at = now;
            i.author_id = c.owner_id;
            i.created_at = i.occurred_at;
            tx->customers().InsertInteraction(i);
        }
    }
    if (customers > 0) tx->customers().IndexTrigrams(org, CustomerId(first_customer_id), CustomerId(tx->NextId()));
    tx->Commit();
    tx.reset();  // releases the write lock the statistics refresh needs
    SeedDemoArchives(ctx, org, departments.at("北京店销售部"), sold_in_beijing);
    storage::RefreshPlannerStatistics(ctx.store.database());
    return true;
}

}  // namespace patron::app
