package ssa.config;

/** Where the job serves its figures over HTTP; port 0 is any free port, -1 no server. */
public record MonitoringSettings(String host, int port) {
  public boolean enabled() {
    return port >= 0;
  }
}
