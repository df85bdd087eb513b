package org.jingzhun.checklist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "org.jingzhun.checklist", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Services share contracts and platform only; organizations are known from their events (the registry). */
    @ArchTest
    static final ArchRule dependsOnNoOtherService = noClasses().that().resideInAPackage("org.jingzhun.checklist..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jingzhun.organization..", "org.jingzhun.rectification..", "org.jingzhun.reporting..");

    /** Aggregates decide on what their commands carry: no web, Kafka, JDBC or registry inside. */
    @ArchTest
    static final ArchRule aggregatesStayFreeOfInfrastructure = noClasses().that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                    "org.apache.kafka..", "org.springframework.jdbc..", "org.jingzhun.platform.registry..");

    /** Plain JDBC only: JPA would switch Axon's stores over to JPA (see ARCHITECTURE.md). */
    @ArchTest
    static final ArchRule usesNoJpa = noClasses().that().resideInAPackage("org.jingzhun.checklist..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..");
}
