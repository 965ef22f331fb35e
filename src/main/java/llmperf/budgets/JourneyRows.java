package llmperf.budgets;

import java.util.List;

/**
 * The report rows of one journey that budgets can name.
 *
 * @param name the journey's name in the mix, also the group its rows are reported under
 * @param restRequests the rows that are REST API calls (the REST budgets apply to them)
 * @param measuredRequest the row that times the journey's main operation, for budgets scoped to the journey
 */
public record JourneyRows(String name, List<String> restRequests, String measuredRequest) {}
