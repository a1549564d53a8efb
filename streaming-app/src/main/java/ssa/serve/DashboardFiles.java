package ssa.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's page and what it loads, read from the jar once at start: our own files and uPlot
 * from its WebJar, so the page works offline. Only these names are served.
 */
final class DashboardFiles {
  record File(byte[] bytes, String type) {}

  private static final String OWN = "ssa/serve/dashboard/";
  private static final String UPLOT = "META-INF/resources/webjars/uplot/";

  private final Map<String, File> files;

  DashboardFiles() {
    String uplot = UPLOT + uplotVersion() + "/dist/";
    files =
        Map.of(
            "index.html", read(OWN + "index.html", "text/html; charset=utf-8"),
            "dashboard.js", read(OWN + "dashboard.js", "text/javascript; charset=utf-8"),
            "dashboard.css", read(OWN + "dashboard.css", "text/css; charset=utf-8"),
            "uPlot.iife.min.js",
                read(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "uPlot.min.css", read(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
  }

  /** The file of that name, or null. */
  File get(String name) {
    return files.get(name);
  }

  /** The WebJar's version, from its Maven metadata: the build's pom is the one place it is set. */
  private static String uplotVersion() {
    Properties pom = new Properties();
    try (InputStream in = resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pom.getProperty("version");
  }

  private static File read(String path, String type) {
    try (InputStream in = resource(path)) {
      return new File(in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("the jar has no " + path + ": rebuild with ./run.sh build");
    }
    return in;
  }
}
