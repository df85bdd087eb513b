package org.jingzhun.suite.demo;

import static org.jingzhun.suite.demo.ServiceClient.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jingzhun.contracts.Tier;
import org.jingzhun.suite.demo.County.Activities;
import org.jingzhun.suite.demo.County.Completion;
import org.jingzhun.suite.demo.County.ExtendDeadline;
import org.jingzhun.suite.demo.County.Measure;
import org.jingzhun.suite.demo.County.Note;
import org.jingzhun.suite.demo.County.Org;
import org.jingzhun.suite.demo.County.Problem;
import org.jingzhun.suite.demo.County.Rectify;
import org.jingzhun.suite.demo.County.Reopen;
import org.jingzhun.suite.demo.County.Research;
import org.jingzhun.suite.demo.County.Session;
import org.jingzhun.suite.demo.County.SetMeasures;
import org.jingzhun.suite.demo.County.Step;
import org.jingzhun.suite.demo.County.Verify;
import org.jingzhun.suite.demo.County.Visit;
import org.jingzhun.suite.demo.ServiceClient.Fact;

/**
 * Loads the demo county — the source document's 湄潭县 — through the services' public APIs, as any
 * client would: every rule of the services applies, nothing is written around them. The campaign, the
 * organization tree, the special rectifications and the problems' lives are HTTP commands; the bulk facts
 * that other services would report (members, the organizations' study, visits, research, notes and "ten
 * ones") go to the services' CloudEvents inboxes in batches ({@code POST /api/inbox}), which check each
 * event like the matching HTTP command and answer each on its own: a rejected one ends the load.
 *
 * <p>Idempotent: every command carries a deterministic {@code Idempotency-Key} ({@code demo-v1-org-17},
 * {@code demo-v1-problem-3-step-1}, …), every CloudEvent a deterministic id ({@code demo-v1-member-42}) and
 * the campaign and every member a deterministic id, and the data set is generated from a fixed seed, so loading
 * again on the same data sends the same requests and the services answer each with its first answer,
 * recording nothing new. An interrupted load resumes the same way.
 *
 * <p>Concurrent where it helps (the three services loaded side by side on keep-alive connections), ordered
 * where it must be: parents before children, members before what names them, one organization's facts in
 * one batch and in order (they are one aggregate in checklist-service), each problem's steps in order.
 */
public final class DemoCounty {

    /** Where the services answer, and as whom to call them (a county administrator: verifying needs it). */
    public record Target(URI organization, URI checklist, URI rectification, URI reporting, String username,
                         String password) {
    }

    /**
     * @param created  commands recorded by this load
     * @param replayed commands the services had recorded before (answered from their idempotency records)
     */
    public record Result(String campaignId, int commands, int created, int replayed, Duration took) {
    }

    static final int CLIENTS = 8;
    /**
     * CloudEvents per inbox request: large enough that the request's own cost (HTTP, security, a thread)
     * vanishes beside its events', small enough that the clients share the work evenly.
     */
    static final int BATCH = 100;
    private static final String KEY = "demo-v1-";
    /** The inbox types the demo reports to (CONTRACT.md, "Intake from other services"). */
    static final String MEMBER_ENROLLED = "jingzhun.organization.MemberEnrolled.v1";
    static final String STUDY_SESSION_HELD = "jingzhun.checklist.StudySessionHeld.v1";
    static final String STUDY_NOTE_RECORDED = "jingzhun.checklist.StudyNoteRecorded.v1";
    static final String HONOR_ROOM_VISITED = "jingzhun.checklist.HonorRoomVisited.v1";
    static final String RESEARCH_SUBMITTED = "jingzhun.checklist.ResearchSubmitted.v1";
    static final String CHECKLIST_ITEM_COMPLETED = "jingzhun.checklist.ChecklistItemCompleted.v1";
    private static final Duration TOTALS_TIMEOUT = Duration.ofMinutes(3);

    private final County county;
    private final Target target;
    private final PrintStream out;
    private final boolean interactive;
    private final ServiceClient client;
    /** One set of clients per writing service, so that the three services work at the same time. */
    private final ExecutorService pool;
    private final ExecutorService checklistPool;
    private final ExecutorService rectificationPool;
    private final String[] organizationIds;
    private final String[] memberIds;
    /** Fails with the load's first failure. */
    private final CompletableFuture<Void> failed = new CompletableFuture<>();
    private final String[] specialRectificationIds;
    private String campaignId;
    /** The day the county was first loaded: deadlines still ahead are counted from it. */
    private LocalDate anchor;

