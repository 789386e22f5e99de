// The storage contract (src/storage/store.hpp), run on every backend: SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "app/search_indexer.hpp"
#include "common/errors.hpp"
#include "domain/search.hpp"
#include "storage/migrations.hpp"
#include "test_support.hpp"

namespace patron::test {
namespace {

class StoreContract : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override { world_ = std::make_unique<World>(GetParam()); }
    storage::Store& store() { return world_->store; }
    OrgFixture Org(const std::string& code) { return MakeOrg(world_->ctx, code); }

    domain::Customer Insert(const OrgFixture& f, domain::Customer c, std::vector<domain::Vehicle> vehicles = {}) {
        auto tx = store().Write();
        c.org_id = f.org.id;
        c.id = CustomerId(tx->NextId());
        c.version = 1;
        c.created_at = c.updated_at = 1000;
        tx->customers().InsertCustomer(c);
        for (auto& v : vehicles) {
            v.org_id = f.org.id;
            v.id = VehicleId(tx->NextId());
            v.customer_id = c.id;
            v.version = 1;
            tx->customers().InsertVehicle(v);
        }
        if (leave_to_indexer_) {
            // As an import does: the rows now, the search index later (app/search_indexer.hpp).
            tx->customers().AddSearchBacklog(f.org.id, {c.id.value, tx->NextId()});
        } else {
            tx->customers().IndexCustomer(c, vehicles);
        }
        tx->Commit();
        return c;
    }

    std::vector<std::string> SearchNames(const OrgFixture& f,
                                         const std::string& q,
                                         std::optional<std::vector<DepartmentId>> scope = std::nullopt) {
        storage::CustomerQuery query;
        query.org = f.org.id;
        query.q = domain::NormalizeQuery(q);
        query.scope = std::move(scope);
        query.sort = "name";
        query.limit = 100;
        auto tx = store().Read();
        std::vector<std::string> names;
        for (const auto& s : tx->customers().Search(query).items) names.push_back(s.name);
        return names;
    }

    // The customers of the substring search tests, and what each query finds among them.
    void InsertSearchSamples(const OrgFixture& f) {
        Insert(f, SampleCustomer(f.sales_a, "王芳"), {SampleVehicle("LSVAU218XN2183294", "京A12345")});
        auto company = SampleCustomer(f.sales_a, "欧阳娜娜");
        company.kind = "company";
        company.company_name = "北京华信汽车销售有限公司";
        company.phones = {{"mobile", "13955556666", ""}};
        Insert(f, company);
        Insert(f, SampleCustomer(f.sales_b, "王小明"));
    }
    void ExpectSearchSamples(const OrgFixture& f) {
        // 1 and 2 Chinese characters: served without a trigram index.
        EXPECT_EQ(SearchNames(f, "王"), (std::vector<std::string>{"王小明", "王芳"}));
        EXPECT_EQ(SearchNames(f, "王芳"), std::vector<std::string>{"王芳"});
        EXPECT_EQ(SearchNames(f, "欧阳"), std::vector<std::string>{"欧阳娜娜"});
        // 3+ characters: names, company, phone digits, plate, VIN (case-insensitive).
        EXPECT_EQ(SearchNames(f, "欧阳娜"), std::vector<std::string>{"欧阳娜娜"});
        EXPECT_EQ(SearchNames(f, "华信汽车"), std::vector<std::string>{"欧阳娜娜"});
        EXPECT_EQ(SearchNames(f, "5556666"), std::vector<std::string>{"欧阳娜娜"});
        EXPECT_EQ(SearchNames(f, "京A123"), std::vector<std::string>{"王芳"});
        EXPECT_EQ(SearchNames(f, "lsvau218x"), std::vector<std::string>{"王芳"});
        // Plates: a province and its city letter are short grams too.
        EXPECT_EQ(SearchNames(f, "京a"), std::vector<std::string>{"王芳"});
        EXPECT_EQ(SearchNames(f, "京"), (std::vector<std::string>{"欧阳娜娜", "王芳"}));  // 北京华信... and 京A...
        // Short non-Chinese queries scan.
        EXPECT_EQ(SearchNames(f, "66").size(), 1u);
        EXPECT_TRUE(SearchNames(f, "不存在的名字").empty());
        // LIKE wildcards in the query are literal.
        EXPECT_TRUE(SearchNames(f, "%%%").empty());
        EXPECT_TRUE(SearchNames(f, "_").empty());
    }

