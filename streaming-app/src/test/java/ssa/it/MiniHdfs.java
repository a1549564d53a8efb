package ssa.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real NameNode and DataNode in this JVM, for hdfs:// checkpoints. */
final class MiniHdfs implements AutoCloseable {
  private final MiniDFSCluster cluster;

  MiniHdfs() throws IOException {
    Path base = Files.createTempDirectory("ssa-minidfs");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
  }

  /** A fresh directory's URI, e.g. hdfs://localhost:PORT/ssa/NAME. */
  String uri(String name) {
    return "hdfs://localhost:" + cluster.getNameNodePort() + "/ssa/" + name;
  }

  /** Whether a path exists on this cluster. */
  boolean exists(String uri) throws IOException {
    return cluster.getFileSystem().exists(new org.apache.hadoop.fs.Path(uri));
  }

  @Override
  public void close() {
    cluster.shutdown();
  }
}
