package llmperf.suite.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmperf.safety.SecretMasking;
import llmperf.server.EmbeddedTarget;

/** The reference server's records, collected over HTTP from a server run alone on this machine. */
final class ServerRecords {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private ServerRecords() {}

  /** The records of every finished generation, or none when the target has no such route or is gone. */
  static List<EmbeddedTarget.ServerRecord> collect(String baseUrl) {
    List<EmbeddedTarget.ServerRecord> records = new ArrayList<>();
    try {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
          HttpRequest.newBuilder(URI.create(baseUrl + "/admin/requests/collect")).timeout(TIMEOUT)
              .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return records;
      }
      ObjectMapper json = new ObjectMapper();
      JsonNode requests = json.readTree(response.body()).path("requests");
      records.addAll(json.readerForListOf(EmbeddedTarget.ServerRecord.class).readValue(requests));
    } catch (IOException e) {
      System.err.println("Server records not collected from " + SecretMasking.mask(baseUrl) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return records;
  }
}
