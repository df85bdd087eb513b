package org.jingzhun.suite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries of the suite: services share only contracts and platform. */
class ArchitectureTest {

    private static final List<String> SERVICES = List.of("organization", "checklist", "rectification", "reporting");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.jingzhun");
    }

    @Test
    void noServiceDependsOnAnotherService() {
        for (String service : SERVICES) {
            for (String other : SERVICES) {
                if (!service.equals(other)) {
                    noClasses().that().resideInAPackage("org.jingzhun." + service + "..")
                            .should().dependOnClassesThat().resideInAPackage("org.jingzhun." + other + "..")
                            .check(classes);
                }
            }
        }
    }

    @Test
    void contractsAndPlatformKnowNoService() {
        for (String service : SERVICES) {
            noClasses().that().resideInAnyPackage("org.jingzhun.contracts..", "org.jingzhun.platform..")
                    .should().dependOnClassesThat().resideInAPackage("org.jingzhun." + service + "..")
                    .check(classes);
        }
    }

    @Test
    void contractsArePlainJava() {
        noClasses().that().resideInAPackage("org.jingzhun.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..")
                .check(classes);
    }

    @Test
    void aggregatesKnowNeitherTheWebNorKafka() {
        classes().that().areAnnotatedWith(Aggregate.class)
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..", "org.apache.kafka..",
                        "org.springframework.jdbc..")
                .check(classes);
    }
}
