package ssa.rollup.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SketchBytesTest {
  private static final long[] EDGES = {
    0,
    1,
    63,
    64,
    127,
    128,
    16_383,
    16_384,
    Integer.MAX_VALUE,
    Long.MAX_VALUE,
    -1,
    -64,
    -65,
    Integer.MIN_VALUE,
    Long.MIN_VALUE
  };

  @Test
  void should_read_back_what_it_wrote() {
    ByteWriter out = new ByteWriter();
    for (long value : EDGES) {
      out.writeSigned(value);
      out.writeUnsigned(value);
      out.writeDouble(value / 3.0);
    }
    out.writeByte(0xAB);
    ByteReader in = new ByteReader(out.toByteArray());
    for (long value : EDGES) {
      assertThat(in.readSigned()).isEqualTo(value);
      assertThat(in.readUnsigned()).isEqualTo(value);
      assertThat(in.readDouble()).isEqualTo(value / 3.0);
    }
    assertThat(in.readByte()).isEqualTo(0xAB);
    in.expectEnd();
  }

  @Test
  void should_write_small_numbers_of_either_sign_in_one_byte() {
    ByteWriter out = new ByteWriter();
    out.writeSigned(-64);
    out.writeSigned(63);
    out.writeUnsigned(127);
    assertThat(out.toByteArray()).hasSize(3);
  }

  @Test
  void should_reject_truncated_and_overlong_input() {
    assertThatThrownBy(() -> new ByteReader(new byte[] {(byte) 0x80}).readUnsigned())
        .isInstanceOf(IllegalArgumentException.class);
    byte[] overlong = new byte[11];
    java.util.Arrays.fill(overlong, (byte) 0x80);
    assertThatThrownBy(() -> new ByteReader(overlong).readUnsigned())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteReader(new byte[] {5}).readUnsigned(4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ByteReader(new byte[7]).readDouble())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
