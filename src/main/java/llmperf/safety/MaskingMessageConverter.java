package llmperf.safety;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's %msg with credentials masked: raising Gatling's HTTP loggers to DEBUG or TRACE prints whole
 * requests, headers and bodies included, and none of their secrets may reach the console or a log file.
 */
public final class MaskingMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return SecretMasking.mask(super.convert(event));
  }
}