    std::unique_ptr<World> world_;
    bool leave_to_indexer_ = false;
};

TEST_P(StoreContract, MigrationsAreIdempotentAndVersioned) {
    EXPECT_EQ(storage::Migrate(store().database()), 0);
    EXPECT_GE(storage::SchemaVersion(store().database()), 1);
}

TEST_P(StoreContract, CustomerRoundTripKeepsPhonesAndContacts) {
    auto f = Org("rt");
    auto c = Insert(f, SampleCustomer(f.sales_a));
    auto tx = store().Read();
    auto loaded = tx->customers().GetCustomer(f.org.id, c.id);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->name, "王芳");
    EXPECT_EQ(loaded->id_number, c.id_number);
    ASSERT_EQ(loaded->phones.size(), 1u);
    EXPECT_EQ(loaded->phones[0].number, "13812345678");
    ASSERT_EQ(loaded->contacts.size(), 1u);
    EXPECT_EQ(loaded->contacts[0].landline, "010-12345678");
    EXPECT_TRUE(loaded->contacts[0].is_primary);
    EXPECT_EQ(loaded->version, 1);
}

// Issue 2 §4: no query crosses an organisation.
TEST_P(StoreContract, OrganisationsAreIsolated) {
    auto a = Org("iso-a");
    auto b = Org("iso-b");
    auto c = Insert(a, SampleCustomer(a.sales_a, "李雷"));
    auto tx = store().Read();
    EXPECT_FALSE(tx->customers().GetCustomer(b.org.id, c.id));
    EXPECT_FALSE(tx->org().GetDepartment(b.org.id, a.sales_a));
    EXPECT_FALSE(tx->org().GetUser(b.org.id, a.sales1));
    EXPECT_TRUE(SearchNames(b, "李雷").empty());
    EXPECT_TRUE(SearchNames(b, "李").empty());
    EXPECT_TRUE(SearchNames(b, "").empty());
    EXPECT_EQ(SearchNames(a, "李雷"), std::vector<std::string>{"李雷"});
}

TEST_P(StoreContract, StaleUpdateChangesNothing) {
    auto f = Org("occ");
    auto c = Insert(f, SampleCustomer(f.sales_a));
    c.name = "新名字";
    {
        auto tx = store().Write();
        EXPECT_TRUE(tx->customers().UpdateCustomer(c, 1));
        tx->Commit();
    }
    c.name = "过期的写入";
    {
        auto tx = store().Write();
        EXPECT_FALSE(tx->customers().UpdateCustomer(c, 1));
        tx->Commit();
    }
    auto tx = store().Read();
    auto loaded = tx->customers().GetCustomer(f.org.id, c.id);
    EXPECT_EQ(loaded->name, "新名字");
    EXPECT_EQ(loaded->version, 2);
}

TEST_P(StoreContract, UncommittedTransactionIsRolledBack) {
    auto f = Org("rollback");
    CustomerId id;
    {
        auto tx = store().Write();
        auto c = SampleCustomer(f.sales_a);
        c.org_id = f.org.id;
        c.id = id = CustomerId(tx->NextId());
        tx->customers().InsertCustomer(c);
    }
    auto tx = store().Read();
    EXPECT_FALSE(tx->customers().GetCustomer(f.org.id, id));
}

TEST_P(StoreContract, BulkWriteCommitsAndRollsBackLikeAWriteAndTheConnectionServesAgain) {
    auto f = Org("bulk");
    auto insert = [&](storage::Tx& tx) {
        auto c = SampleCustomer(f.sales_a);
        c.org_id = f.org.id;
        c.id = CustomerId(tx.NextId());
        tx.customers().InsertCustomer(c);
        return c.id;
    };
    CustomerId dropped;
    {
        auto tx = store().BulkWrite();
        dropped = insert(*tx);
    }
    EXPECT_FALSE(store().Read()->customers().GetCustomer(f.org.id, dropped));  // (its id is handed out again)
    CustomerId kept;
    {
        auto tx = store().BulkWrite();
        kept = insert(*tx);
        tx->Commit();
    }
    CustomerId after;  // the pooled connection is usable for an ordinary write after a bulk one
    {
        auto tx = store().Write();
        after = insert(*tx);
        tx->Commit();
    }
    auto tx = store().Read();
    EXPECT_TRUE(tx->customers().GetCustomer(f.org.id, kept));
    EXPECT_TRUE(tx->customers().GetCustomer(f.org.id, after));
}

