package ssa.rollup.sketch;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Makes a compact DataSketches HLL image canonical: the same for the same values whatever order
 * they came in or whichever unions built it. An image holds, besides its data, a few parts that
 * depend on the history rather than on the values:
 *
 * <ul>
 *   <li>in LIST and SET mode, the coupons in insertion (or hash-table) order: sorted here;
 *   <li>in HLL mode, the HIP accumulator, a running estimate that only a sketch updated in order
 *       keeps, and the out-of-order flag that says whether to trust it: the flag is set and the
 *       accumulator zeroed here, as DataSketches itself does after a union, so that any reader
 *       (Spark's hll_sketch_estimate too) estimates from the registers alone;
 *   <li>in HLL_4 HLL mode, the exceptions (registers too high for 4 bits) in hash-table order:
 *       sorted here.
 * </ul>
 *
 * The rest (registers, the KxQ sums, which are exact sums of powers of two, the counts) depends on
 * the values only. Offsets are those of the DataSketches HLL serialization format (version 1),
 * which all its languages share; DistinctSketchTest checks the result against the library.
 */
final class HllImage {
  private static final int PREAMBLE_INTS_BYTE = 0;
  private static final int SERIAL_VERSION_BYTE = 1;
  private static final int FAMILY_BYTE = 2;
  private static final int LG_K_BYTE = 3;
  private static final int FLAGS_BYTE = 5;
  private static final int LIST_COUNT_BYTE = 6;
  private static final int MODE_BYTE = 7;
  private static final int LIST_DATA_START = 8;
  private static final int SET_COUNT_INT = 8;
  private static final int SET_DATA_START = 12;
  private static final int HIP_ACCUM_DOUBLE = 8;
  private static final int AUX_COUNT_INT = 36;
  private static final int HLL_DATA_START = 40;
  private static final int COMPACT_FLAG = 8;
  private static final int OUT_OF_ORDER_FLAG = 16;
  private static final int SERIAL_VERSION = 1;
  private static final int HLL_FAMILY = 7;
  private static final int MODE_LIST = 0;
  private static final int MODE_SET = 1;
  private static final int MODE_HLL = 2;
  private static final int TYPE_HLL_4 = 0;

  private HllImage() {}

  /**
   * The canonical form of a compact image of an HLL_4 sketch of the given lgK; the array is changed
   * in place and returned.
   */
  static byte[] canonical(byte[] image, int lgK) {
    ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int mode = image[MODE_BYTE] & 3;
    int type = (image[MODE_BYTE] >>> 2) & 3;
    if (type != TYPE_HLL_4) {
      throw new IllegalStateException("Expected an HLL_4 image, got type " + type);
    }
    if (mode == MODE_LIST) {
      sortInts(buffer, LIST_DATA_START, image[LIST_COUNT_BYTE] & 0xFF);
      image[FLAGS_BYTE] &= ~OUT_OF_ORDER_FLAG;
    } else if (mode == MODE_SET) {
      sortInts(buffer, SET_DATA_START, buffer.getInt(SET_COUNT_INT));
      image[FLAGS_BYTE] &= ~OUT_OF_ORDER_FLAG;
    } else {
      image[FLAGS_BYTE] |= OUT_OF_ORDER_FLAG;
      buffer.putDouble(HIP_ACCUM_DOUBLE, 0.0);
      // HLL_4: one nibble a register, then the exceptions.
      sortInts(buffer, HLL_DATA_START + (1 << lgK) / 2, buffer.getInt(AUX_COUNT_INT));
    }
    return image;
  }

  /**
   * Checks that the bytes are a compact HLL_4 image of the given lgK whose length matches its
   * header: what {@link #canonical} returns. DataSketches checks its images' bounds only with
   * assertions, so without this a short array would be read past its end.
   *
   * @throws IllegalArgumentException if not
   */
  static void check(byte[] image, int lgK) {
    if (image.length < LIST_DATA_START
        || image[SERIAL_VERSION_BYTE] != SERIAL_VERSION
        || image[FAMILY_BYTE] != HLL_FAMILY
        || image[LG_K_BYTE] != lgK
        || (image[FLAGS_BYTE] & COMPACT_FLAG) == 0
        || ((image[MODE_BYTE] >>> 2) & 3) != TYPE_HLL_4) {
      throw new IllegalArgumentException("Not a compact HLL_4 image of lgK " + lgK);
    }
    ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int mode = image[MODE_BYTE] & 3;
    int preambleInts;
    long length;
    if (mode == MODE_LIST) {
      preambleInts = 2;
      length = LIST_DATA_START + 4L * (image[LIST_COUNT_BYTE] & 0xFF);
    } else if (mode == MODE_SET) {
      preambleInts = 3;
      length =
          image.length < SET_DATA_START ? -1 : SET_DATA_START + 4L * buffer.getInt(SET_COUNT_INT);
    } else if (mode == MODE_HLL) {
      preambleInts = 10;
      length =
          image.length < HLL_DATA_START
              ? -1
              : HLL_DATA_START + (1 << lgK) / 2 + 4L * buffer.getInt(AUX_COUNT_INT);
    } else {
      throw new IllegalArgumentException("Unknown HLL mode " + mode);
    }
    if (image[PREAMBLE_INTS_BYTE] != preambleInts || image.length != length) {
      throw new IllegalArgumentException(
          "HLL image of " + image.length + " bytes, its header says " + length);
    }
  }

  private static void sortInts(ByteBuffer buffer, int start, int count) {
    int[] ints = new int[count];
    for (int i = 0; i < count; i++) {
      ints[i] = buffer.getInt(start + 4 * i);
    }
    Arrays.sort(ints);
    for (int i = 0; i < count; i++) {
      buffer.putInt(start + 4 * i, ints[i]);
    }
  }
}
