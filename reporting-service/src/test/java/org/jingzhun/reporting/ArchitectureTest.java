package org.jingzhun.reporting;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "org.jingzhun.reporting", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Services share contracts and platform only; reporting learns about the others from their events. */
    @ArchTest
    static final ArchRule dependsOnNoOtherService = noClasses().that().resideInAPackage("org.jingzhun.reporting..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.jingzhun.organization..", "org.jingzhun.checklist..", "org.jingzhun.rectification..");

    /**
     * Features meet only through the platform's Projection interface, so each can change alone; the read
     * model they share, seen at an instant ({@code readmodel}), is the one thing they all name.
     */
    @ArchTest
    static final ArchRule featuresDoNotDependOnEachOther = slices().matching("org.jingzhun.reporting.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("org.jingzhun.reporting.."), resideInAPackage("org.jingzhun.reporting.readmodel.."));

    /** Read models are plain JDBC: JPA would switch Axon's stores over to JPA (see ARCHITECTURE.md). */
    @ArchTest
    static final ArchRule usesNoJpa = noClasses().that().resideInAPackage("org.jingzhun.reporting..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..");
}
