package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtTest {

  private static final long NOW = 1_700_000_000L;

  @Test
  void issuedTokensVerifyUntilTheyExpire() {
    String token = Jwt.issue("dana", NOW);
    assertEquals(Optional.of("dana"), Jwt.verify(token, NOW));
    assertEquals(Optional.of("dana"), Jwt.verify(token, NOW + Jwt.LIFETIME_SECONDS - 1));
    assertTrue(Jwt.verify(token, NOW + Jwt.LIFETIME_SECONDS).isEmpty());
  }

  @Test
  void alteredOrMalformedTokensAreRejected() {
    String token = Jwt.issue("dana", NOW);
    String[] parts = token.split("\\.");
    String otherClaims = Jwt.issue("eve", NOW).split("\\.")[1];
    assertTrue(Jwt.verify(parts[0] + "." + otherClaims + "." + parts[2], NOW).isEmpty());
    assertTrue(Jwt.verify(parts[0] + "." + parts[1] + ".", NOW).isEmpty());
    assertTrue(Jwt.verify("a.b", NOW).isEmpty());
    assertTrue(Jwt.verify("!!.??.**", NOW).isEmpty());
    assertTrue(Jwt.verify("", NOW).isEmpty());
  }
}
