package llmperf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Minimal HS256 JWTs for the chat platform's login. The secret is random per process, so tokens survive a
 * target restart within one JVM but are worthless outside it.
 */
final class Jwt {

  static final long LIFETIME_SECONDS = 3600;

  private static final byte[] SECRET = new byte[32];
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  private static final String HEADER =
      B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  static {
    new SecureRandom().nextBytes(SECRET);
  }

  private Jwt() {}

  static String issue(String subject, long nowEpochSeconds) {
    ObjectNode claims = Json.object();
    claims.put("sub", subject);
    claims.put("iat", nowEpochSeconds);
    claims.put("exp", nowEpochSeconds + LIFETIME_SECONDS);
    String signingInput = HEADER + "." + B64.encodeToString(Json.bytes(claims));
    return signingInput + "." + B64.encodeToString(sign(signingInput));
  }

  /** The token's subject when the signature is ours and it has not expired. */
  static Optional<String> verify(String token, long nowEpochSeconds) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HEADER)) {
      return Optional.empty();
    }
    try {
      byte[] given = B64_DECODE.decode(parts[2]);
      if (!MessageDigest.isEqual(given, sign(parts[0] + "." + parts[1]))) {
        return Optional.empty();
      }
      JsonNode claims = Json.MAPPER.readTree(B64_DECODE.decode(parts[1]));
      JsonNode sub = claims.get("sub");
      JsonNode exp = claims.get("exp");
      if (sub == null || !sub.isTextual() || exp == null || !exp.canConvertToLong()
          || exp.longValue() <= nowEpochSeconds) {
        return Optional.empty();
      }
      return Optional.of(sub.textValue());
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private static byte[] sign(String signingInput) {
    try {
      // A Mac per call: instances are not thread-safe and creating one costs microseconds.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
