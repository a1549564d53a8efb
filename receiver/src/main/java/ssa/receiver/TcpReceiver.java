package ssa.receiver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP port taking one event per line. It reads on only once the broker has stored what it read: a
 * slow broker slows the sender down (TCP back-pressure) and nothing is dropped. A line it cannot
 * publish (too long, not UTF-8) is skipped with an {@code ERR} line sent back.
 */
final class TcpReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpReceiver.class);

  /** Lines published together: one wait for the broker per batch, not per line. */
  private static final int BATCH = 500;

  private final ReceiverSettings settings;
  private final Publisher publisher;
  private final ServerSocket server;
  private final Semaphore connections;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  TcpReceiver(ReceiverSettings settings, Publisher publisher) throws IOException {
    this.settings = settings;
    this.publisher = publisher;
    this.connections = new Semaphore(settings.maxConnections());
    this.server = new ServerSocket(settings.tcpPort(), 128, InetAddress.getByName(settings.host()));
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        if (!connections.tryAcquire()) {
          try (socket) {
            socket
                .getOutputStream()
                .write(
                    ("ERR too many connections (ssa.receiver.max-connections = "
                            + settings.maxConnections()
                            + ")\n")
                        .getBytes(StandardCharsets.UTF_8));
          }
          continue;
        }
        threads.execute(
            () -> {
              try (socket) {
                serve(socket);
              } catch (IOException e) {
                LOG.info(
                    "connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
              } finally {
                connections.release();
              }
            });
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.warn("accept failed: {}", e.toString());
        }
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
    InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    OutputStream out = socket.getOutputStream();
    List<byte[]> batch = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    long number = 0;
    boolean tooLong = false;
    try {
      for (int b; (b = in.read()) != -1; ) {
        if (b != '\n') {
          if (line.size() <= settings.maxLineBytes()) {
            line.write(b);
          } else {
            tooLong = true;
          }
          continue;
        }
        number++;
        take(line, tooLong, number, batch, out);
        tooLong = false;
        // Publish when the batch is full, or when the sender has nothing more queued.
        if (batch.size() >= BATCH || (!batch.isEmpty() && in.available() == 0)) {
          publish(batch);
        }
      }
      if (line.size() > 0) {
        take(line, tooLong, ++number, batch, out);
      }
      publish(batch);
    } catch (SocketTimeoutException e) {
      publish(batch);
      out.write("ERR idle too long, closing\n".getBytes(StandardCharsets.UTF_8));
    } catch (SocketException e) {
      publish(batch);
    }
  }

  private void take(
      ByteArrayOutputStream line,
      boolean tooLong,
      long number,
      List<byte[]> batch,
      OutputStream out)
      throws IOException {
    byte[] bytes = line.toByteArray();
    line.reset();
    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    if (end == 0) {
      return;
    }
    byte[] text = end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    String problem =
        tooLong
            ? "longer than " + settings.maxLineBytes() + " bytes (ssa.receiver.max-line-bytes)"
            : Lines.problem(text, settings.maxLineBytes());
    if (problem != null) {
      out.write(
          ("ERR line " + number + " " + problem + ", skipped\n").getBytes(StandardCharsets.UTF_8));
      return;
    }
    batch.add(text);
  }

  /** Until the broker has stored the batch: the sender waits meanwhile, nothing is dropped. */
  private void publish(List<byte[]> batch) {
    while (!batch.isEmpty()) {
      try {
        publisher.publish(batch);
        batch.clear();
      } catch (Publisher.NotStored e) {
        LOG.warn("{}; trying again (the sender waits)", e.getMessage());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
