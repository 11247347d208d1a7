package dev.gatehouse.arch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The layering of STYLE.md §1: a headless core, a CLI and a UI that never meet. */
@AnalyzeClasses(packages = "dev.gatehouse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule coreIsHeadless = noClasses().that().resideInAPackage("dev.gatehouse.core..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.gatehouse.ui..", "dev.gatehouse.cli..", "picocli..");

    @ArchTest
    static final ArchRule cliNeverImportsUi = noClasses().that().resideInAPackage("dev.gatehouse.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gatehouse.ui..", "javafx..");

    @ArchTest
    static final ArchRule uiNeverImportsCli = noClasses().that().resideInAPackage("dev.gatehouse.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gatehouse.cli..");

    @ArchTest
    static final ArchRule coreHasNoCycles = slices().matching("dev.gatehouse.core.(*)..").should().beFreeOfCycles();

    /** The pure packages do no I/O: the bytes come from the edges (workspace, store, bundle, sandbox). */
    @ArchTest
    static final ArchRule purePackagesDoNoIo = noClasses()
            .that().resideInAnyPackage("dev.gatehouse.core.source..", "dev.gatehouse.core.diag..", "dev.gatehouse.core.model..",
                    "dev.gatehouse.core.parse..", "dev.gatehouse.core.validate..", "dev.gatehouse.core.report..",
                    "dev.gatehouse.core.engine..", "dev.gatehouse.core.matrix..", "dev.gatehouse.core.edit..",
                    "dev.gatehouse.core.lang..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
            .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder");

    /** Only the CLI prints (JabRef's restrictStandardStreams). */
    @ArchTest
    static final ArchRule onlyCliPrints = noClasses().that().resideOutsideOfPackages("dev.gatehouse.cli..", "dev.gatehouse")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}
