package ssa.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager.CancellableFSDataOutputStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssa.config.TestConfigs;

/** Spark's checkpoint contract on a local disk, and a streaming query restarting on it. */
class LocalCheckpointFileManagerTest {
  @TempDir java.nio.file.Path dir;

  private LocalCheckpointFileManager manager() throws IOException {
    return new LocalCheckpointFileManager(new Path(dir.toUri()), new Configuration());
  }

  private static void write(CheckpointFileManager fm, Path path, String text, boolean overwrite)
      throws IOException {
    CancellableFSDataOutputStream out = fm.createAtomic(path, overwrite);
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.close();
  }

  private static String read(CheckpointFileManager fm, Path path) throws IOException {
    try (var in = fm.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void writesAtomicallyAndNeverClobbersWithoutOverwrite() throws IOException {
    LocalCheckpointFileManager fm = manager();
    Path offsets = new Path(new Path(dir.toUri()), "offsets");
    Path zero = new Path(offsets, "0");
    write(fm, zero, "v1\nfirst", false);
    assertThat(read(fm, zero)).isEqualTo("v1\nfirst");

    assertThatThrownBy(() -> write(fm, zero, "second", false))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(read(fm, zero)).isEqualTo("v1\nfirst");

    write(fm, zero, "third", true);
    assertThat(read(fm, zero)).isEqualTo("third");

    CancellableFSDataOutputStream cancelled = fm.createAtomic(new Path(offsets, "1"), false);
    cancelled.write(1);
    cancelled.cancel();
    assertThat(fm.exists(new Path(offsets, "1"))).isFalse();
    // Only the committed file is left: no temporary file of the cancelled or refused writes.
    assertThat(Arrays.stream(fm.list(offsets)).map(s -> s.getPath().getName()))
        .containsExactly("0");
  }

  @Test
  void missingFilesAreHadoopsFileNotFound() throws IOException {
    LocalCheckpointFileManager fm = manager();
    assertThatThrownBy(() -> fm.open(new Path(new Path(dir.toUri()), "nope")))
        .isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> fm.list(new Path(new Path(dir.toUri()), "none")))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void listsByFilterAndDeletesTrees() throws IOException {
    LocalCheckpointFileManager fm = manager();
    Path commits = new Path(new Path(dir.toUri()), "commits");
    for (String name : List.of("0", "1", "2")) {
      write(fm, new Path(commits, name), name, false);
    }
    FileStatus[] listed = fm.list(commits, p -> !p.getName().equals("1"));
    assertThat(Arrays.stream(listed).map(s -> s.getPath().getName()))
        .containsExactlyInAnyOrder("0", "2");
    assertThat(listed[0].getLen()).isEqualTo(1);
    fm.delete(commits);
    assertThat(Files.exists(dir.resolve("commits"))).isFalse();
    fm.delete(commits);
  }

  @Test
  void aPathWithoutSchemeIsLocalWhenTheDefaultFilesystemIs() throws IOException {
    // hdfs:// checkpoints go to Spark's own manager: the ITs on MiniDFSCluster run through it.
    Path bare = new Path(dir.resolve("bare").toString());
    LocalCheckpointFileManager fm = new LocalCheckpointFileManager(bare, new Configuration());
    assertThat(fm.createCheckpointDirectory().toUri().getScheme()).isEqualTo("file");
    assertThat(Files.isDirectory(dir.resolve("bare"))).isTrue();
  }

  @Test
  void aStreamingQueryRestartsOnItsCheckpoint()
      throws TimeoutException, StreamingQueryException, InterruptedException {
    SparkSession spark =
        SparkSessions.configure(SparkSession.builder(), TestConfigs.settings(""), "ckpt-test")
            .master("local[1]")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    String checkpoint = dir.resolve("ckpt").toUri().toString();
    assertThat(
            CheckpointFileManager.create(
                new Path(checkpoint), spark.sessionState().newHadoopConf()))
        .isInstanceOf(LocalCheckpointFileManager.class);
    List<Long> first;
    List<Long> second;
    try {
      first = run(spark, checkpoint, 3);
      second = run(spark, checkpoint, 2);
    } finally {
      spark.stop();
    }
    // The second run resumed after the batches the first committed.
    assertThat(second.get(0)).isGreaterThan(first.get(first.size() - 1));
    assertThat(Files.exists(dir.resolve("ckpt/commits/0"))).isTrue();
    assertThat(Files.exists(dir.resolve("ckpt/offsets/0"))).isTrue();
  }

  private static List<Long> run(SparkSession spark, String checkpoint, int batches)
      throws TimeoutException, StreamingQueryException, InterruptedException {
    List<Long> ids = new CopyOnWriteArrayList<>();
    StreamingQuery query =
        spark
            .readStream()
            .format("rate")
            .option("rowsPerSecond", 10)
            .load()
            .writeStream()
            .option("checkpointLocation", checkpoint)
            .trigger(Trigger.ProcessingTime(100))
            .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (rows, id) -> ids.add(id))
            .start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (ids.size() < batches && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    query.stop();
    assertThat(ids).hasSizeGreaterThanOrEqualTo(batches);
    return ids;
  }
}
