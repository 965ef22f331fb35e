package llmperf.safety;

import ch.qos.logback.classic.pattern.RootCauseFirstThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;

/** Logback's %rEx with credentials masked: exception messages can quote a request. */
public final class MaskingThrowableConverter extends RootCauseFirstThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy throwable) {
    return SecretMasking.mask(super.throwableProxyToString(throwable));
  }
}
