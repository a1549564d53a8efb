package ssa.launcher.hdfs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.launcher.Commands;
import ssa.launcher.Daemon;
import ssa.launcher.Directories;
import ssa.launcher.EngineJars;
import ssa.launcher.Log;
import ssa.launcher.Ports;
import ssa.launcher.Template;

/**
 * A local HDFS for checkpoints: one NameNode and one DataNode, each its own JVM from Hadoop's jars,
 * on Hadoop's default ports of 127.0.0.1, data under {@code $SSA_HOME/cluster/hdfs}. Formatted on
 * its first start.
 */
public final class LocalHdfs {
  public static final int NAMENODE_PORT = 8020;
  private static final int NAMENODE_HTTP_PORT = 9870;
  private static final int DATANODE_PORT = 9866;
  private static final int DATANODE_IPC_PORT = 9867;
  private static final int DATANODE_HTTP_PORT = 9864;
  private static final String HEAP = "256m";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path home;
  private final Path java;
  private final EngineJars jars;
  private final Log log = new Log("hdfs");
  private final Daemon nameNode;
  private final Daemon dataNode;

  public LocalHdfs(Path home, Path java, EngineJars jars) {
    this.home = home;
    this.java = java;
    this.jars = jars;
    this.nameNode = new Daemon("HDFS NameNode", home.resolve("namenode"), logFile("namenode"), log);
    this.dataNode = new Daemon("HDFS DataNode", home.resolve("datanode"), logFile("datanode"), log);
  }

  private Path logFile(String daemon) {
    return home.resolve("logs/" + daemon + ".log");
  }

  /** Where a client finds it, e.g. for a checkpoint location. */
  public static String uri() {
    return "hdfs://127.0.0.1:" + NAMENODE_PORT;
  }

  public List<Daemon> daemons() {
    return List.of(nameNode, dataNode);
  }

  public void start() {
    writeConfig();
    if (nameNode.process().isEmpty()) {
      refuseBusyPort(NAMENODE_PORT);
      formatOnce();
      nameNode.awaitReady(
          nameNode.start(java, jvm("org.apache.hadoop.hdfs.server.namenode.NameNode"), Map.of()),
          START_TIMEOUT,
          () -> nameNode.logSays("NameNode RPC up at"));
    }
    Optional<ProcessHandle> running = dataNode.process();
    ProcessHandle process =
        running.orElseGet(
            () -> {
              refuseBusyPort(DATANODE_PORT);
              return dataNode.start(
                  java, jvm("org.apache.hadoop.hdfs.server.datanode.DataNode"), Map.of());
            });
    // Writes fail while the NameNode is in safe mode, which it leaves once the DataNode reports.
    dataNode.awaitReady(process, START_TIMEOUT, this::writable);
  }

  public void stop() {
    dataNode.stop(STOP_TIMEOUT);
    nameNode.stop(STOP_TIMEOUT);
  }

  /** Stops both and deletes every file they hold. */
  public void reset() {
    stop();
    try {
      for (String dir : List.of("name", "data", "tmp")) {
        Directories.delete(home.resolve(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Out of safe mode, with the DataNode live: what the NameNode's JMX servlet says. */
  public boolean writable() {
    try {
      HttpResponse<String> info =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + NAMENODE_HTTP_PORT
                                  + "/jmx?qry=Hadoop:service=NameNode,name=NameNodeInfo"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      String body = info.body().replace(" ", "");
      return info.statusCode() == 200
          && body.contains("\"Safemode\":\"\"")
          && body.contains("127.0.0.1:" + DATANODE_PORT);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void formatOnce() {
    if (Files.exists(home.resolve("name/current/VERSION"))) {
      return;
    }
    log.say("Formatting the NameNode's directory " + home.resolve("name"));
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(jvm("org.apache.hadoop.hdfs.server.namenode.NameNode"));
    command.addAll(List.of("-format", "-nonInteractive", "-force"));
    Commands.run(command, logFile("format"), "formatting HDFS");
  }

  private List<String> jvm(String main) {
    List<String> classpath = new ArrayList<>();
    classpath.add(home.resolve("conf").toString());
    jars.hdfsServer().forEach(jar -> classpath.add(jar.toString()));
    jars.spark().forEach(jar -> classpath.add(jar.toString()));
    return List.of(
        "-Xms64m",
        "-Xmx" + HEAP,
        "-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"),
        "-cp",
        String.join(File.pathSeparator, classpath),
        main);
  }

  private void writeConfig() {
    Map<String, String> values =
        Map.of(
            "namenode_uri", uri(),
            "home", home.toString(),
            "namenode_http_port", Integer.toString(NAMENODE_HTTP_PORT),
            "datanode_port", Integer.toString(DATANODE_PORT),
            "datanode_ipc_port", Integer.toString(DATANODE_IPC_PORT),
            "datanode_http_port", Integer.toString(DATANODE_HTTP_PORT));
    try {
      Files.createDirectories(home.resolve("conf"));
      Files.createDirectories(home.resolve("logs"));
      for (String file : List.of("core-site.xml", "hdfs-site.xml", "log4j2.properties")) {
        Files.writeString(
            home.resolve("conf").resolve(file), Template.resource("hdfs/" + file).render(values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write HDFS's config under " + home, e);
    }
  }

  private static void refuseBusyPort(int port) {
    Ports.requireFree("127.0.0.1", port, "HDFS needs it");
  }
}
