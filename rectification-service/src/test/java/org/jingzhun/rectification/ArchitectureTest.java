package org.jingzhun.rectification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

@AnalyzeClasses(packages = "org.jingzhun.rectification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Services share contracts and platform only; organizations are known from their events. */
    @ArchTest
    static final ArchRule dependsOnNoOtherService = noClasses().that().resideInAPackage("org.jingzhun.rectification..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jingzhun.organization..", "org.jingzhun.checklist..", "org.jingzhun.reporting..");

    /** Aggregates decide; the web, Kafka, SQL and the scheduler's own API stay outside them. */
    @ArchTest
    static final ArchRule aggregatesKnowNoInfrastructure = classes().that().areAnnotatedWith(Aggregate.class)
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.springframework.web..",
                    "org.springframework.http..", "jakarta.servlet..", "org.apache.kafka..",
                    "org.springframework.jdbc..", "com.github.kagkarlsson..");

    /** Special rectifications and ledgers stand alone; problems ask special rectifications through their interface. */
    @ArchTest
    static final ArchRule featuresDoNotReachIntoProblems = noClasses().that()
            .resideInAnyPackage("..rectification.specialrectification..", "..rectification.ledger..",
                    "..rectification.deadline..")
            .should().dependOnClassesThat().resideInAPackage("..rectification.problem..");

    /** Read models are plain JDBC: JPA would switch Axon's stores over to JPA (see ARCHITECTURE.md). */
    @ArchTest
    static final ArchRule usesNoJpa = noClasses().that().resideInAPackage("org.jingzhun.rectification..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..");
}
