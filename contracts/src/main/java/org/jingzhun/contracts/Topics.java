package org.jingzhun.contracts;

import java.util.List;

/** Kafka topic names: one topic per owning service, plus a dead-letter topic per topic. */
public final class Topics {
    public static final String ORGANIZATION_EVENTS = "jingzhun.organization.events";
    public static final String CHECKLIST_EVENTS = "jingzhun.checklist.events";
    public static final String RECTIFICATION_EVENTS = "jingzhun.rectification.events";

    /** Inbox topics: other services publish CloudEvents (binary mode) reporting facts to record. */
    public static final String ORGANIZATION_INBOX = "jingzhun.organization.inbox";
    public static final String CHECKLIST_INBOX = "jingzhun.checklist.inbox";
    public static final String RECTIFICATION_INBOX = "jingzhun.rectification.inbox";

    /** Every event topic, in the order the reporting service subscribes to them. */
    public static final List<String> ALL = List.of(ORGANIZATION_EVENTS, CHECKLIST_EVENTS, RECTIFICATION_EVENTS);

    private Topics() {
    }

    /** The dead-letter topic of an event topic: poison records go there with the reason in a header. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
