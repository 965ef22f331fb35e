package llmperf.server;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * T3's stored provider keys, per user. Only the masked form and the validation verdict are kept, never the
 * key itself. Bounded: oldest keys and least recently seen users are evicted.
 */
final class ApiKeyStore {

  static final int MAX_KEYS_PER_USER = 1000;
  static final int MAX_USERS = 10_000;

  record ApiKey(String id, String provider, String name, String maskedKey, boolean valid,
      Instant createdAt) {}

  private final AtomicLong ids = new AtomicLong();
  private final Map<String, LinkedHashMap<String, ApiKey>> byUser =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, LinkedHashMap<String, ApiKey>> e) {
          return size() > MAX_USERS;
        }
      };

  static String mask(String key) {
    // Too short to show both ends without giving most of it away.
    return key.length() < 12 ? "..." : key.substring(0, 3) + "..." + key.substring(key.length() - 4);
  }

  /** A plausible provider key: long enough and with a known secret-key prefix. */
  static boolean looksValid(String key) {
    return key.length() >= 20 && (key.startsWith("sk-") || key.startsWith("sk_"));
  }

  synchronized ApiKey create(String user, String provider, String name, String key) {
    ApiKey apiKey = new ApiKey("key-" + ids.incrementAndGet(), provider, name, mask(key),
        looksValid(key), Instant.now());
    LinkedHashMap<String, ApiKey> keys = byUser.computeIfAbsent(user, u -> new LinkedHashMap<>());
    keys.put(apiKey.id(), apiKey);
    if (keys.size() > MAX_KEYS_PER_USER) {
      keys.remove(keys.keySet().iterator().next());
    }
    return apiKey;
  }

  synchronized List<ApiKey> list(String user) {
    LinkedHashMap<String, ApiKey> keys = byUser.get(user);
    return keys == null ? List.of() : new ArrayList<>(keys.values());
  }

  synchronized ApiKey get(String user, String id) {
    LinkedHashMap<String, ApiKey> keys = byUser.get(user);
    return keys == null ? null : keys.get(id);
  }

  synchronized boolean delete(String user, String id) {
    LinkedHashMap<String, ApiKey> keys = byUser.get(user);
    return keys != null && keys.remove(id) != null;
  }
}
