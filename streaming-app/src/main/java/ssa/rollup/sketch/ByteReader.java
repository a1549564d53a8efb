package ssa.rollup.sketch;

/**
 * Reads what {@link ByteWriter} wrote. Stored bytes come from outside the process, so every read
 * checks its bounds and a malformed input fails with an {@link IllegalArgumentException}.
 */
final class ByteReader {
  private final byte[] bytes;
  private int position;

  ByteReader(byte[] bytes) {
    this.bytes = bytes;
  }

  int readByte() {
    need(1);
    return bytes[position++] & 0xFF;
  }

  long readUnsigned() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int next = readByte();
      value |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("Varint longer than 10 bytes at " + position);
  }

  /** An unsigned varint that must fit in [0, max]. */
  long readUnsigned(long max) {
    long value = readUnsigned();
    if (value < 0 || value > max) {
      throw new IllegalArgumentException("Value " + value + " out of [0, " + max + "]");
    }
    return value;
  }

  long readSigned() {
    long zigzag = readUnsigned();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  double readDouble() {
    need(8);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits |= (long) (bytes[position++] & 0xFF) << (8 * i);
    }
    return Double.longBitsToDouble(bits);
  }

  /** Fails on trailing bytes, which a well-formed stored form never has. */
  void expectEnd() {
    if (position != bytes.length) {
      throw new IllegalArgumentException(
          (bytes.length - position) + " trailing bytes after position " + position);
    }
  }

  private void need(int count) {
    if (bytes.length - position < count) {
      throw new IllegalArgumentException("Truncated at " + position + " of " + bytes.length);
    }
  }
}