TEST_P(StoreContract, ReservedIdsAreUnique) {
    auto tx = store().Write();
    std::int64_t first = tx->ReserveIds(10);
    std::int64_t next = tx->NextId();
    EXPECT_EQ(next, first + 10);
    tx->Commit();
}

TEST_P(StoreContract, SubstringSearchFindsEveryPartAndLength) {
    auto f = Org("search");
    InsertSearchSamples(f);
    ExpectSearchSamples(f);
}

// Issue 2 (import speed): an import commits its customers before their search index rows. Until
// the search indexer has written them, a search finds the customers on their own columns, with the
// same answers; an edit in between indexes its customer itself and the indexer does not double it.
TEST_P(StoreContract, ImportedCustomersAreFoundBeforeAndAfterTheSearchIndexerRuns) {
    auto f = Org("backlog");
    leave_to_indexer_ = true;
    InsertSearchSamples(f);
    {
        auto tx = store().Read();
        EXPECT_EQ(tx->customers().SearchBacklog(f.org.id).size(), 3u);
        EXPECT_TRUE(tx->customers().SearchBacklog(Org("other").org.id).empty());
    }
    ExpectSearchSamples(f);

    // 王小明 is renamed before the indexer comes: the edit indexes him (as CustomerService does).
    {
        auto tx = store().Write();
        storage::CustomerQuery all;
        all.org = f.org.id;
        all.limit = 10;
        for (const auto& s : tx->customers().Search(all).items) {
            if (s.name != "王小明") continue;
            auto c = *tx->customers().GetCustomer(f.org.id, s.id);
            c.name = "王小亮";
            ASSERT_TRUE(tx->customers().UpdateCustomer(c, c.version));
            tx->customers().IndexCustomer(c, {});
        }
        tx->Commit();
    }
    EXPECT_EQ(SearchNames(f, "王"), (std::vector<std::string>{"王小亮", "王芳"}));
    EXPECT_TRUE(SearchNames(f, "小明").empty());

    EXPECT_EQ(app::IndexSearchBacklog(world_->ctx, f.org.id), 3);
    {
        auto tx = store().Read();
        EXPECT_TRUE(tx->customers().SearchBacklog(f.org.id).empty());
    }
    EXPECT_EQ(SearchNames(f, "王"), (std::vector<std::string>{"王小亮", "王芳"}));
    EXPECT_EQ(SearchNames(f, "小亮"), std::vector<std::string>{"王小亮"});
    EXPECT_TRUE(SearchNames(f, "小明").empty());
    EXPECT_EQ(SearchNames(f, "华信汽车"), std::vector<std::string>{"欧阳娜娜"});
    EXPECT_EQ(SearchNames(f, "lsvau218x"), std::vector<std::string>{"王芳"});
    EXPECT_EQ(app::IndexSearchBacklog(world_->ctx, f.org.id), 0);  // nothing left
}

// ORG-3: search is scoped to the departments the caller may see.
TEST_P(StoreContract, ORG_3_SearchIsScopedToDepartments) {
    auto f = Org("scope");
    Insert(f, SampleCustomer(f.sales_a, "王芳"));
    Insert(f, SampleCustomer(f.sales_b, "王小明"));
    EXPECT_EQ(SearchNames(f, "王", std::vector<DepartmentId>{f.sales_b}), std::vector<std::string>{"王小明"});
    EXPECT_TRUE(SearchNames(f, "王", std::vector<DepartmentId>{}).empty());
}

TEST_P(StoreContract, SearchPagesAndCounts) {
    auto f = Org("paging");
    for (int customer_idx = 0; customer_idx < 25; ++customer_idx) {
        Insert(f, SampleCustomer(f.sales_a, "张" + std::to_string(100 + customer_idx)));
    }
    storage::CustomerQuery q;
    q.org = f.org.id;
    q.q = "张";
    q.sort = "name";
    q.limit = 10;
    q.offset = 20;
    auto tx = store().Read();
    auto page = tx->customers().Search(q);
    EXPECT_EQ(page.total, 25);
    EXPECT_FALSE(page.total_is_estimate);
    ASSERT_EQ(page.items.size(), 5u);
    EXPECT_EQ(page.items.front().name, "张120");
}

TEST_P(StoreContract, VinIsUniqueWithinAnOrganisationOnly) {
    auto a = Org("vin-a");
    auto b = Org("vin-b");
    Insert(a, SampleCustomer(a.sales_a), {SampleVehicle("LSVAU218XN2183294", "京A12345")});
    Insert(b, SampleCustomer(b.sales_a), {SampleVehicle("LSVAU218XN2183294", "京A12345")});
    EXPECT_THROW(Insert(a, SampleCustomer(a.sales_a), {SampleVehicle("LSVAU218XN2183294", "京A54321")}),
                 ConstraintError);
    auto tx = store().Read();
    EXPECT_TRUE(tx->customers().FindVehicleByVin(b.org.id, "LSVAU218XN2183294"));
}

