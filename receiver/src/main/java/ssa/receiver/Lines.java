package ssa.receiver;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits what a client sent into lines, one event each, and refuses what cannot be one. */
final class Lines {
  /** Why a body or line was refused, with the HTTP status that says it. */
  static final class Refused extends Exception {
    final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private Lines() {}

  /** The body's non-empty lines ({@code \n} or {@code \r\n} ended), each checked. */
  static List<byte[]> split(byte[] body, int maxLineBytes) throws Refused {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      number++;
      int stop = end > start && body[end - 1] == '\r' ? end - 1 : end;
      if (stop > start) {
        byte[] line = Arrays.copyOfRange(body, start, stop);
        String problem = problem(line, maxLineBytes);
        if (problem != null) {
          throw new Refused(
              problem.startsWith("longer") ? 413 : 400, "line " + number + " " + problem);
        }
        lines.add(line);
      }
      start = end + 1;
    }
    return lines;
  }

  /** Why a line cannot be published, or null. */
  static String problem(byte[] line, int maxLineBytes) {
    if (line.length > maxLineBytes) {
      return "longer than " + maxLineBytes + " bytes (ssa.receiver.max-line-bytes)";
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line));
      return null;
    } catch (CharacterCodingException e) {
      return "is not valid UTF-8";
    }
  }
}
