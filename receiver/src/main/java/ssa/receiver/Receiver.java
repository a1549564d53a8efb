package ssa.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The publisher and the ports that feed it, started and stopped together. */
public final class Receiver implements AutoCloseable {
  private final ReceiverSettings settings;
  private final Publisher publisher;
  private final HttpReceiver http;
  private final TcpReceiver tcp;

  private Receiver(
      ReceiverSettings settings, Publisher publisher, HttpReceiver http, TcpReceiver tcp) {
    this.settings = settings;
    this.publisher = publisher;
    this.http = http;
    this.tcp = tcp;
  }

  public static Receiver start(ReceiverSettings settings) {
    Publisher publisher = new Publisher(settings);
    try {
      HttpReceiver http = settings.httpPort() < 0 ? null : new HttpReceiver(settings, publisher);
      TcpReceiver tcp = settings.tcpPort() < 0 ? null : new TcpReceiver(settings, publisher);
      return new Receiver(settings, publisher, http, tcp);
    } catch (IOException e) {
      publisher.close();
      throw new UncheckedIOException(
          "cannot listen on " + settings.host() + " (ssa.receiver.http-port, tcp-port): " + e, e);
    }
  }

  /** The HTTP port, or -1 without HTTP. */
  public int httpPort() {
    return http == null ? -1 : http.address().getPort();
  }

  /** The TCP port, or -1 without TCP. */
  public int tcpPort() {
    return tcp == null ? -1 : tcp.port();
  }

  public String describe() {
    return "POST http://"
        + settings.host()
        + ":"
        + httpPort()
        + "/events, lines on tcp "
        + settings.host()
        + ":"
        + tcpPort()
        + ", to topic "
        + settings.topic()
        + " at "
        + settings.bootstrapServers();
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    try {
      if (tcp != null) {
        tcp.close();
      }
    } catch (IOException e) {
      // Closing anyway.
    }
    publisher.close();
  }
}
