package ssa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobProbeTest {
  @Test
  void findsTheGeneratorJarOfThisBuildByItsVersionlessName(@TempDir Path root) throws Exception {
    Path target = Files.createDirectories(root.resolve("generator/target"));
    Files.createFile(target.resolve("ssa-generator.jar"));
    Path shaded = Files.createFile(target.resolve("ssa-generator-all.jar"));

    assertThat(JobProbe.generatorJar(root)).isEqualTo(shaded);
  }

  @Test
  void findsTheVersionedGeneratorJarOfAnOlderCheckout(@TempDir Path root) throws Exception {
    Path target = Files.createDirectories(root.resolve("generator/target"));
    Files.createFile(target.resolve("ssa-generator-0.1.0-SNAPSHOT.jar"));
    Path shaded = Files.createFile(target.resolve("ssa-generator-0.1.0-SNAPSHOT-all.jar"));

    assertThat(JobProbe.generatorJar(root)).isEqualTo(shaded);
  }
}
