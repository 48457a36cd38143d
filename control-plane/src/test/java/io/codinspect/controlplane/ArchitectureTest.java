package io.codinspect.controlplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the feature packages honest: internals stay internal, entities stay in their adapters. */
@AnalyzeClasses(packages = "io.codinspect.controlplane", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES = {
        "user",
        "session",
        "prompt",
        "event",
        "sandbox",
        "stream",
        "github",
        "usage",
        "gateway",
        "egress",
        "bot",
        "notification"
    };

    @ArchTest
    static final ArchRule internalsAreUsedOnlyByTheirOwnFeature = featureInternalsRule();

    @ArchTest
    static final ArchRule entitiesLiveInInternalPackages = classes()
            .that()
            .areAnnotatedWith(jakarta.persistence.Entity.class)
            .should()
            .resideInAPackage("..internal..");

    @ArchTest
    static final ArchRule systemDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("..controlplane.system..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..controlplane.user..",
                    "..controlplane.session..",
                    "..controlplane.prompt..",
                    "..controlplane.event..",
                    "..controlplane.sandbox..",
                    "..controlplane.stream..",
                    "..controlplane.github..",
                    "..controlplane.model..",
                    "..controlplane.usage..",
                    "..controlplane.gateway..",
                    "..controlplane.egress..",
                    "..controlplane.bot..");

    private static ArchRule featureInternalsRule() {
        ArchRule rule = null;
        for (var feature : FEATURES) {
            var r = noClasses()
                    .that()
                    .resideOutsideOfPackage("..controlplane." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("..controlplane." + feature + ".internal..");
            rule = rule == null
                    ? r
                    : com.tngtech.archunit.lang.CompositeArchRule.of(rule).and(r);
        }
        return rule;
    }
}
