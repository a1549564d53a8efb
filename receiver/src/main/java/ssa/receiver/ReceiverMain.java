package ssa.receiver;

import ssa.settings.SettingException;

/**
 * {@code ./run.sh receiver}: events in over HTTP and TCP, out to the job's Kafka topic. Runs until
 * stopped.
 */
public final class ReceiverMain {
  public static void main(String[] args) throws Exception {
    ReceiverSettings settings;
    try {
      settings = ReceiverSettings.load();
    } catch (SettingException e) {
      System.err.println("ssa receiver: " + e.getMessage());
      System.exit(2);
      return;
    }
    Receiver receiver = Receiver.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
    System.out.println("ssa receiver: " + receiver.describe());
    Thread.currentThread().join();
  }

  private ReceiverMain() {}
}
