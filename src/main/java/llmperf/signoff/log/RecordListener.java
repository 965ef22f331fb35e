package llmperf.signoff.log;

/**
 * What one pass over a simulation.log hands out: its run record first, then every record in the order Gatling
 * wrote them. A listener keeps what it needs of each; nothing holds the whole log.
 */
public interface RecordListener {

  void run(LogHeader header);

  void request(RequestRecord request);

  void group(GroupRecord group);

  void user(UserRecord user);
}
