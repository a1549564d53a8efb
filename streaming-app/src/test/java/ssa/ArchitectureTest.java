package ssa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The stage rules of the README's "How data flows", checked on the compiled main classes (the
 * job's, and those of the settings and generator modules on the test classpath).
 */
@AnalyzeClasses(packages = "ssa", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * source -> parse -> rollup -> store -> publish: a stage may use the stages before it, never one
   * after it, nor the packages that wire the stages together (ssa.job, ssa.incremental), the
   * monitoring or the command-line tools. Anyone but ssa.rollup may use ssa.config, and anyone
   * ssa.settings; ssa.config in turn uses only ssa.settings, ssa.parse and ssa.rollup, whose schema
   * and rollup definition types (StreamSchema, FieldSpec, RollupDefinition, Grain, ...) the job's
   * settings are read into. So ssa.rollup takes those types, never the settings they come from
   * (that would be a cycle). ssa.job, ssa.incremental, ssa.monitor, ssa.cli and ssa.serve may use
   * any stage.
   */
  @ArchTest
  static final ArchRule a_stage_never_depends_on_a_later_stage =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("ssa..")
          .layer("source")
          .definedBy("ssa.source..")
          .layer("parse")
          .definedBy("ssa.parse..")
          .layer("rollup")
          .definedBy("ssa.rollup..")
          .layer("store")
          .definedBy("ssa.store..")
          .layer("publish")
          .definedBy("ssa.publish..")
          .layer("config")
          .definedBy("ssa.config..")
          .layer("settings")
          .definedBy("ssa.settings..")
          .layer("wiring")
          .definedBy("ssa.job..", "ssa.incremental..")
          .layer("monitor")
          .definedBy("ssa.monitor..")
          .layer("cli")
          .definedBy("ssa.cli..", "ssa.serve..")
          .whereLayer("source")
          .mayOnlyAccessLayers("config", "settings")
          .whereLayer("parse")
          .mayOnlyAccessLayers("source", "config", "settings")
          .whereLayer("rollup")
          .mayOnlyAccessLayers("source", "parse", "settings")
          .whereLayer("store")
          .mayOnlyAccessLayers("source", "parse", "rollup", "config", "settings")
          .whereLayer("publish")
          .mayOnlyAccessLayers("source", "parse", "rollup", "store", "config", "settings")
          .whereLayer("config")
          .mayOnlyAccessLayers("parse", "rollup", "settings")
          .whereLayer("settings")
          .mayNotAccessAnyLayer();

  /**
   * Nor through another package: since ssa.config uses ssa.parse, the direct rule above alone would
   * let, say, a source class reach parse through a config class. No class of a stage reaches a
   * later stage or the wiring by any chain of ssa classes.
   */
  @ArchTest
  static final ArchRule source_never_reaches_a_later_stage =
      neverReaches("ssa.source..", "ssa.parse..", "ssa.rollup..", "ssa.store..", "ssa.publish..");

  @ArchTest
  static final ArchRule parse_never_reaches_a_later_stage =
      neverReaches("ssa.parse..", "ssa.rollup..", "ssa.store..", "ssa.publish..");

  @ArchTest
  static final ArchRule rollup_never_reaches_a_later_stage =
      neverReaches("ssa.rollup..", "ssa.store..", "ssa.publish..");

  @ArchTest
  static final ArchRule store_never_reaches_a_later_stage =
      neverReaches("ssa.store..", "ssa.publish..");

  private static ArchRule neverReaches(String stage, String... laterStages) {
    String[] forbidden = new String[laterStages.length + 2];
    System.arraycopy(laterStages, 0, forbidden, 0, laterStages.length);
    forbidden[laterStages.length] = "ssa.job..";
    forbidden[laterStages.length + 1] = "ssa.incremental..";
    return noClasses()
        .that()
        .resideInAPackage(stage)
        .should()
        .transitivelyDependOnClassesThat()
        .resideInAnyPackage(forbidden);
  }

  /** No two ssa.* packages depend on each other, however indirectly. */
  @ArchTest
  static final ArchRule no_cycles_between_packages =
      slices().matching("ssa.(*)..").namingSlices("ssa.$1").should().beFreeOfCycles();
}
