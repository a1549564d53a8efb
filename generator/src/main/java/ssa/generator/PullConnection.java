package ssa.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection that pulls instead of taking the live stream. Commands, one per connection: {@code
 * LATEST} answers {@code OK <n>}: events 0..n-1 exist; {@code RANGE <from> <until>} answers {@code
 * OK}, then exactly the lines of events from..until-1, then closes. Errors answer {@code ERR
 * <reason>}. Any range that exists can be pulled again: that is what lets the job replay.
 */
final class PullConnection {
  private static final Logger LOG = LoggerFactory.getLogger(PullConnection.class);
  private static final int MAX_COMMAND = 128;
  private static final int BUFFER_BYTES = 1 << 16;

  private final EventClock clock;
  private final RangePulls ranges;

  PullConnection(EventClock clock, RangePulls ranges) {
    this.clock = clock;
    this.ranges = ranges;
  }

  /**
   * Reads the first line the client sends within the wait; null if it sent none (a live-stream
   * client), in which case nothing was consumed from the connection but the wait.
   */
  static String command(Socket socket, int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    try {
      int b;
      while ((b = in.read()) != -1 && b != '\n' && line.length() < MAX_COMMAND) {
        line.append((char) b);
      }
      return line.toString().strip();
    } catch (SocketTimeoutException e) {
      return line.length() == 0 ? null : line.toString().strip();
    } finally {
      socket.setSoTimeout(0);
    }
  }

  void serve(Socket socket, String command) {
    String[] words = command.split("\\s+");
    boolean range = words[0].equals("RANGE") && words.length == 3;
    // Only ranges hold a bounded run open: a LATEST poll after the last event asks for nothing.
    if (range) {
      ranges.opened();
    }
    try (socket;
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES)) {
      if (range) {
        range(out, Long.parseLong(words[1]), Long.parseLong(words[2]));
      } else if (words[0].equals("LATEST") && words.length == 1) {
        write(out, "OK " + clock.available());
      } else {
        write(out, "ERR unknown command '" + command + "': use LATEST or RANGE <from> <until>");
      }
    } catch (NumberFormatException e) {
      LOG.warn("bad pull command '{}'", command);
    } catch (IOException e) {
      LOG.debug("pull client went away: {}", e.toString());
    } finally {
      if (range) {
        ranges.closed();
      }
    }
  }

  private void range(OutputStream out, long from, long until) throws IOException {
    long available = clock.available();
    if (from < 0 || until < from || until > available) {
      write(
          out,
          "ERR range ["
              + from
              + ", "
              + until
              + ") is not within the "
              + available
              + " events available");
      return;
    }
    write(out, "OK");
    EventFactory factory = clock.factory();
    for (long n = from; n < until; n++) {
      out.write((factory.event(n).line() + '\n').getBytes(StandardCharsets.UTF_8));
    }
    out.flush();
    ranges.served(from, until);
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + '\n').getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
