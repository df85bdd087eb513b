package org.jingzhun.suite;

/** The four services the suite runs, with their main class, default port and database. */
enum ServiceKind {
    ORGANIZATION("organization", "org.jingzhun.organization.OrganizationServiceApplication", 8081, "organization"),
    CHECKLIST("checklist", "org.jingzhun.checklist.ChecklistServiceApplication", 8082, "checklist"),
    RECTIFICATION("rectification", "org.jingzhun.rectification.RectificationServiceApplication", 8083, "rectification"),
    REPORTING("reporting", "org.jingzhun.reporting.ReportingServiceApplication", 8080, "reporting");

    final String shortName;
    final String mainClass;
    final int defaultPort;
    final String database;

    ServiceKind(String shortName, String mainClass, int defaultPort, String database) {
        this.shortName = shortName;
        this.mainClass = mainClass;
        this.defaultPort = defaultPort;
        this.database = database;
    }
}
