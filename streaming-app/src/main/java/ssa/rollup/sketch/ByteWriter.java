package ssa.rollup.sketch;

import java.util.Arrays;

/** A growable byte buffer for the sketches' stored forms: varints, zigzag varints and doubles. */
final class ByteWriter {
  private byte[] buffer = new byte[32];
  private int size;

  void writeByte(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
  }

  /** LEB128: seven bits a byte, low bits first, so small numbers take one byte. */
  void writeUnsigned(long value) {
    ensure(10);
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    buffer[size++] = (byte) rest;
  }

  /** Zigzag first, so that small negative numbers stay short too. */
  void writeSigned(long value) {
    writeUnsigned((value << 1) ^ (value >> 63));
  }

  /** The IEEE 754 bits, little-endian. */
  void writeDouble(double value) {
    ensure(8);
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; i++) {
      buffer[size++] = (byte) (bits >>> (8 * i));
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
