package ssa.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** TCP checks on the local addresses the daemons listen on. */
public final class Ports {
  private Ports() {}

  /** Whether something accepts connections at host:port now. */
  public static boolean open(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Fails, before a daemon is started, when another process already listens where it would.
   *
   * @param hint what to do about it, or who needs the port
   */
  public static void requireFree(String host, int port, String hint) {
    if (open(host, port)) {
      throw new IllegalStateException(
          "port " + host + ":" + port + " is already in use by another process; " + hint);
    }
  }
}
