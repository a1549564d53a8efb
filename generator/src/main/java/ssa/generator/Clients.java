package ssa.generator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected clients. Every line goes to all of them; one that fails a write has gone away and
 * is dropped, without disturbing the others. Clients join from the accept thread while the pump
 * writes, hence the copy-on-write list: joins are rare, writes are many.
 */
final class Clients {
  private static final Logger LOG = LoggerFactory.getLogger(Clients.class);
  // Large enough that a flush per batch of due events, not per event, is what reaches the socket.
  private static final int BUFFER_BYTES = 1 << 16;

  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final Object joined = new Object();
  private boolean closed;

  private static final class Client {
    final Socket socket;
    final OutputStream out;

    Client(Socket socket) throws IOException {
      this.socket = socket;
      this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
    }

    @Override
    public String toString() {
      return String.valueOf(socket.getRemoteSocketAddress());
    }
  }

  void add(Socket socket) {
    try {
      // We batch writes ourselves; Nagle would only add delay at low rates.
      socket.setTcpNoDelay(true);
      Client client = new Client(socket);
      synchronized (joined) {
        if (closed) {
          // Accepted just as the generator stopped: end it now rather than leave it waiting.
          closeQuietly(socket);
          return;
        }
        clients.add(client);
        joined.notifyAll();
      }
      LOG.info("client {} connected, {} client(s)", client, clients.size());
    } catch (IOException e) {
      LOG.warn("could not set up client {}: {}", socket.getRemoteSocketAddress(), e.toString());
      closeQuietly(socket);
    }
  }

  /** Waits until at least one client is connected, up to the timeout; true if one is. */
  boolean awaitAny(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (joined) {
      long left;
      while (clients.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(joined, left);
      }
      return !clients.isEmpty();
    }
  }

  boolean isEmpty() {
    return clients.isEmpty();
  }

  int size() {
    return clients.size();
  }

  /** Buffers the bytes for every client; a client whose connection failed is dropped. */
  void write(byte[] bytes) {
    for (Client client : clients) {
      try {
        client.out.write(bytes);
      } catch (IOException e) {
        drop(client, e);
      }
    }
  }

  void flush() {
    for (Client client : clients) {
      try {
        client.out.flush();
      } catch (IOException e) {
        drop(client, e);
      }
    }
  }

  /**
   * Ends every connection after its buffered lines. Only the output side is shut first, so the
   * client reads everything and then a clean end of stream.
   */
  void finishAll() {
    for (Client client : clients) {
      try {
        client.out.flush();
        client.socket.shutdownOutput();
      } catch (IOException e) {
        LOG.debug("client {} went away while finishing: {}", client, e.toString());
      }
      clients.remove(client);
      closeQuietly(client.socket);
    }
  }

  /**
   * Cuts every connection at once, also unblocking a write stuck on a client that stopped reading,
   * and refuses clients that join later.
   */
  void closeAll() {
    synchronized (joined) {
      closed = true;
    }
    for (Client client : clients) {
      clients.remove(client);
      closeQuietly(client.socket);
    }
  }

  private void drop(Client client, IOException cause) {
    if (clients.remove(client)) {
      closeQuietly(client.socket);
      LOG.info("client {} disconnected ({}), {} client(s)", client, cause.getMessage(), size());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing left to do with a connection that fails to close.
    }
  }
}
