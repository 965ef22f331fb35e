package llmperf.suite.journeys;

import io.gatling.javaapi.core.ChainBuilder;
import java.util.List;
import llmperf.budgets.JourneyRows;

/**
 * One user journey of the source documents.
 *
 * @param name its name in simulations.conf's mix, also the group its requests are reported under
 * @param chain the journey's requests, wrapped in that group
 * @param restRequests the rows of this group that are REST API calls (the REST budgets apply to them)
 * @param measuredRequest the row that times the journey's main operation, for budgets scoped to the journey
 */
public record Journey(String name, ChainBuilder chain, List<String> restRequests, String measuredRequest) {

  /** The rows of this journey that budgets can name. */
  public JourneyRows rows() {
    return new JourneyRows(name, restRequests, measuredRequest);
  }
}