    private DemoCounty(County county, Target target, PrintStream out, boolean interactive) {
        this.county = county;
        this.target = target;
        this.out = out;
        this.interactive = interactive;
        this.client = new ServiceClient(target.username(), target.password());
        this.pool = clients("demo-organization-");
        this.checklistPool = clients("demo-checklist-");
        this.rectificationPool = clients("demo-rectification-");
        this.organizationIds = new String[county.organizations().size()];
        this.memberIds = new String[county.members().size()];
        this.specialRectificationIds = new String[county.specialRectifications().size()];
    }

    /**
     * Loads the demo county and waits (bounded) until the county totals show it.
     *
     * @param interactive redraw the progress bar in place (a terminal) rather than printing a line per tenth
     * @throws DemoLoadFailed when a service refuses a command for good; loading again resumes
     */
    public static Result load(Target target, PrintStream out, boolean interactive) {
        DemoCounty loader = new DemoCounty(CountyGenerator.generate(), target, out, interactive);
        try {
            return loader.run();
        } finally {
            loader.pool.shutdownNow();
            loader.checklistPool.shutdownNow();
            loader.rectificationPool.shutdownNow();
        }
    }

    private Result run() {
        long started = System.nanoTime();
        out.printf("[demo] loading the demo county (湄潭县, seed %d): %d commands through the services' HTTP APIs"
                + " and inboxes, %d clients per service%n", CountyGenerator.SEED, county.commands(), CLIENTS);
        launchCampaign();
        launchSpecialRectifications();
        registerOrganizations();
        // Members, the organizations' records and the problems go to three services: loaded side by side.
        // Only research and notes name members: they follow once every member is enrolled.
        Progress progress = start("members, records, problems", county.commands() - 1
                - county.organizations().size() - county.specialRectifications().size());
        long sideBySide = System.nanoTime();
        Map<String, Double> finished = Collections.synchronizedMap(new LinkedHashMap<>());
        CompletableFuture<?> members = timed(inParallel(pool, enrolMembers()), "members", sideBySide, finished);
        CompletableFuture<?> records = timed(inParallel(checklistPool, keepRecords()), "records", sideBySide, finished);
        CompletableFuture<?> problems = timed(inParallel(rectificationPool, logProblems()), "problems", sideBySide,
                finished);
        await(CompletableFuture.anyOf(CompletableFuture.allOf(members, records), failed));
        await(timed(inParallel(checklistPool, fileResearchAndNotes()), "research and notes", sideBySide, finished));
        await(problems);
        progress.finish();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Result result = new Result(campaignId, client.created() + client.replayed(), client.created(),
                client.replayed(), took);
        StringBuilder phases = new StringBuilder();
        List.copyOf(finished.entrySet()).forEach(entry -> phases.append(phases.isEmpty() ? "" : ", ")
                .append(String.format("%s %.1f s", entry.getKey(), entry.getValue())));
        out.printf("[demo] loaded in %.1f s: %d commands, %d recorded now, %d recorded before (side by side, done"
                        + " after: %s)%n", took.toMillis() / 1e3, result.commands(), result.created(), result.replayed(),
                phases);
        awaitTotals();
        return result;
    }

    /**
     * The campaign's own id marks this version of the loader: on a data directory an earlier loader filled
     * (members with ids of the service's choosing), its key was used for a different body, so the load stops
     * here, recording nothing, instead of enrolling the county's members a second time.
     */
    private void launchCampaign() {
        phase("campaign", 1, List.of(() -> campaignId = id(client.post(target.organization(), "/api/campaigns",
                body("id", idOf(KEY + "campaign"), "name", County.CAMPAIGN_NAME, "startsOn", County.STARTS_ON,
                        "endsOn", County.ENDS_ON), KEY + "campaign"))));
    }

