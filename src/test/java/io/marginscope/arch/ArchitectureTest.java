package io.marginscope.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md, checked on the compiled classes (tests left out): no cycle
 * between the top-level packages, an engine that depends on no shell and no I/O library, and a
 * workstation without SQL.
 */
class ArchitectureTest {

    /** The engine: values in, values out; no file, resource, clock, UI, JSON, PDF or SQL. */
    static final String[] ENGINE = {"io.marginscope.model..", "io.marginscope.pricing..", "io.marginscope.risk..",
            "io.marginscope.margin..", "io.marginscope.stress..", "io.marginscope.backtest..",
            "io.marginscope.analysis.."};

    /** What the engine must not see: the shells of the program and the libraries of I/O and UI. */
    static final String[] NOT_FOR_THE_ENGINE = {"io.marginscope.io..", "io.marginscope.run..",
            "io.marginscope.report..", "io.marginscope.store..", "io.marginscope.feed..", "io.marginscope.cli..",
            "io.marginscope.ui..", "com.fasterxml.jackson..", "org.apache.pdfbox..", "org.sqlite..", "java.sql..",
            "javafx..", "picocli..", "org.apache.commons.csv..", "eu.hansolo..", "org.controlsfx.."};

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.marginscope");
    }

    @Test
    void noCycleBetweenTopLevelPackages() {
        // io.marginscope.ui.book, ui.risk, ... are one slice with ui: a cycle inside a layer is its own business
        ArchRule rule = slices().matching("io.marginscope.(*)..").should().beFreeOfCycles();
        rule.check(classes);
    }

    @Test
    void theEngineImportsNoShellAndNoIoLibrary() {
        ArchRule rule = noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage(NOT_FOR_THE_ENGINE);
        rule.check(classes);
    }

    @Test
    void theEngineReadsNoFileAndNoResource() {
        ArchRule rule = noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.net..")
                .orShould().callMethod(Class.class, "getResourceAsStream", String.class)
                .orShould().callMethod(Class.class, "getResource", String.class)
                .orShould().callMethod(ClassLoader.class, "getResourceAsStream", String.class);
        rule.check(classes);
    }

    @Test
    void theWorkstationUsesNoSql() {
        ArchRule rule = noClasses().that().resideInAPackage("io.marginscope.ui..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.sqlite..");
        rule.check(classes);
    }
}