TEST_P(StoreContract, SessionsAreFoundTouchedAndRevoked) {
    auto f = Org("sessions");
    domain::Session s;
    s.org_id = f.org.id;
    s.user_id = f.sales1;
    s.token_hash = "abc";
    s.created_at = s.last_seen_at = 100;
    s.expires_at = 1000;
    {
        auto tx = store().Write();
        s.id = SessionId(tx->NextId());
        tx->auth().InsertSession(s);
        tx->auth().TouchSession(f.org.id, "abc", 200);
        tx->Commit();
    }
    {
        auto tx = store().Read();
        auto found = tx->auth().FindSession(f.org.id, "abc");
        ASSERT_TRUE(found);
        EXPECT_EQ(found->last_seen_at, 200);
        EXPECT_FALSE(tx->auth().FindSession(OrgId(f.org.id.value + 1), "abc"));
        EXPECT_EQ(tx->auth().ListSessions(f.org.id, f.sales1, 300).size(), 1u);
    }
    {
        auto tx = store().Write();
        EXPECT_TRUE(tx->auth().RevokeSession(f.org.id, f.sales1, s.id, 300));
        EXPECT_FALSE(tx->auth().RevokeSession(f.org.id, f.sales1, s.id, 300));
        tx->Commit();
    }
    auto tx = store().Read();
    EXPECT_TRUE(tx->auth().FindSession(f.org.id, "abc")->revoked_at.has_value());
    EXPECT_TRUE(tx->auth().ListSessions(f.org.id, f.sales1, 300).empty());
}

TEST_P(StoreContract, LoginFailuresAreCountedPerAccountAndAddress) {
    auto f = Org("failures");
    auto tx = store().Write();
    tx->auth().RecordLoginFailure(f.org.id, "sales1", "10.0.0.1", 100);
    tx->auth().RecordLoginFailure(f.org.id, "sales1", "10.0.0.2", 200);
    tx->auth().RecordLoginFailure(f.org.id, "gm", "10.0.0.1", 300);
    EXPECT_EQ(tx->auth().CountFailuresForUser(f.org.id, "sales1", 0), 2);
    EXPECT_EQ(tx->auth().CountFailuresForUser(f.org.id, "sales1", 150), 1);
    EXPECT_EQ(tx->auth().CountFailuresForAddress(f.org.id, "10.0.0.1", 0), 2);
    tx->auth().ClearFailuresForUser(f.org.id, "sales1");
    EXPECT_EQ(tx->auth().CountFailuresForUser(f.org.id, "sales1", 0), 0);
}

TEST_P(StoreContract, PolicyValuesAreVersionedWithHistory) {
    auto f = Org("policy");
    auto tx = store().Write();
    storage::PolicyValue v{"session.idle_minutes", 15, 1, f.admin, 100, "shorter"};
    EXPECT_TRUE(tx->policy().Put(f.org.id, v, 0));
    EXPECT_FALSE(tx->policy().Put(f.org.id, v, 0));  // already stored: version 1 expected
    v.value = 20;
    EXPECT_TRUE(tx->policy().Put(f.org.id, v, 1));
    EXPECT_FALSE(tx->policy().Put(f.org.id, v, 1));
    auto list = tx->policy().List(f.org.id);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].value, 20);
    EXPECT_EQ(list[0].version, 2);
    auto history = tx->policy().History(f.org.id, "session.idle_minutes");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].value, 20);
    EXPECT_EQ(history[1].value, 15);
}

TEST_P(StoreContract, AuditEntriesAreAppendedAndSearched) {
    auto f = Org("audit");
    world_->audit.Flush();
    auto tx = store().Write();
    auto [seq, hash] = tx->audit().ChainHead(f.org.id);
    domain::AuditEntry e;
    e.org_id = f.org.id;
    e.seq = seq + 1;
    e.at = 5;
    e.user_id = f.sales1;
    e.username = "sales1";
    e.action = "customer.read";
    e.object_type = "customer";
    e.object_id = "42";
    e.outcome = "ok";
    e.prev_hash = hash;
    e.hash = "h";
    tx->audit().Append(e);
    EXPECT_EQ(tx->audit().ChainHead(f.org.id).first, seq + 1);
    storage::AuditQuery q;
    q.org = f.org.id;
    q.object_id = "42";
    auto found = tx->audit().Search(q);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].username, "sales1");
    EXPECT_THROW(tx->audit().Append(e), ConstraintError);  // a sequence number is used once
}