    /** Level by level: every parent exists before its children are registered. */
    private void registerOrganizations() {
        Progress progress = start("organizations", county.organizations().size());
        for (Tier tier : Tier.values()) {
            List<Runnable> tasks = new ArrayList<>();
            for (Org org : county.organizationsOf(tier)) {
                tasks.add(() -> organizationIds[org.index()] = id(client.post(target.organization(),
                        "/api/organizations", body("name", org.name(), "tier", org.tier(), "sector", org.sector(),
                                "parentId", org.parent() < 0 ? null : organizationIds[org.parent()]),
                        KEY + "org-" + org.index())));
            }
            runAll(tasks);
        }
        progress.finish();
    }

    /** Members get ids of their own (the same on every load), so nothing waits for an answer to name them. */
    private List<Runnable> enrolMembers() {
        List<Fact> facts = new ArrayList<>();
        for (County.Member member : county.members()) {
            String key = KEY + "member-" + member.index();
            memberIds[member.index()] = idOf(key);
            facts.add(new Fact(key, MEMBER_ENROLLED, body("orgId", organizationIds[member.branch()],
                    "id", memberIds[member.index()], "field", member.field(), "occupation", member.occupation(),
                    "status", member.status(), "displayName", member.displayName())));
        }
        List<Runnable> tasks = new ArrayList<>();
        for (int from = 0; from < facts.size(); from += BATCH) {
            List<Fact> batch = facts.subList(from, Math.min(facts.size(), from + BATCH));
            tasks.add(() -> client.report(target.organization(), batch));
        }
        return tasks;
    }

    private void launchSpecialRectifications() {
        List<Runnable> tasks = new ArrayList<>();
        List<String> titles = county.specialRectifications();
        for (int s = 0; s < titles.size(); s++) {
            int index = s;
            tasks.add(() -> specialRectificationIds[index] = id(client.post(target.rectification(),
                    "/api/special-rectifications", body("campaignId", campaignId, "title", titles.get(index),
                            "scope", "全县各级党组织"), KEY + "special-" + index)));
        }
        phase("special rectifications", tasks.size(), tasks);
        // Its launch time is recorded by the service: the same on every later load.
        JsonNode first = client.get(target.rectification(), "/api/special-rectifications/" + specialRectificationIds[0]);
        anchor = Instant.parse(first.path("launchedAt").asText()).atZone(countyZone()).toLocalDate();
    }

    /**
     * Each organization's record in checklist-service (one aggregate, so its facts go in order, in one batch):
     * the "ten ones", study sessions and honor-room visits; what names members follows in
     * {@link #fileResearchAndNotes()}.
     */
    private List<Runnable> keepRecords() {
        return perOrganization((activities, orgId, key, facts) -> {
            List<Completion> completions = activities.checklist();
            for (int i = 0; i < completions.size(); i++) {
                Completion completion = completions.get(i);
                facts.add(new Fact(key + "-checklist-" + i, CHECKLIST_ITEM_COMPLETED, body("orgId", orgId,
                        "item", completion.item(), "campaignId", campaignId, "date", completion.date(),
                        "note", completion.note())));
            }
            List<Session> sessions = activities.sessions();
            for (int i = 0; i < sessions.size(); i++) {
                Session session = sessions.get(i);
                facts.add(new Fact(key + "-session-" + i, STUDY_SESSION_HELD, body("orgId", orgId,
                        "campaignId", campaignId, "date", session.date(), "days", session.days(),
                        "format", session.format(), "readings", session.readings(), "attendees", session.attendees())));
            }
            List<Visit> visits = activities.visits();
            for (int i = 0; i < visits.size(); i++) {
                facts.add(new Fact(key + "-visit-" + i, HONOR_ROOM_VISITED, body("orgId", orgId,
                        "campaignId", campaignId, "date", visits.get(i).date(), "visitors", visits.get(i).visitors())));
            }
        });
    }

    /** Research and study notes, which name members: once every member is enrolled. */
    private List<Runnable> fileResearchAndNotes() {
        return perOrganization((activities, orgId, key, facts) -> {
            List<Research> research = activities.research();
            for (int i = 0; i < research.size(); i++) {
                Research piece = research.get(i);
                facts.add(new Fact(key + "-research-" + i, RESEARCH_SUBMITTED, body("orgId", orgId,
                        "campaignId", campaignId, "kind", piece.kind(), "title", piece.title(),
                        "memberId", piece.author() < 0 ? null : memberIds[piece.author()], "date", piece.date())));
            }
            List<Note> notes = activities.notes();
            for (int i = 0; i < notes.size(); i++) {
                facts.add(new Fact(key + "-note-" + i, STUDY_NOTE_RECORDED, body("orgId", orgId,
                        "campaignId", campaignId, "memberId", memberIds[notes.get(i).member()],
                        "kind", notes.get(i).kind())));
            }
        });
    }

