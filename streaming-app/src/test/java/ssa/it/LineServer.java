package ssa.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Serves the lines it is given to the one client that connects, as Spark's socket source reads
 * them.
 */
final class LineServer implements AutoCloseable {
  private final ServerSocket socket = new ServerSocket(0);
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread serving = new Thread(this::serve, "line-server");

  LineServer() throws IOException {
    serving.setDaemon(true);
    serving.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  void send(String... batch) {
    lines.addAll(List.of(batch));
  }

  private void serve() {
    try (Socket client = socket.accept();
        OutputStream out = client.getOutputStream()) {
      while (!Thread.currentThread().isInterrupted()) {
        out.write((lines.take() + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // Closed with the test.
    }
  }

  @Override
  public void close() throws IOException {
    serving.interrupt();
    socket.close();
  }
}
