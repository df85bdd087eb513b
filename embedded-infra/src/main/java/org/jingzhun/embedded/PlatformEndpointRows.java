package org.jingzhun.embedded;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows every writing service's authorization table shares: the endpoints the platform gives each of
 * them (the inbox, the relay's parked events, the event store's verification, the published contract) with the status each caller
 * expects. Callers are named as in those tables; one not named expects 403, no credentials 401.
 */
public final class PlatformEndpointRows {

    public static final String ADMIN = "admin";
    public static final String SECRETARY = "secretary of A";
    public static final String AUDITOR = "auditor";
    public static final String VIEWER = "viewer";
    /** A {@code PUBLISHER} bound to organization A. */
    public static final String PUBLISHER_OF_A = "publisher of A";
    public static final String PUBLISHER = "publisher";

    /** One endpoint: method, path, body (a template the table resolves, e.g. {@code "INBOX <orgId>"}), statuses. */
    public record Row(String method, String path, String body, Map<String, Integer> expected) {
    }

    private PlatformEndpointRows() {
    }

    /**
     * The inbox inside A's subtree ({@code insideA}) and outside it ({@code outsideA}), as body templates
     * {@code "INBOX <orgId>"}; parked events; the AsyncAPI document and one published schema.
     */
    public static List<Row> of(String insideA, String outsideA, String schemaType) {
        Map<String, Integer> everyAccount = statuses(ADMIN, 200, SECRETARY, 200, AUDITOR, 200, VIEWER, 200,
                PUBLISHER_OF_A, 200, PUBLISHER, 200);
        return List.of(
                // The inbox: publishers (one bound to A: its subtree only) and the county admin.
                new Row("POST", "/api/inbox", "INBOX " + insideA, statuses(ADMIN, 202, PUBLISHER_OF_A, 202, PUBLISHER, 202)),
                new Row("POST", "/api/inbox", "INBOX " + outsideA, statuses(ADMIN, 202, PUBLISHER, 202)),
                // The relay's parked events are the county admin's; the published contract is every account's.
                new Row("GET", "/api/admin/relay/parked", null, statuses(ADMIN, 200)),
                new Row("POST", "/api/admin/relay/parked/999999999/resend", "{}", statuses(ADMIN, 404)),
                new Row("POST", "/api/admin/relay/parked/999999999/acknowledge", "{\"note\":\"x\"}", statuses(ADMIN, 404)),
                // The service's own check of its event store's hash chains: auditors and the county admin.
                new Row("GET", "/api/audit/event-store/verify", null, statuses(ADMIN, 200, AUDITOR, 200)),
                new Row("GET", "/asyncapi.json", null, everyAccount),
                new Row("GET", "/schemas/" + schemaType + ".json", null, everyAccount));
    }

    private static Map<String, Integer> statuses(Object... callerThenStatus) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < callerThenStatus.length; i += 2) {
            expected.put((String) callerThenStatus[i], (Integer) callerThenStatus[i + 1]);
        }
        return expected;
    }
}
