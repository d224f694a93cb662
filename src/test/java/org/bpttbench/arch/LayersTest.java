package org.bpttbench.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The library (kernel, cell, bptt, analysis, io, train) never reaches into the application
 * (experiment, output, report, cli), the application's layers only point downwards, and no two packages
 * depend on each other in a cycle.
 */
class LayersTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.bpttbench");

  @Test
  void libraryDoesNotUseTheApplicationAndLayersPointDown() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("library").definedBy("org.bpttbench.kernel..", "org.bpttbench.cell..",
            "org.bpttbench.bptt..", "org.bpttbench.analysis..", "org.bpttbench.io..",
            "org.bpttbench.train..", "org.bpttbench.seq..")
        .layer("experiment").definedBy("org.bpttbench.experiment..")
        .layer("output").definedBy("org.bpttbench.output..")
        .layer("report").definedBy("org.bpttbench.report..")
        .layer("cli").definedBy("org.bpttbench.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("output").mayOnlyBeAccessedByLayers("report", "cli")
        .whereLayer("experiment").mayOnlyBeAccessedByLayers("output", "report", "cli")
        .check(MAIN);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("org.bpttbench.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