// SEC-1: who touched a record is found however long the log has grown. (SQLite indexes entries by
// object within blocks of 16,384 sequence numbers; the entries here lie in three blocks.)
TEST_P(StoreContract, SEC_1_AnObjectsAuditEntriesAreFoundAcrossTheWholeLogNewestFirst) {
    auto f = Org("audit-blocks");
    auto tx = store().Write();
    const std::int64_t base = tx->audit().ChainHead(f.org.id).first;
    auto append = [&](std::int64_t seq, const std::string& object_id) {
        domain::AuditEntry e;
        e.org_id = f.org.id;
        e.seq = seq;
        e.at = seq;
        e.user_id = f.sales1;
        e.username = "sales1";
        e.action = "customer.read";
        e.object_type = "customer";
        e.object_id = object_id;
        e.outcome = "ok";
        e.hash = "h" + std::to_string(seq);
        tx->audit().Append(e);
    };
    const std::vector<std::int64_t> reads_of_77 = {base + 1, base + 16'390, base + 40'000, base + 40'001};
    for (std::int64_t seq : reads_of_77) append(seq, "77");
    append(base + 2, "78");
    append(base + 40'002, "78");
    storage::AuditQuery q;
    q.org = f.org.id;
    q.object_id = "77";
    std::vector<std::int64_t> found;
    for (const auto& e : tx->audit().Search(q)) found.push_back(e.seq);
    EXPECT_EQ(found, (std::vector<std::int64_t>{base + 40'001, base + 40'000, base + 16'390, base + 1}));
    q.limit = 2;
    q.before_seq = base + 40'001;
    found.clear();
    for (const auto& e : tx->audit().Search(q)) found.push_back(e.seq);
    EXPECT_EQ(found, (std::vector<std::int64_t>{base + 40'000, base + 16'390}));
    q.object_id = "79";
    EXPECT_TRUE(tx->audit().Search(q).empty());
}

// Issue 2 §8: an import refuses a VIN already registered; the repository answers which of a file's
// VINs are, 64 to a query (here two full queries and a remainder), and none of another organisation's.
TEST_P(StoreContract, RegisteredVinsAreFoundAmongManyAndOnlyInTheirOrganisation) {
    auto f = Org("vins");
    auto other = Org("vins-other");
    std::vector<domain::Vehicle> vehicles;
    std::vector<std::string> asked, expected;
    for (int vin_idx = 0; vin_idx < 150; ++vin_idx) {
        char vin[18];
        std::snprintf(vin, sizeof vin, "LSVAU218XN%07d", vin_idx);
        asked.push_back(vin);
        if (vin_idx % 2 == 0) continue;
        domain::Vehicle v;
        v.vin = vin;
        v.plate = "京A" + std::to_string(10000 + vin_idx);
        vehicles.push_back(v);
        expected.push_back(vin);
    }
    Insert(f, SampleCustomer(f.sales_a), vehicles);
    Insert(other, SampleCustomer(other.sales_a), {vehicles.front()});
    auto tx = store().Read();
    auto found = tx->customers().RegisteredVins(f.org.id, asked);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, expected);
    EXPECT_EQ(tx->customers().RegisteredVins(other.org.id, asked), std::vector<std::string>{vehicles.front().vin});
    EXPECT_TRUE(tx->customers().RegisteredVins(f.org.id, {}).empty());
}

TEST_P(StoreContract, ImportJobsRoundTrip) {
    auto f = Org("imports");
    auto tx = store().Write();
    storage::ImportJob job;
    job.org_id = f.org.id;
    job.id = ImportJobId(tx->NextId());
    job.created_by = f.admin;
    job.created_at = 10;
    tx->imports().Insert(job);
    job.status = "committed";
    job.imported = 7;
    job.finished_at = 20;
    tx->imports().Update(job);
    auto loaded = tx->imports().Get(f.org.id, job.id);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->status, "committed");
    EXPECT_EQ(loaded->imported, 7);
    EXPECT_EQ(loaded->finished_at.value_or(0), 20);
    EXPECT_FALSE(tx->imports().Get(OrgId(1), job.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(Backends()), BackendName);

}  // namespace
}  // namespace patron::test
