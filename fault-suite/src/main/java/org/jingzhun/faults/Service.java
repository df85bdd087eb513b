package org.jingzhun.faults;

/** The four services, as the suite runs them: main class and database. */
enum Service {
    ORGANIZATION("organization", "org.jingzhun.organization.OrganizationServiceApplication", "jingzhun.organization.events"),
    CHECKLIST("checklist", "org.jingzhun.checklist.ChecklistServiceApplication", "jingzhun.checklist.events"),
    RECTIFICATION("rectification", "org.jingzhun.rectification.RectificationServiceApplication", "jingzhun.rectification.events"),
    REPORTING("reporting", "org.jingzhun.reporting.ReportingServiceApplication", null);

    final String shortName;
    final String mainClass;
    /** The topic its events are relayed to; {@code null} for reporting, which writes none. */
    final String topic;

    Service(String shortName, String mainClass, String topic) {
        this.shortName = shortName;
        this.mainClass = mainClass;
        this.topic = topic;
    }

    String database() {
        return shortName;
    }

    boolean writing() {
        return topic != null;
    }
}
