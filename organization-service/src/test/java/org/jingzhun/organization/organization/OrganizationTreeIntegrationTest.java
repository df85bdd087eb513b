package org.jingzhun.organization.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.jingzhun.organization.ServiceUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tree rules over HTTP, on real PostgreSQL: tiers, parents, names unique among siblings, dissolution. */
class OrganizationTreeIntegrationTest {

    private static ServiceUnderTest service;

    @BeforeAll
    static void start() {
        service = ServiceUnderTest.get();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> register(String name, String tier, String sector, String parentId) {
        return service.send("POST", "/api/organizations", "{\"name\":\"" + name + "\",\"tier\":\"" + tier
                + "\",\"sector\":\"" + sector + "\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"")
                + "}");
    }

    private static String id(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).get("id").asText();
    }

    @Test
    void twoParallelRegistrationsOfOneNameUnderOneParentLetExactlyOneWin() throws Exception {
        String county = id(register(unique("县委常委会"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String name = unique("县委办党组");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> register(name, "SECTION", "ORGAN", county).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdown();
        }
        JsonNode children = ServiceUnderTest.json(service.send("GET", "/api/organizations?parentId=" + county, null));
        assertThat(children.get("total").asInt()).isEqualTo(1);
    }

    /**
     * Enrolling members and registering children share the organization they add under; dissolving or
     * reclassifying it locks it. The demo's 8 clients enrolling batches of members serialized on their branches'
     * rows while every command locked them for update.
     */
    @Test
    void commandsAddingUnderAnOrganizationShareItAndOneChangingItWaitsForThem() throws Exception {
        String county = id(register(unique("县委常委会"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String town = id(register(unique("镇党委"), "SECTION", "TOWNSHIP", county));
        OrganizationTree tree = service.app().getBean(OrganizationTree.class);
        TransactionTemplate transactions = new TransactionTemplate(
                service.app().getBean(PlatformTransactionManager.class));
        JdbcClient jdbc = JdbcClient.create(service.app().getBean(DataSource.class));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> adding = pool.submit(() -> transactions.executeWithoutResult(status -> {
                assertThat(tree.share(town)).isPresent();
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            // Another command adding under it does not wait for the first.
            Future<Optional<OrganizationTree.Node>> alsoAdding = pool.submit(() ->
                    transactions.execute(status -> tree.share(town)));
            assertThat(alsoAdding.get(30, TimeUnit.SECONDS)).hasValueSatisfying(node ->
                    assertThat(node.dissolved()).isFalse());
            // One changing it waits until the first has committed.
            Future<Optional<OrganizationTree.Node>> changing = pool.submit(() ->
                    transactions.execute(status -> tree.lock(town)));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE '%organization_view%FOR UPDATE%'""")
                    .query(Long.class).single() == 1);
            assertThat(changing).isNotDone();
            release.countDown();
            adding.get(30, TimeUnit.SECONDS);
            assertThat(changing.get(30, TimeUnit.SECONDS)).isPresent();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /**
     * A shared row cannot change under the transaction holding it, so it is read once per transaction (an inbox
     * batch enrols a hundred members into a few branches); locking it to change it makes every later share in
     * that transaction read it again. The row is changed here by hand, behind the tree's back, to tell a kept
     * answer from a fresh read.
     */
    @Test
    void aSharedOrganizationIsReadOncePerTransactionUntilTheTransactionLocksItToChangeIt() {
        String county = id(register(unique("县委常委会"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String town = id(register(unique("镇党委"), "SECTION", "TOWNSHIP", county));
        OrganizationTree tree = service.app().getBean(OrganizationTree.class);
        JdbcClient jdbc = JdbcClient.create(service.app().getBean(DataSource.class));
        TransactionTemplate transactions = new TransactionTemplate(
                service.app().getBean(PlatformTransactionManager.class));

        List<Boolean> dissolved = transactions.execute(status -> {
            List<Boolean> seen = new ArrayList<>();
            seen.add(tree.share(town).orElseThrow().dissolved());
            jdbc.sql("UPDATE organization_view SET dissolved = TRUE WHERE id = ?").param(town).update();
            seen.add(tree.share(town).orElseThrow().dissolved());
            seen.add(tree.lock(town).orElseThrow().dissolved());
            seen.add(tree.share(town).orElseThrow().dissolved());
            status.setRollbackOnly();
            return seen;
        });

        assertThat(dissolved).containsExactly(false, false, true, true);
        // Another transaction reads the row for itself (the hand edit was rolled back).
        Optional<OrganizationTree.Node> again = transactions.execute(status -> tree.share(town));
        assertThat(again).hasValueSatisfying(node -> assertThat(node.dissolved()).isFalse());
    }

    @Test
    void theSameNameIsFineUnderAnotherParent() {
        String county = id(register(unique("县政府党组"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String a = id(register(unique("甲镇党委"), "SECTION", "TOWNSHIP", county));
        String b = id(register(unique("乙镇党委"), "SECTION", "TOWNSHIP", county));
        id(register("第一党支部", "BRANCH", "VILLAGE", a));
        id(register("第一党支部", "BRANCH", "VILLAGE", b));
        HttpResponse<String> duplicate = register("第一党支部", "BRANCH", "VILLAGE", a);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(ServiceUnderTest.json(duplicate).get("errors").get(0).get("field").asText()).isEqualTo("name");
    }

    @Test
    void refusesParentsOfALowerTierAndDissolvedOrUnknownParents() {
        String county = id(register(unique("县人大常委会党组"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String section = id(register(unique("县教育局党组"), "SECTION", "EDUCATION", county));
        String branch = id(register(unique("县一中党支部"), "BRANCH", "EDUCATION", section));
        assertThat(register(unique("某科级"), "SECTION", "EDUCATION", branch).statusCode()).isEqualTo(422);
        assertThat(register(unique("某科级"), "SECTION", "EDUCATION", section).statusCode()).isEqualTo(422);
        assertThat(register(unique("某县级"), "COUNTY", "COUNTY_LEADERSHIP", county).statusCode()).isEqualTo(422);
        HttpResponse<String> unknown = register(unique("某支部"), "BRANCH", "EDUCATION", "no-such-org");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(ServiceUnderTest.json(unknown).get("errors").get(0).get("field").asText()).isEqualTo("parentId");

        String empty = id(register(unique("待撤销科级"), "SECTION", "EDUCATION", county));
        assertThat(service.send("DELETE", "/api/organizations/" + empty, null).statusCode()).isEqualTo(200);
        assertThat(register(unique("某支部"), "BRANCH", "EDUCATION", empty).statusCode()).isEqualTo(422);
    }

    @Test
    void dissolvesOnlyWithoutActiveChildrenAndMembers() {
        String county = id(register(unique("县政协党组"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String section = id(register(unique("县卫健局党组"), "SECTION", "HEALTH", county));
        String branch = id(register(unique("县医院党支部"), "BRANCH", "HEALTH", section));
        HttpResponse<String> member = service.send("POST", "/api/organizations/" + branch + "/members",
                "{\"field\":\"ORGAN_INSTITUTION\",\"occupation\":\"PUBLIC_SERVANT\",\"status\":\"REGULAR\"}");
        String memberId = id(member);

        HttpResponse<String> refused = service.send("DELETE", "/api/organizations/" + section, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(ServiceUnderTest.json(refused).get("detail").asText()).contains("1 active child organization");
        assertThat(service.send("DELETE", "/api/organizations/" + branch, null).statusCode()).isEqualTo(409);

        assertThat(service.send("POST", "/api/members/" + memberId + "/leave", null).statusCode()).isEqualTo(200);
        assertThat(service.send("DELETE", "/api/organizations/" + branch, null).statusCode()).isEqualTo(200);
        HttpResponse<String> dissolved = service.send("DELETE", "/api/organizations/" + section, null);
        assertThat(dissolved.statusCode()).isEqualTo(200);
        assertThat(ServiceUnderTest.json(dissolved).get("dissolved").asBoolean()).isTrue();
        assertThat(service.send("DELETE", "/api/organizations/" + section, null).statusCode()).isEqualTo(409);
    }

    @Test
    void renamesAndReclassifiesAtomicallyAndListsTheSubtree() {
        String county = id(register(unique("县委常委会"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String section = id(register(unique("复兴镇党委"), "SECTION", "TOWNSHIP", county));
        String taken = unique("已有名称");
        id(register(taken, "SECTION", "TOWNSHIP", county));
        String branch = id(register("七彩村党支部", "BRANCH", "VILLAGE", section));

        HttpResponse<String> clash = service.send("PATCH", "/api/organizations/" + section,
                "{\"name\":\"" + taken + "\",\"sector\":\"ORGAN\"}");
        assertThat(clash.statusCode()).isEqualTo(409);
        JsonNode unchanged = ServiceUnderTest.json(service.send("GET", "/api/organizations/" + section, null));
        assertThat(unchanged.get("sector").asText()).isEqualTo("TOWNSHIP");

        HttpResponse<String> amended = service.send("PATCH", "/api/organizations/" + section,
                "{\"name\":\"复兴街道党工委\",\"sector\":\"ORGAN\"}");
        assertThat(amended.statusCode()).as(amended.body()).isEqualTo(200);
        assertThat(ServiceUnderTest.json(amended).get("sector").asText()).isEqualTo("ORGAN");
        assertThat(ServiceUnderTest.json(amended).get("name").asText()).isEqualTo("复兴街道党工委");

        JsonNode subtree = ServiceUnderTest.json(service.send("GET", "/api/organizations/" + county + "/subtree", null));
        assertThat(subtree.get("total").asLong()).isEqualTo(4);
        assertThat(subtree.get("items")).hasSize(4);
        assertThat(subtree.at("/items/0/id").asText()).isEqualTo(county);
        assertThat(subtree.at("/items/3/id").asText()).isEqualTo(branch);
        JsonNode secondPage = ServiceUnderTest.json(service.send("GET",
                "/api/organizations/" + county + "/subtree?page=1&size=3", null));
        assertThat(secondPage.get("items")).extracting(item -> item.get("id").asText()).containsExactly(branch);
        assertThat(service.send("GET", "/api/organizations/" + county + "/subtree?size=501", null).statusCode())
                .isEqualTo(400);
        assertThat(service.send("GET", "/api/organizations/nowhere/subtree", null).statusCode()).isEqualTo(404);

        assertThat(service.send("PATCH", "/api/organizations/" + section, "{\"tier\":\"BRANCH\"}").statusCode())
                .isEqualTo(409);
        assertThat(service.send("PATCH", "/api/organizations/" + section, "{}").statusCode()).isEqualTo(400);
        assertThat(service.send("GET", "/api/organizations?size=501", null).statusCode()).isEqualTo(400);
        assertThat(service.send("GET", "/api/organizations?tier=PLATOON", null).statusCode()).isEqualTo(400);
    }

    @Test
    void transfersMembersBetweenBranchesOnly() {
        String county = id(register(unique("县委常委会"), "COUNTY", "COUNTY_LEADERSHIP", null));
        String section = id(register(unique("鱼泉街道党工委"), "SECTION", "TOWNSHIP", county));
        String a = id(register("甲社区党支部", "BRANCH", "VILLAGE", section));
        String b = id(register("乙社区党支部", "BRANCH", "VILLAGE", section));
        String member = id(service.send("POST", "/api/organizations/" + a + "/members",
                "{\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"MOBILE\",\"displayName\":\"李四\"}"));
        assertThat(service.send("POST", "/api/organizations/" + section + "/members",
                "{\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"MOBILE\"}").statusCode()).isEqualTo(422);
        assertThat(service.send("POST", "/api/members/" + member + "/transfer",
                "{\"toOrganizationId\":\"" + section + "\"}").statusCode()).isEqualTo(422);
        HttpResponse<String> moved = service.send("POST", "/api/members/" + member + "/transfer",
                "{\"toOrganizationId\":\"" + b + "\"}");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(ServiceUnderTest.json(moved).get("organizationId").asText()).isEqualTo(b);
        assertThat(ServiceUnderTest.json(moved).get("displayName").asText()).isEqualTo("李四");
        HttpResponse<String> recategorized = service.send("PATCH", "/api/members/" + member, "{\"status\":\"ELDERLY_INFIRM\"}");
        assertThat(ServiceUnderTest.json(recategorized).get("status").asText()).isEqualTo("ELDERLY_INFIRM");
        assertThat(ServiceUnderTest.json(service.send("GET", "/api/organizations/" + b, null)).get("members").asInt())
                .isEqualTo(1);
        assertThat(ServiceUnderTest.json(service.send("GET", "/api/organizations/" + a, null)).get("members").asInt())
                .isZero();
    }
}
