package ssa.serve;

/** A request the API refuses with 400 and this reason. */
final class BadRequest extends RuntimeException {
  BadRequest(String reason) {
    super(reason);
  }
}