    /** What one organization's record in checklist-service is told, in order. */
    @FunctionalInterface
    private interface RecordFacts {
        void add(Activities activities, String orgId, String key, List<Fact> facts);
    }

    /** Each organization's facts for checklist-service, as {@code facts} lists them, batched by {@link #reports}. */
    private List<Runnable> perOrganization(RecordFacts facts) {
        List<List<Fact>> records = new ArrayList<>();
        for (Org org : county.organizations()) {
            List<Fact> record = new ArrayList<>();
            facts.add(county.activities().get(org.index()), organizationIds[org.index()], KEY + "org-" + org.index(),
                    record);
            records.add(record);
        }
        return reports(target.checklist(), records);
    }

    /**
     * One inbox request per {@link #BATCH} facts or so, never splitting one organization's facts: two batches
     * at once on one aggregate would only wait for each other.
     */
    private List<Runnable> reports(URI service, List<List<Fact>> records) {
        List<Runnable> tasks = new ArrayList<>();
        List<Fact> batch = new ArrayList<>();
        for (List<Fact> facts : records) {
            if (!batch.isEmpty() && batch.size() + facts.size() > BATCH) {
                List<Fact> full = batch;
                tasks.add(() -> client.report(service, full));
                batch = new ArrayList<>();
            }
            batch.addAll(facts);
        }
        if (!batch.isEmpty()) {
            List<Fact> last = batch;
            tasks.add(() -> client.report(service, last));
        }
        return tasks;
    }

    private List<Runnable> logProblems() {
        List<Runnable> tasks = new ArrayList<>();
        for (Problem problem : county.problems()) {
            tasks.add(() -> {
                String key = KEY + "problem-" + problem.index();
                String id = id(client.post(target.rectification(), "/api/problems", body(
                        "orgId", organizationIds[problem.org()], "campaignId", campaignId,
                        "focusArea", problem.focusArea(), "source", problem.source(),
                        "specialRectificationId", problem.special() < 0 ? null
                                : specialRectificationIds[problem.special()],
                        "description", problem.description(), "owner", problem.owner(),
                        "deadline", problem.deadline().on(anchor)), key));
                List<Step> steps = problem.steps();
                for (int i = 0; i < steps.size(); i++) {
                    step(id, steps.get(i), key + "-step-" + i);
                }
            });
        }
        return tasks;
    }

    private void step(String problemId, Step step, String key) {
        String path = "/api/problems/" + problemId;
        if (step instanceof SetMeasures measures) {
            List<Object> list = new ArrayList<>();
            for (Measure measure : measures.measures()) {
                list.add(body("description", measure.description(), "due", measure.due().on(anchor)));
            }
            client.post(target.rectification(), path + "/measures", body("measures", list), key);
        } else if (step instanceof Rectify rectify) {
            List<Object> attachments = new ArrayList<>();
            rectify.attachments().forEach(a -> attachments.add(body("name", a.name(), "sha256", a.sha256())));
            client.post(target.rectification(), path + "/rectify", body("evidence", rectify.evidence(),
                    "attachments", attachments.isEmpty() ? null : attachments), key);
        } else if (step instanceof Verify verify) {
            client.post(target.rectification(), path + "/verify", body("comment", verify.comment()), key);
        } else if (step instanceof Reopen reopen) {
            client.post(target.rectification(), path + "/reopen", body("reason", reopen.reason()), key);
        } else if (step instanceof ExtendDeadline extend) {
            client.post(target.rectification(), path + "/deadline", body("deadline", extend.deadline().on(anchor),
                    "reason", extend.reason()), key);
        }
    }

