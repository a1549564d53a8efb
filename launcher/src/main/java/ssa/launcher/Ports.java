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
}
