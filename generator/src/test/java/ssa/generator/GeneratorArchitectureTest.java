package ssa.generator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The generator's main classes, and the settings module they use. */
@AnalyzeClasses(packages = "ssa", importOptions = ImportOption.DoNotIncludeTests.class)
class GeneratorArchitectureTest {

  @ArchTest
  static final ArchRule the_generator_is_free_of_spark =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "scala..")
          .because("the generator is a plain Java program: no Spark (or Scala) on its classpath");
}
