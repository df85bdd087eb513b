package org.jingzhun.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.platform.PlatformDatabase;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of a service on one database: a command waiting on one for an organization its
 * replica does not know yet is woken when the other instance's projector (which holds that
 * organization's partition) commits it, not only at the timeout.
 */
class ArrivalsAcrossInstancesTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-01T09:00:00+08:00");

    @TempDir
    static Path dataDirectory;
    private static PlatformDatabase database;

    private final ExecutorService commands = Executors.newSingleThreadExecutor();
    private ArrivalsListener listener;

    @BeforeAll
    static void startDatabase() {
        database = PlatformDatabase.start(dataDirectory.resolve("postgres"), "registry", RegistryConfiguration.MIGRATIONS);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @AfterEach
    void stop() {
        commands.shutdownNow();
        if (listener != null) {
            listener.stop();
        }
    }

    @Test
    void aWaiterOnOneInstanceIsWokenByTheProjectorOfAnother() throws Exception {
        Arrivals projecting = new Arrivals(database.jdbc());
        Arrivals waitingInstance = new Arrivals(database.jdbc());
        listener = new ArrivalsListener(database.dataSource(), waitingInstance);
        listener.start();
        await().atMost(Duration.ofSeconds(10)).until(listener::listening);
        // No re-look before the 60 s timeout: only the notification can wake the waiter in time.
        OrganizationRegistry registry = new JdbcOrganizationRegistry(database.jdbc(), waitingInstance,
                Duration.ofSeconds(60), Duration.ofSeconds(60));

        Future<Optional<OrganizationInfo>> waiting = commands.submit(() -> registry.awaitKnown("branch-a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingInstance.awaited(Arrivals.organization("branch-a")));
        database.transactions().executeWithoutResult(tx -> new RegistryProjection(database.jdbc(), projecting)
                .apply(new RegistryEvents().next("branch-a", new OrganizationRegistered("branch-a", "一支部",
                        Tier.BRANCH, Sector.VILLAGE, null), T0)));

        assertThat(waiting.get(20, TimeUnit.SECONDS)).map(OrganizationInfo::name).contains("一支部");
    }

    @Test
    void withoutAWakeUpAWaiterStillLooksAgainWithinTheRecheckInterval() throws Exception {
        Arrivals waitingInstance = new Arrivals();
        OrganizationRegistry registry = new JdbcOrganizationRegistry(database.jdbc(), waitingInstance,
                Duration.ofSeconds(60), Duration.ofMillis(200));

        Future<Optional<OrganizationInfo>> waiting = commands.submit(() -> registry.awaitKnown("branch-b"));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingInstance.awaited(Arrivals.organization("branch-b")));
        // Written by an instance whose wake-ups never reach this one.
        database.transactions().executeWithoutResult(tx -> new RegistryProjection(database.jdbc(), new Arrivals())
                .apply(new RegistryEvents().next("branch-b", new OrganizationRegistered("branch-b", "二支部",
                        Tier.BRANCH, Sector.VILLAGE, null), T0)));

        assertThat(waiting.get(20, TimeUnit.SECONDS)).map(OrganizationInfo::name).contains("二支部");
    }
}
