package org.jingzhun.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jingzhun.embedded.MovableClock;
import org.jingzhun.platform.PlatformDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's claim extensions against Axon's JDBC token store on PostgreSQL: the row is written by
 * the first extension and then once per interval, other calls go through, and a claim another node
 * took fails the next extension that is made.
 */
class SparseClaimExtensionsTest {

    private static final String PROCESSOR = "kafka-relay";
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    @TempDir
    static Path dataDirectory;
    private static PlatformDatabase database;

    private final MovableClock clock = new MovableClock(Instant.parse("2019-09-27T13:12:00Z"));

    @BeforeAll
    static void startDatabase() {
        database = PlatformDatabase.start(dataDirectory.resolve("postgres"), "claims");
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyStore() {
        database.jdbc().sql("TRUNCATE token_entry").update();
    }

    @Test
    void extendsAClaimOncePerIntervalAndStoresEveryToken() {
        TokenStore store = claimedAndExtendedByNodeA();
        long first = rowVersion();
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofMillis(100));
            store.extendClaim(PROCESSOR, 0);
        }
        assertThat(rowVersion()).as("4 s of empty polls every 100 ms: no write").isEqualTo(first);

        clock.advance(Duration.ofSeconds(1));
        store.extendClaim(PROCESSOR, 0);
        long second = rowVersion();
        assertThat(second).as("the interval passed: extended").isNotEqualTo(first);

        store.storeToken(new GlobalSequenceTrackingToken(7), PROCESSOR, 0);
        assertThat(rowVersion()).as("a token is stored at once").isNotEqualTo(second);
        assertThat(store.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aClaimAnotherNodeTookFailsTheNextExtensionMade() {
        TokenStore a = claimedAndExtendedByNodeA();
        // Node b considers every claim expired at once: it takes a's claim as a node would after a's timeout.
        TokenStore b = axonStore("node-b", Duration.ZERO);

        b.fetchToken(PROCESSOR, 0);
        assertThat(owner()).isEqualTo("node-b");

        clock.advance(INTERVAL);
        assertThatThrownBy(() -> a.extendClaim(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(owner()).isEqualTo("node-b");
    }

    @Test
    void aReleasedClaimTakenAgainIsExtendedAtOnce() {
        TokenStore store = claimedAndExtendedByNodeA();

        store.releaseClaim(PROCESSOR, 0);
        assertThat(owner()).isNull();
        store.fetchToken(PROCESSOR, 0);
        long claimed = rowVersion();
        store.extendClaim(PROCESSOR, 0);
        assertThat(rowVersion()).isNotEqualTo(claimed);
    }

    @Test
    void aClaimExtendedLessOftenThanHalfTheClaimTimeoutIsRefusedAtStart() {
        RelayConfiguration configuration = new RelayConfiguration();
        Duration axonDefault = Duration.ofSeconds(10);
        assertThatThrownBy(() -> configuration.kafkaRelayProcessorModule(settings(Duration.ofSeconds(6)), null, axonDefault))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jingzhun.relay.claim-extension");
        assertThatCode(() -> configuration.kafkaRelayProcessorModule(settings(INTERVAL), null, axonDefault))
                .doesNotThrowAnyException();
    }

    /** Node a's sparse store over Axon's, its segment initialized, claimed and the claim extended once. */
    private TokenStore claimedAndExtendedByNodeA() {
        TokenStore store = new SparseClaimExtensions(axonStore("node-a", Duration.ofSeconds(10)), INTERVAL, clock);
        store.initializeTokenSegments(PROCESSOR, 1);
        store.fetchToken(PROCESSOR, 0);
        store.extendClaim(PROCESSOR, 0);
        return store;
    }

    private static RelaySettings settings(Duration claimExtension) {
        return new RelaySettings("jingzhun.test.events", 100, Duration.ofSeconds(5), Duration.ofMillis(100),
                claimExtension, Duration.ofSeconds(5), Duration.ofMinutes(2), 5);
    }

    private static TokenStore axonStore(String node, Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(database.dataSource()::getConnection)
                .serializer(JacksonSerializer.defaultSerializer())
                .schema(TokenSchema.builder().setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment").setTokenColumn("token").setTokenTypeColumn("token_type")
                        .setTimestampColumn("time_stamp").setOwnerColumn("owner").build())
                .claimTimeout(claimTimeout)
                .nodeId(node)
                .build();
    }

    /** The transaction that last wrote the row: each update writes a new version of it. */
    private static long rowVersion() {
        return database.jdbc()
                .sql("SELECT xmin::text::bigint FROM token_entry WHERE processor_name = ? AND segment = 0")
                .param(PROCESSOR).query(Long.class).single();
    }

    private static String owner() {
        return database.jdbc().sql("SELECT owner FROM token_entry WHERE processor_name = ? AND segment = 0")
                .param(PROCESSOR).query().singleRow().get("owner") instanceof String owner ? owner : null;
    }
}
