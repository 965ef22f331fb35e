package llmperf.signoff.log;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The binary simulation.log of Gatling 3.15.1, as written by {@code io.gatling.core.stats.writer.LogFileDataWriter}
 * and read back by {@code io.gatling.charts.stats.LogFileReader} (whose parsers only feed aggregating buffers, so
 * they cannot hand out the records themselves). Big-endian throughout ({@link DataInputStream}):
 * <pre>
 * file      := run record, then records until the end of the file
 * run       := 0, string gatlingVersion, string simulationClassName, long runStartEpochMs, string runDescription,
 *              int n, n x string scenario, int m, m x (int length, boopickle bytes of an Assertion)
 * request   := 1, groups, cached name, int start, int end, bool ok, cached message ("" when none)
 * user      := 2, int scenario index (into the run record's list), bool start, int timestamp
 * group     := 3, groups, int start, int end, int cumulatedResponseTime, bool ok
 * error     := 4, cached message, int timestamp
 * groups    := int n, n x cached group name, outermost first
 * string    := int 0 for "", else int length, the String's internal bytes, byte coder (0 Latin-1, 1 UTF-16)
 * cached    := int i; i &gt;= 0: a string follows and becomes entry i; i &lt; 0: entry -i, seen before
 * </pre>
 * Timestamps are int milliseconds relative to runStartEpochMs, converted here to epoch milliseconds. Gatling's writer
 * drops responses without an end time (unmatched SSE/WebSocket messages), so every request record here is a real
 * report row. The records go to a {@link RecordListener} as they are read: a two-hour run writes tens of millions.
 */
public final class SimulationLogReader {

  /** The only format this reader understands; Gatling's own reader is just as strict about its version. */
  public static final String SUPPORTED_GATLING_VERSION = "3.15.1";

  private static final int RUN = 0;
  private static final int REQUEST = 1;
  private static final int USER = 2;
  private static final int GROUP = 3;
  private static final int ERROR = 4;

  /** A version string is a few characters; a larger length means the file is not what it claims to be. */
  private static final int MAX_VERSION_LENGTH = 64;
  private static final byte LATIN1 = 0;
  private static final byte UTF16 = 1;
  /**
   * Gatling copies the String's internal UTF-16 bytes, which the JVM keeps in the machine's byte order; its reader
   * assumes the reading machine has the same order, and so does this one.
   */
  private static final Charset UTF16_AS_STORED =
      ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
  /** Gatling names a run folder {@code <simulationId>-<run start as yyyyMMddHHmmssSSS>}. */
  private static final Pattern RUN_FOLDER = Pattern.compile("(.+)-\\d{17}");

  private final Path log;
  private final DataInputStream in;
  private final RecordListener listener;
  private final Map<Integer, String> stringCache = new HashMap<>();
  /** One immutable list per distinct group path, shared by all its records: long runs have millions of records. */
  private final Map<List<String>, List<String>> groupPaths = new HashMap<>();
  private int recordsRead;

  private SimulationLogReader(Path log, DataInputStream in, RecordListener listener) {
    this.log = log;
    this.in = in;
    this.listener = listener;
  }

  /**
   * Reads a binary simulation.log into the listener, in one pass. Fails with an {@link IOException} naming the cause
   * when the file was written by another Gatling version (or is the text log of Gatling before 3.13), is truncated
   * (a run that crashed), or is not a simulation.log.
   */
  public static void read(Path log, RecordListener listener) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(log), 1 << 16))) {
      new SimulationLogReader(log, in, listener).readAll();
    } catch (EOFException e) {
      throw new IOException(log + " ends in the middle of a record: the run that wrote it did not finish"
          + " (Gatling's own reader keeps the whole records and reports on part of the run)", e);
    }
  }

  private void readAll() throws IOException {
    if (in.read() != RUN) {
      throw new IOException(log + " does not start with a run record: it is not a binary simulation.log (Gatling"
          + " before 3.13 wrote a text log; this reader reads Gatling " + SUPPORTED_GATLING_VERSION + " logs)");
    }
    String version = readVersion();
    if (!version.equals(SUPPORTED_GATLING_VERSION)) {
      throw new IOException(log + " was written by Gatling " + version + "; this reader reads the format of Gatling "
          + SUPPORTED_GATLING_VERSION + " only (the binary format changes between versions)");
    }
    String simulationClassName = readString();
    long runStart = in.readLong();
    readString(); // the run description: the sign-off has no use for it
    List<String> scenarios = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      scenarios.add(sanitize(readString()));
    }
    // Assertions Gatling was given: the suite gives none (its sign-off judges the budgets), so skip any there are.
    for (int i = in.readInt(); i > 0; i--) {
      readBytes(in.readInt());
    }
    recordsRead = 1;
    listener.run(new LogHeader(simulationClassName, simulationIdOf(log), runStart));
    for (int header = in.read(); header != -1; header = in.read()) {
      // Java evaluates arguments left to right: each record's fields are read in the order the format has them.
      switch (header) {
        case REQUEST -> listener.request(new RequestRecord(readGroups(), readCachedString(),
            runStart + in.readInt(), runStart + in.readInt(), in.readBoolean(), messageOrNull(readCachedString())));
        case USER -> listener.user(new UserRecord(scenario(scenarios, in.readInt()), in.readBoolean(),
            runStart + in.readInt()));
        case GROUP -> listener.group(new GroupRecord(readGroups(), runStart + in.readInt(), runStart + in.readInt(),
            in.readInt(), in.readBoolean()));
        case ERROR -> {
          // A crashed action (message, timestamp): the report lists it but counts it in no row. Read past it; the
          // message still enters the string cache that later records refer to.
          readCachedString();
          in.readInt();
        }
        default -> throw new IOException(log + ": unknown record type " + header + " after " + recordsRead
            + " records");
      }
      recordsRead++;
    }
  }

  private String readVersion() throws IOException {
    int length = in.readInt();
    if (length <= 0 || length > MAX_VERSION_LENGTH) {
      throw new IOException(log + " has no Gatling version where the run record should start with one: it is not a"
          + " simulation.log of Gatling " + SUPPORTED_GATLING_VERSION);
    }
    return decode(readBytes(length), in.readByte());
  }

  private String readString() throws IOException {
    int length = in.readInt();
    return length == 0 ? "" : decode(readBytes(length), in.readByte());
  }

  private String decode(byte[] value, byte coder) throws IOException {
    return switch (coder) {
      case LATIN1 -> new String(value, StandardCharsets.ISO_8859_1);
      case UTF16 -> new String(value, UTF16_AS_STORED);
      default -> throw new IOException(log + ": unknown string coder " + coder + " after " + recordsRead + " records");
    };
  }

  private byte[] readBytes(int length) throws IOException {
    if (length < 0) {
      throw new IOException(log + ": negative length " + length + " after " + recordsRead + " records");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      throw new EOFException();
    }
    return bytes;
  }

  /** Names, groups and messages are sanitized like Gatling's reader does, so they match the report's rows. */
  private String readCachedString() throws IOException {
    int index = in.readInt();
    if (index >= 0) {
      String string = sanitize(readString());
      stringCache.put(index, string);
      return string;
    }
    String cached = stringCache.get(-index);
    if (cached == null) {
      throw new IOException(log + ": string #" + -index + " used before it was written, after " + recordsRead
          + " records");
    }
    return cached;
  }

  private List<String> readGroups() throws IOException {
    int size = in.readInt();
    List<String> groups = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      groups.add(readCachedString());
    }
    return groupPaths.computeIfAbsent(groups, List::copyOf);
  }

  private String scenario(List<String> scenarios, int index) throws IOException {
    if (index < 0 || index >= scenarios.size()) {
      throw new IOException(log + ": user record of scenario #" + index + " but the run has " + scenarios.size()
          + " scenarios, after " + recordsRead + " records");
    }
    return scenarios.get(index);
  }

  private static String sanitize(String string) {
    return string.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  /** Gatling writes "" for "no message" and its report trims messages; blank means none. */
  private static String messageOrNull(String message) {
    String trimmed = message.trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static String simulationIdOf(Path log) {
    Path folder = log.toAbsolutePath().getParent();
    Matcher runFolder = RUN_FOLDER.matcher(folder == null ? "" : folder.getFileName().toString());
    return runFolder.matches() ? runFolder.group(1) : "";
  }
}
