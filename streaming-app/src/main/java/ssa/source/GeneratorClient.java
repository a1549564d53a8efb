package ssa.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The pull side of the generator's line protocol. {@code LATEST} answers how many events exist so
 * far; {@code RANGE from until} serves exactly the lines with those sequence numbers, then closes;
 * both answer one header line first, {@code OK ...} or {@code ERR reason}. Because any range can be
 * asked for again, a batch can always be replayed.
 */
final class GeneratorClient {
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 60_000;

  private final String host;
  private final int port;

  GeneratorClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Sequence number one past the newest event the generator has made available. */
  long latest() {
    try (Socket socket = connect();
        BufferedReader in = reader(socket)) {
      send(socket, "LATEST");
      return Long.parseLong(answer(in, "LATEST").substring("OK ".length()));
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Opens a range; the caller reads exactly {@code until - from} lines from it and closes it. */
  LineStream range(long from, long until) {
    try {
      Socket socket = connect();
      String command = "RANGE " + from + " " + until;
      send(socket, command);
      BufferedReader in = reader(socket);
      // The header comes before any event line, so an event can never be taken for an error.
      answer(in, command);
      return new LineStream(socket, in, until - from, host + ":" + port);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
  }

  private static void send(Socket socket, String command) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String answer(BufferedReader in, String command) throws IOException {
    String line = in.readLine();
    if (line == null || line.startsWith("ERR")) {
      throw new IllegalStateException(
          "generator at " + host + ":" + port + " refused " + command + ": " + line);
    }
    return line.trim();
  }

  private UncheckedIOException unreachable(IOException e) {
    return new UncheckedIOException(
        "cannot reach the generator at " + host + ":" + port + ": " + e.getMessage(), e);
  }

  /** The lines of one range, checked to be complete. */
  static final class LineStream implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final String where;
    private long remaining;

    LineStream(Socket socket, BufferedReader in, long lines, String where) {
      this.socket = socket;
      this.in = in;
      this.remaining = lines;
      this.where = where;
    }

    /** The next line, or null once the whole range was read. */
    String next() throws IOException {
      if (remaining == 0) {
        return null;
      }
      String line = in.readLine();
      if (line == null) {
        throw new IOException(where + " closed the range with " + remaining + " lines missing");
      }
      remaining--;
      return line;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
