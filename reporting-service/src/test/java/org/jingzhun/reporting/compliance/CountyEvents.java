package org.jingzhun.reporting.compliance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.reporting.MigratedDatabase;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A fresh reporting database on embedded PostgreSQL per test, fed with events through the totals
 * projection as the application wires it (that projection keeps every table compliance reads), plus
 * the events of a small county.
 */
public final class CountyEvents {

    public static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    public static final JingzhunProperties JINGZHUN = new JingzhunProperties("reporting-service", COUNTY);
    static final OffsetDateTime RECORDED = OffsetDateTime.parse("2019-09-27T13:12:00Z");
    public static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    public static final LocalDate ENDS_ON = LocalDate.of(2019, 11, 30);

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicLong OFFSETS = new AtomicLong();

    public final JdbcClient jdbc;
    public final PlatformTransactionManager transactions;
    private final GenericApplicationContext context;
    private final Projection projection;

    private CountyEvents(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new DataSourceTransactionManager(dataSource);
        // The totals feature is package-private: wire its projection as Spring does, through the platform's
        // Projection interface, instead of reaching into it.
        this.context = new GenericApplicationContext();
        context.registerBean(JdbcClient.class, () -> jdbc);
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context, false);
        scanner.addIncludeFilter((reader, factory) ->
                reader.getClassMetadata().getClassName().equals("org.jingzhun.reporting.totals.TotalsProjection"));
        scanner.scan("org.jingzhun.reporting.totals");
        context.refresh();
        this.projection = context.getBean(Projection.class);
    }

    /** A migrated database of its own on the server. */
    public static CountyEvents freshDatabase(EmbeddedPostgresServer postgres, String prefix) {
        String database = prefix + "_" + DATABASES.incrementAndGet();
        DataSource dataSource = MigratedDatabase.of(postgres, database);
        return new CountyEvents(dataSource);
    }

    public static EmbeddedPostgresServer startPostgres(Path dataDirectory) {
        return EmbeddedPostgresServer.start(dataDirectory, 0);
    }

    /** A clock at 09:00 in the county on that day. */
    static Clock on(LocalDate today) {
        return Clock.fixed(today.atTime(9, 0).atZone(COUNTY).toInstant(), COUNTY);
    }

    CountyEvents apply(Object... payloads) {
        return applyAt(RECORDED, payloads);
    }

    /** The events as recorded at {@code recorded} (their {@code ce_time}). */
    public CountyEvents applyAt(OffsetDateTime recorded, Object... payloads) {
        for (Object payload : payloads) {
            EventType type = EventCatalog.byClass(payload.getClass())
                    .orElseThrow(() -> new IllegalArgumentException("not a public event: " + payload.getClass()));
            projection.apply(new ProjectedEvent(type.topic(), 0, OFFSETS.getAndIncrement(),
                    UUID.randomUUID().toString(), type, payload, "{}", "subject", 0, recorded, "test"));
        }
        return this;
    }

    public void close() {
        context.close();
    }

    static StudySessionHeld session(String organizationId, String campaignId, LocalDate date, double days,
                                    StudyFormat format) {
        return new StudySessionHeld("record-" + organizationId, UUID.randomUUID().toString(), organizationId,
                campaignId, date, days, format, List.of(), 10, List.of());
    }

    static ChecklistItemCompleted completed(String organizationId, String campaignId, ChecklistItem item,
                                            LocalDate date) {
        return new ChecklistItemCompleted("record-" + organizationId, UUID.randomUUID().toString(), organizationId,
                campaignId, item, date, null);
    }

    static ResearchSubmitted research(String organizationId, String campaignId, ResearchKind kind) {
        return new ResearchSubmitted("record-" + organizationId, UUID.randomUUID().toString(), organizationId,
                campaignId, kind, "关于营商环境的调研", null, LocalDate.of(2019, 10, 20));
    }

    static MemberEnrolled member(String memberId, String branchId, MemberOccupation occupation) {
        return new MemberEnrolled(memberId, branchId, MemberField.RURAL, occupation, MemberStatus.REGULAR);
    }

    static StudyNoteRecorded note(String memberId, String branchId, String campaignId) {
        return new StudyNoteRecorded("record-" + branchId, UUID.randomUUID().toString(), branchId, campaignId,
                memberId, StudyNoteKind.REFLECTION, LocalDate.of(2019, 10, 8));
    }

    static ProblemLogged problem(String problemId, String organizationId, String campaignId,
                                 String specialRectificationId) {
        return new ProblemLogged(problemId, organizationId, campaignId, FocusArea.POLICY_DELIVERY,
                ProblemSource.SELF_INSPECTION, specialRectificationId, "政策落实不到位", "张三",
                Instant.parse("2019-10-31T15:59:59Z"));
    }
}
