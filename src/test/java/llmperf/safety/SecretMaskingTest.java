package llmperf.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SecretMaskingTest {

  @Test
  void headersTokensBodiesAndUrlsLoseTheirSecrets() {
    String logged = """
        POST http://127.0.0.1:8080/v1/chat/completions
        authorization: Bearer sk-live-9f8e7d6c5b4a3210
        xi-api-key: el-0123456789abcdef
        cookie: session=abc123; theme=dark
        body={"username":"ada","password":"hunter2-secret","access_token":"eyJhbGciOi.x.y"}
        url=https://bob:pa55word@llm.example.com/v1""";
    String masked = SecretMasking.mask(logged);
    for (String secret : new String[] {"sk-live-9f8e7d6c5b4a3210", "el-0123456789abcdef", "abc123", "hunter2-secret",
        "eyJhbGciOi.x.y", "pa55word"}) {
      assertFalse(masked.contains(secret), secret + " leaked in:\n" + masked);
    }
    assertEquals("authorization: ****", masked.lines().filter(l -> l.startsWith("authorization")).findFirst().orElseThrow());
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text = "chat-sse / ttft: 95th percentile of response time is less than 500.0 : true (actual : 101.0)";
    assertEquals(text, SecretMasking.mask(text));
  }
}
