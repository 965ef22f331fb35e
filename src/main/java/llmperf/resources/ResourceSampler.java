package llmperf.resources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import llmperf.safety.SecretMasking;

/**
 * Scrapes the target's Prometheus endpoint on a thread of its own, every target.metrics.every from its start until
 * it is closed, and keeps the configured series: gauges as read, counters as their rate since the scrape before (a
 * counter that went down was reset, and counts from zero, as Prometheus' rate() does). Scrapes never overlap: the
 * next one waits for the last to end or time out. Each carries target.metrics' key as a bearer token when it has one.
 */
public final class ResourceSampler implements AutoCloseable {

  /** More than a day at one scrape a second: a run ends by its scale's max-duration long before. */
  static final int MAX_SCRAPES = 100_000;

  private final URI url;
  private final String userAgent;
  private final String source;
  private final String note;
  private final Duration timeout;
  private final String apiKey;
  private final List<ResourceSeries> series;
  private final Points[] points;
  private final LatencyHistograms latency;
  private final double[] previousCount;
  private final long[] previousAt;
  private final HttpClient client;
  private final ScheduledExecutorService scheduler;
  private double[] scrapeMillis = new double[64];
  private int scrapes;
  private int failedScrapes;
  private String firstFailure;

  private ResourceSampler(URI url, String userAgent, String source, String note, TargetMetrics config,
      Duration timeout) {
    this.url = url;
    this.userAgent = userAgent;
    this.source = source;
    this.note = note;
    this.timeout = timeout;
    this.apiKey = config.apiKey();
    this.series = List.copyOf(config.series());
    this.points = new Points[series.size()];
    this.latency = new LatencyHistograms(config.histograms());
    Arrays.setAll(points, i -> new Points());
    this.previousCount = new double[series.size()];
    Arrays.fill(previousCount, Double.NaN);
    this.previousAt = new long[series.size()];
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "target-metrics");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::scrape, 0, config.every().toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts scraping {@code url} now.
   *
   * @param userAgent how the scrapes name themselves in the target's logs
   * @param source how the sign-off names where the samples come from
   * @param note what a reader must keep in mind about them, or null
   * @param timeout longest a scrape may take to connect, and to answer
   */
  public static ResourceSampler start(URI url, String userAgent, String source, String note, TargetMetrics config,
      Duration timeout) {
    return new ResourceSampler(url, userAgent, source, note, config, timeout);
  }

  private void scrape() {
    long sentAt = System.currentTimeMillis();
    long started = System.nanoTime();
    PrometheusText.Exposition exposition;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("User-Agent", userAgent);
      if (!apiKey.isEmpty()) {
        request.header("Authorization", "Bearer " + apiKey);
      }
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        failed("HTTP " + response.statusCode());
        return;
      }
      exposition = PrometheusText.parse(response.body());
    } catch (IOException | IllegalArgumentException e) {
      failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    double tookMs = (System.nanoTime() - started) / 1e6;
    record(sentAt + Math.round(tookMs / 2), exposition, tookMs);
  }

  private synchronized void failed(String reason) {
    failedScrapes++;
    if (firstFailure == null) {
      firstFailure = SecretMasking.mask("GET " + url + ": " + reason);
    }
  }

  private synchronized void record(long at, PrometheusText.Exposition exposition, double tookMs) {
    if (scrapes == MAX_SCRAPES) {
      return;
    }
    if (scrapes == scrapeMillis.length) {
      scrapeMillis = Arrays.copyOf(scrapeMillis, scrapes * 2);
    }
    scrapeMillis[scrapes++] = tookMs;
    latency.scraped(at, exposition);
    for (int i = 0; i < series.size(); i++) {
      ResourceSeries one = series.get(i);
      OptionalDouble sum = exposition.sum(one.metric(), one.labels());
      if (sum.isEmpty()) {
        continue;
      }
      double value = sum.getAsDouble() * one.scale();
      if (!exposition.isCounter(one.metric())) {
        points[i].add(at, value);
        continue;
      }
      if (!Double.isNaN(previousCount[i]) && at > previousAt[i]) {
        double increase = value >= previousCount[i] ? value - previousCount[i] : value;
        points[i].add(at, increase * 1000 / (at - previousAt[i]));
      }
      previousCount[i] = value;
      previousAt[i] = at;
    }
  }

  /** What has been sampled so far. */
  public synchronized ResourceSamples samples() {
    List<ResourceSamples.Series> exposed = new ArrayList<>();
    List<String> notExposed = new ArrayList<>();
    for (int i = 0; i < series.size(); i++) {
      if (points[i].size == 0 && Double.isNaN(previousCount[i])) {
        notExposed.add(series.get(i).name());
      } else {
        exposed.add(new ResourceSamples.Series(series.get(i), Arrays.copyOf(points[i].at, points[i].size),
            Arrays.copyOf(points[i].values, points[i].size)));
      }
    }
    double[] took = Arrays.copyOf(scrapeMillis, scrapes);
    Arrays.sort(took);
    return new ResourceSamples(source, note, null, exposed, notExposed, scrapes + failedScrapes, failedScrapes,
        firstFailure, took.length == 0 ? 0 : took[(took.length - 1) / 2], took.length == 0 ? 0 : took[took.length - 1],
        latency.configured() ? latency : null);
  }

  /** Stops scraping; a scrape under way is given its timeout to end. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** One series' samples so far, in growing arrays. */
  private static final class Points {
    private long[] at = new long[64];
    private double[] values = new double[64];
    private int size;

    void add(long epochMs, double value) {
      if (size == at.length) {
        at = Arrays.copyOf(at, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      at[size] = epochMs;
      values[size++] = value;
    }
  }
}