    /**
     * Waits until the reporting service has projected the county and is idle, then prints its totals.
     * The load itself is done: a reporting service that lags only delays the figures, so this warns.
     */
    private void awaitTotals() {
        out.println("[demo] waiting for the county totals (reporting-service)…");
        long deadline = System.nanoTime() + TOTALS_TIMEOUT.toNanos();
        long previous = -1;
        JsonNode totals = null;
        while (System.nanoTime() < deadline) {
            totals = client.get(target.reporting(), "/api/totals?campaignId=" + campaignId);
            long events = totals.path("eventsProjected").asLong();
            boolean shown = totals.at("/organizations/total").asInt() >= county.organizations().size()
                    && totals.at("/members/total").asInt() >= county.members().size()
                    && totals.at("/honorRoom/personVisits").asInt() >= CountyGenerator.HONOR_ROOM_PERSON_VISITS
                    && totals.at("/problems/found").asInt() >= CountyGenerator.PROBLEMS
                    && totals.at("/problems/overdue").asInt() >= CountyGenerator.OVERDUE;
            if (shown && events == previous) {
                out.printf("[demo] county totals: %d organizations (%d county bodies, %d section teams, %d branches),"
                                + " %d members; honor room %d units, %d person-visits; problems %d found, %d rectified,"
                                + " %d being rectified, %d overdue; %d events%n",
                        totals.at("/organizations/total").asInt(), totals.at("/organizations/byTier/COUNTY").asInt(),
                        totals.at("/organizations/byTier/SECTION").asInt(),
                        totals.at("/organizations/byTier/BRANCH").asInt(), totals.at("/members/total").asInt(),
                        totals.at("/honorRoom/units").asInt(), totals.at("/honorRoom/personVisits").asInt(),
                        totals.at("/problems/found").asInt(), totals.at("/problems/rectified").asInt(),
                        totals.at("/problems/inProgress").asInt(), totals.at("/problems/overdue").asInt(), events);
                return;
            }
            previous = shown ? events : -1;
            try {
                // Polling the totals: the reporting service offers no "caught up" signal to wait on.
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        out.println("[demo] the county totals have not caught up after " + TOTALS_TIMEOUT.toMinutes()
                + " min; the dashboard will show the figures as the reporting service projects them. Last seen: "
                + totals);
    }

    // ---- phases ----

    private Progress start(String label, int commands) {
        Progress progress = new Progress(out, label, commands, interactive);
        client.reportTo(progress);
        return progress;
    }

    private void phase(String label, int commands, List<Runnable> tasks) {
        Progress progress = start(label, commands);
        runAll(tasks);
        progress.finish();
    }

    private void runAll(List<Runnable> tasks) {
        await(inParallel(pool, tasks));
    }

    /** Runs the tasks on the clients of {@code clients}; the first failure anywhere cancels every task and ends the load. */
    private CompletableFuture<?> inParallel(ExecutorService clients, List<Runnable> tasks) {
        CompletableFuture<?> all = CompletableFuture.allOf(tasks.stream().map(task -> CompletableFuture
                .runAsync(task, clients).whenComplete((done, failure) -> {
                    if (failure != null) {
                        fail(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                    }
                })).toArray(CompletableFuture[]::new));
        return CompletableFuture.anyOf(all, failed);
    }

    /** Notes in {@code finished} when {@code work} is done, in seconds since {@code since}. */
    private static CompletableFuture<?> timed(CompletableFuture<?> work, String phase, long since,
                                              Map<String, Double> finished) {
        return work.thenRun(() -> finished.put(phase, (System.nanoTime() - since) / 1e9));
    }

    private void fail(Throwable failure) {
        if (failed.completeExceptionally(failure)) {
            pool.shutdownNow();
            checklistPool.shutdownNow();
            rectificationPool.shutdownNow();
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : e.getCause();
            if (cause instanceof DemoLoadFailed failed) {
                throw failed;
            }
            throw new DemoLoadFailed("the demo county could not be loaded: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoLoadFailed("interrupted while loading the demo county", e);
        }
    }

    private static ExecutorService clients(String name) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(CLIENTS, task -> {
            Thread thread = new Thread(task, name + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The id a member or a problem of the demo county has on every load: a name-based UUID of its key. */
    private static String idOf(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String id(JsonNode answer) {
        String id = answer.path("id").asText(null);
        if (id == null) {
            throw new DemoLoadFailed("an answer without an id: " + answer);
        }
        return id;
    }

    /** The county's zone, as the services read it: deadlines and the anchor are days there. */
    private static ZoneId countyZone() {
        String zone = System.getenv("JINGZHUN_TIMEZONE");
        return ZoneId.of(zone == null || zone.isBlank() ? "Asia/Shanghai" : zone);
    }
}
