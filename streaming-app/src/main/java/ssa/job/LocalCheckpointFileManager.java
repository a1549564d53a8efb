package ssa.job;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.spark.sql.execution.streaming.CheckpointFileManager;

/**
 * Spark's checkpoint files on a local disk through java.nio; other filesystems (HDFS, S3, ...) get
 * Spark's own manager.
 *
 * <p>Why: without Hadoop's native library, which Maven Central does not ship, Hadoop's local
 * filesystem starts a process for every permission change and symlink check: `chmod` twice and
 * `readlink` eight times for each offset or commit file Spark writes. On a loaded 2-core machine
 * each start takes 25-100 ms, which made the two checkpoint writes of every micro-batch cost
 * 300-800 ms, most of a 1 s trigger. Files are written to a temporary name and renamed into place
 * atomically, as Spark's manager does; like it, this does not fsync.
 */
public final class LocalCheckpointFileManager
    implements CheckpointFileManager, CheckpointFileManager.RenameHelperMethods {
  /** The Hadoop (and SQL) key through which Spark picks a checkpoint file manager. */
  public static final String SPARK_KEY = "spark.sql.streaming.checkpointFileManagerClass";

  private final CheckpointFileManager delegate;
  private final Path root;
  private final LocalFileSystem readFs;

  /** Spark's constructor: the checkpoint path and the session's Hadoop configuration. */
  public LocalCheckpointFileManager(Path path, Configuration conf) throws IOException {
    if (isLocal(path, conf)) {
      this.delegate = null;
      this.readFs = FileSystem.getLocal(conf);
      this.root = readFs.makeQualified(path);
    } else {
      Configuration sparkDefault = new Configuration(conf);
      sparkDefault.unset(SPARK_KEY);
      this.delegate = CheckpointFileManager.create(path, sparkDefault);
      this.readFs = null;
      this.root = path;
    }
  }

  private static boolean isLocal(Path path, Configuration conf) {
    String scheme = path.toUri().getScheme();
    if (scheme == null) {
      scheme = FileSystem.getDefaultUri(conf).getScheme();
    }
    return "file".equals(scheme);
  }

  private static java.nio.file.Path local(Path path) {
    return java.nio.file.Path.of(path.toUri().getPath());
  }

  @Override
  public CancellableFSDataOutputStream createAtomic(Path path, boolean overwriteIfPossible) {
    if (delegate != null) {
      return delegate.createAtomic(path, overwriteIfPossible);
    }
    return new RenameBasedFSDataOutputStream(this, path, overwriteIfPossible);
  }

  @Override
  public FSDataOutputStream createTempFile(Path path) {
    try {
      java.nio.file.Path file = local(path);
      Files.createDirectories(file.getParent());
      return new FSDataOutputStream(Files.newOutputStream(file), null);
    } catch (IOException e) {
      throw rethrow(e);
    }
  }

  @Override
  public void renameTempFile(Path srcPath, Path dstPath, boolean overwriteIfPossible) {
    java.nio.file.Path src = local(srcPath);
    java.nio.file.Path dst = local(dstPath);
    try {
      if (overwriteIfPossible) {
        try {
          Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        // A hard link appears atomically and fails if the name is taken: rename without clobber.
        Files.createLink(dst, src);
        Files.delete(src);
      }
    } catch (FileAlreadyExistsException e) {
      try {
        Files.deleteIfExists(src);
      } catch (IOException ignored) {
        // The refusal is what the caller needs to hear; a stray temporary file is harmless.
      }
      throw rethrow(
          new org.apache.hadoop.fs.FileAlreadyExistsException(dstPath + " already exists"));
    } catch (IOException e) {
      throw rethrow(e);
    }
  }

  @Override
  public FSDataInputStream open(Path path) {
    if (delegate != null) {
      return delegate.open(path);
    }
    try {
      // Hadoop's raw local reads start no process. Raw: a file replaced here keeps no stale .crc.
      return readFs.getRawFileSystem().open(path);
    } catch (IOException e) {
      throw rethrow(e);
    }
  }

  @Override
  public FileStatus[] list(Path path, PathFilter filter) {
    if (delegate != null) {
      return delegate.list(path, filter);
    }
    List<FileStatus> out = new ArrayList<>();
    try (DirectoryStream<java.nio.file.Path> dir = Files.newDirectoryStream(local(path))) {
      for (java.nio.file.Path entry : dir) {
        Path child = new Path(path, entry.getFileName().toString());
        if (filter.accept(child)) {
          BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class);
          out.add(
              new FileStatus(
                  a.size(),
                  a.isDirectory(),
                  1,
                  0,
                  a.lastModifiedTime().toMillis(),
                  readFs.makeQualified(child)));
        }
      }
    } catch (IOException e) {
      throw rethrow(e);
    }
    return out.toArray(FileStatus[]::new);
  }

  @Override
  public void mkdirs(Path path) {
    if (delegate != null) {
      delegate.mkdirs(path);
      return;
    }
    try {
      Files.createDirectories(local(path));
    } catch (IOException e) {
      throw rethrow(e);
    }
  }

  @Override
  public boolean exists(Path path) {
    return delegate != null ? delegate.exists(path) : Files.exists(local(path));
  }

  @Override
  public void delete(Path path) {
    if (delegate != null) {
      delegate.delete(path);
      return;
    }
    java.nio.file.Path target = local(path);
    if (!Files.exists(target)) {
      return;
    }
    try (Stream<java.nio.file.Path> tree = Files.walk(target)) {
      for (java.nio.file.Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw rethrow(e);
    }
  }

  @Override
  public boolean isLocal() {
    return delegate == null || delegate.isLocal();
  }

  @Override
  public Path createCheckpointDirectory() {
    if (delegate != null) {
      return delegate.createCheckpointDirectory();
    }
    mkdirs(root);
    return root;
  }

  /**
   * Throws an I/O failure as it is, the way Spark's Scala managers do (Scala has no checked
   * exceptions): Spark's callers catch FileNotFoundException and Hadoop's
   * FileAlreadyExistsException by type. java.nio's NoSuchFileException becomes the former.
   */
  private static RuntimeException rethrow(IOException e) {
    IOException thrown = e;
    if (e instanceof NoSuchFileException missing) {
      thrown = new FileNotFoundException(missing.getFile());
      thrown.initCause(e);
    }
    throw LocalCheckpointFileManager.<RuntimeException>sneaky(thrown);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
