package ssa.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server that serves the generated events, one per line, to every connected client. Usable
 * in-process by tests: start it on port 0, read {@link #port()}, connect.
 *
 * <p>A bounded run ends differently for the two kinds of client. The live stream cannot be
 * replayed, so once it sent {@code count} events the listener closes. Ranges can be pulled again,
 * so the listener stays up until {@link #close()}; {@link #awaitCompletion} tells when the pulling
 * clients are done, which is when {@link GeneratorMain} exits.
 */
public final class Generator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Generator.class);

  private final GeneratorSettings settings;
  private final Clients clients = new Clients();
  private final EventClock clock;
  private final EventPump pump;
  private final PullConnection pulls;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final RangePulls ranges;
  private final AtomicInteger pulling = new AtomicInteger();

  private ServerSocket server;
  private Thread pumpThread;
  private boolean closed;

  public Generator(GeneratorSettings settings) {
    this.settings = settings;
    this.clock = new EventClock(settings);
    this.pump = new EventPump(settings, clients, clock);
    this.ranges = new RangePulls(settings.count(), settings.linger());
    this.pulls = new PullConnection(clock, ranges);
  }

  /**
   * Binds and returns once listening; events flow as soon as a client connects.
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public synchronized void start() {
    if (server != null || closed) {
      throw new IllegalStateException("a generator starts once");
    }
    server = bind();
    Thread acceptor = new Thread(this::accept, "generator-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    pumpThread = new Thread(this::pump, "generator-pump");
    pumpThread.setDaemon(true);
    pumpThread.start();
    LOG.info("listening on {}:{} ({})", settings.bindAddress(), port(), settings);
  }

  /** The port actually bound: the configured one, or the free one picked for port 0. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getLocalPort();
  }

  /** Events written so far, to live clients and in pulled ranges, malformed ones included. */
  public long sent() {
    return pump.sent() + ranges.lines();
  }

  /** Clients connected to the live stream. */
  public int clients() {
    return clients.size();
  }

  /** Connections pulling ranges right now (the ssa-tcp source opens one per range). */
  public int pulling() {
    return pulling.get();
  }

  /** Ranges served so far. */
  public long rangesPulled() {
    return ranges.ranges();
  }

  /** Event time of event 0; empty until the first client connected when start-time is now. */
  public OptionalLong startMillis() {
    return clock.startMillis();
  }

  /**
   * Waits until the run is complete, the generator stopped otherwise, or the timeout passed.
   * Complete means the live stream sent {@code count} events and closed, or a range holding the
   * last event was pulled and no range has been open for {@code linger}.
   *
   * @return true only if all {@code count} events were sent and no client still pulls a range;
   *     never for an unbounded run
   */
  public boolean awaitCompletion(Duration timeout) {
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    try {
      while (stopped.getCount() > 0 && !ranges.done()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        // Bounded, so a stop is noticed too.
        ranges.awaitDone(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (stopped.getCount() == 0) {
      // No one can connect any more, so the linger has nothing left to wait for.
      return pump.countReached() || ranges.settled();
    }
    return ranges.done();
  }

  /** Stops generating and cuts the connections; safe to call more than once. */
  @Override
  public void close() {
    Thread pumpToJoin;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pumpToJoin = pumpThread;
    }
    pump.stop();
    if (!pump.countReached()) {
      LOG.info("stopping after {} events", sent());
    }
    closeServer();
    // Unblocks the pump if it is stuck writing to a client that stopped reading.
    clients.closeAll();
    if (pumpToJoin != null) {
      try {
        pumpToJoin.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopped.countDown();
  }

  long lagNanos() {
    return pump.lagNanos();
  }

  private ServerSocket bind() {
    InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
    try {
      ServerSocket socket = new ServerSocket();
      // Lets a restarted generator rebind at once while old connections linger in TIME_WAIT.
      socket.setReuseAddress(true);
      socket.bind(address);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  private void accept() {
    ServerSocket listening;
    synchronized (this) {
      listening = server;
    }
    while (!listening.isClosed()) {
      try {
        Socket socket = listening.accept();
        // One at a time, in the order they connected, so live clients join in that order.
        sort(socket);
      } catch (SocketException e) {
        // The server socket was closed: no more clients.
        return;
      } catch (IOException e) {
        LOG.warn("accepting a client failed: {}", e.toString());
      }
    }
  }

  /** A connection that sends a command pulls ranges; one that stays silent gets the live stream. */
  private void sort(Socket socket) {
    try {
      String command = PullConnection.command(socket, (int) settings.commandWait().toMillis());
      if (command == null) {
        clients.add(socket);
      } else if (!command.isEmpty()) {
        pulling.incrementAndGet();
        Thread puller =
            new Thread(
                () -> {
                  try {
                    pulls.serve(socket, command);
                  } finally {
                    pulling.decrementAndGet();
                  }
                },
                "generator-pull");
        puller.setDaemon(true);
        puller.start();
      } else {
        socket.close();
      }
    } catch (IOException e) {
      LOG.debug("connection from {} failed: {}", socket.getRemoteSocketAddress(), e.toString());
    }
  }

  private void pump() {
    try {
      pump.run();
    } catch (RuntimeException e) {
      LOG.error("generator stopped by an unexpected error", e);
    } finally {
      // A finished run serves no more clients: refuse them rather than leave them waiting.
      closeServer();
      clients.closeAll();
      stopped.countDown();
    }
  }

  private synchronized void closeServer() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      LOG.debug("closing the server socket failed: {}", e.toString());
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
