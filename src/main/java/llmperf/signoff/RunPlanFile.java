package llmperf.signoff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import llmperf.signoff.analysis.RunPlan;

/**
 * A run's plan saved beside its simulation.log as runplan.json: what the sign-off needs besides the log (the budgets
 * and phases the simulation set, and the figures counted in Gatling's JVM that the log cannot carry), so that a run
 * folder can be judged again offline, alone or merged with other load generators' folders.
 *
 * @param gitCommit the commit the run was made from
 */
public record RunPlanFile(String gitCommit, RunPlan plan) {

  public static final String NAME = "runplan.json";

  /** Records only: a derived flag such as {@code Budget.isLatency()} is not part of the plan. */
  private static final ObjectMapper JSON = JsonMapper.builder().disable(MapperFeature.AUTO_DETECT_IS_GETTERS).build()
      .registerModule(new SimpleModule()
      .addSerializer(Duration.class, new StdSerializer<>(Duration.class) {
        @Override
        public void serialize(Duration value, JsonGenerator out, SerializerProvider provider) throws IOException {
          out.writeString(value.toString());
        }
      })
      .addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
        @Override
        protected Duration _deserialize(String value, DeserializationContext context) {
          return Duration.parse(value);
        }
      }));

  public static void write(Path runFolder, RunPlan plan, String gitCommit) throws IOException {
    JSON.writeValue(runFolder.resolve(NAME).toFile(), new RunPlanFile(gitCommit, plan));
  }

  /** The plan saved in a run folder; one line naming the file when it is missing or unreadable. */
  public static RunPlanFile read(Path runFolder) {
    Path file = runFolder.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(runFolder + " has no " + NAME + " (runs signed off before the plan was"
          + " saved have none): it cannot be judged again");
    }
    try {
      return JSON.readValue(file.toFile(), RunPlanFile.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(file + " is not a readable run plan: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }
}
