package ssa.job;

import java.io.File;
import java.util.Optional;

/** The options our entry points share. */
public final class CommandLine {
  /** The file after {@code --config}, if given; it must exist. */
  public static Optional<File> configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--config needs a file name");
        }
        File file = new File(args[i + 1]);
        if (!file.isFile()) {
          throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  private CommandLine() {}
}
