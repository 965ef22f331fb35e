package llmperf.suite.endpoints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Request bodies as JSON text, escaped properly whatever the feeder rows contain. */
final class JsonBody {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBody() {}

  static String of(Map<String, ?> fields) {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write request body " + fields.keySet(), e);
    }
  }
}
