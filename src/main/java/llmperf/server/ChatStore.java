package llmperf.server;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat platform's data: fixed agents and channels, a bounded history per channel and the replies
 * posted but not yet streamed. Everything is bounded so a long soak cannot grow the heap.
 */
final class ChatStore {

  static final int HISTORY_PER_CHANNEL = 500;
  static final int MAX_PENDING_REPLIES = 10_000;
  static final long PENDING_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

  record Agent(String id, String name, String model, String description) {}

  record ChatChannel(String id, String name, String agentId) {}

  /** A stored message; {@code seq} orders messages across channels and backs the "before" cursor. */
  record Message(long seq, String role, String content, Instant createdAt) {
    String id() {
      return "msg-" + seq;
    }
  }

  /** A user message waiting for its reply to be streamed. */
  record PendingReply(String id, String channelId, String prompt, int maxTokens, long createdNanos) {}

  /** One page of history, newest first. */
  record Page(List<Message> messages, boolean hasMore) {}

  private static final String[][] AGENTS = {
    {"Ada", "General assistant for everyday questions"},
    {"Bard", "Creative writing partner"},
    {"Coda", "Coding helper"},
    {"Dex", "Data analysis assistant"},
    {"Echo", "Customer support agent"},
  };

  private static final String[] CHANNEL_NAMES = {
    "general", "random", "support", "engineering", "design", "product", "sales", "marketing",
    "research", "operations", "finance", "legal", "hiring", "announcements", "feedback", "ideas",
    "help-desk", "releases", "incidents", "watercooler",
  };

  private final List<Agent> agents = new ArrayList<>();
  private final List<ChatChannel> channels = new ArrayList<>();
  private final Map<String, ArrayDeque<Message>> histories = new LinkedHashMap<>();
  private final LinkedHashMap<String, PendingReply> pending = new LinkedHashMap<>();
  private final AtomicLong messageSeq = new AtomicLong();
  private final AtomicLong replySeq = new AtomicLong();

  ChatStore(String model) {
    for (int i = 0; i < AGENTS.length; i++) {
      agents.add(new Agent("agent-" + (i + 1), AGENTS[i][0], model, AGENTS[i][1]));
    }
    for (int i = 0; i < CHANNEL_NAMES.length; i++) {
      ChatChannel channel = new ChatChannel("ch-" + (i + 1), CHANNEL_NAMES[i],
          agents.get(i % agents.size()).id());
      channels.add(channel);
      histories.put(channel.id(), new ArrayDeque<>());
    }
  }

  List<Agent> agents() {
    return agents;
  }

  boolean hasAgent(String id) {
    return agents.stream().anyMatch(a -> a.id().equals(id));
  }

  List<ChatChannel> channels() {
    return channels;
  }

  boolean hasChannel(String id) {
    return histories.containsKey(id);
  }

  Message append(String channelId, String role, String content) {
    ArrayDeque<Message> history = histories.get(channelId);
    synchronized (history) {
      // Numbered under the channel's lock so each history stays ordered by seq.
      Message m = new Message(messageSeq.incrementAndGet(), role, content, Instant.now());
      history.addLast(m);
      if (history.size() > HISTORY_PER_CHANNEL) {
        history.removeFirst();
      }
      return m;
    }
  }

  /** Messages older than {@code beforeSeq} (all when null), newest first. */
  Page page(String channelId, int limit, Long beforeSeq) {
    ArrayDeque<Message> history = histories.get(channelId);
    List<Message> out = new ArrayList<>(limit);
    synchronized (history) {
      Iterator<Message> newestFirst = history.descendingIterator();
      while (newestFirst.hasNext()) {
        Message m = newestFirst.next();
        if (beforeSeq != null && m.seq() >= beforeSeq) {
          continue;
        }
        if (out.size() == limit) {
          return new Page(out, true);
        }
        out.add(m);
      }
    }
    return new Page(out, false);
  }

  PendingReply addPending(String channelId, String prompt, int maxTokens) {
    PendingReply reply = new PendingReply("rep-" + replySeq.incrementAndGet(), channelId, prompt,
        maxTokens, System.nanoTime());
    synchronized (pending) {
      evictExpired();
      pending.put(reply.id(), reply);
      if (pending.size() > MAX_PENDING_REPLIES) {
        pending.remove(pending.keySet().iterator().next());
      }
    }
    return reply;
  }

  /** Removes and returns a live pending reply of that channel. */
  Optional<PendingReply> takePending(String channelId, String replyId) {
    synchronized (pending) {
      evictExpired();
      PendingReply reply = pending.get(replyId);
      if (reply == null || !reply.channelId().equals(channelId)) {
        return Optional.empty();
      }
      pending.remove(replyId);
      boolean expired = System.nanoTime() - reply.createdNanos() > PENDING_TTL_NANOS;
      return expired ? Optional.empty() : Optional.of(reply);
    }
  }

  /** Puts back a reply whose stream was refused (429), so the client can retry it. */
  void restorePending(PendingReply reply) {
    synchronized (pending) {
      pending.put(reply.id(), reply);
    }
  }

  // Insertion order is creation order, except for restored replies (at the back), so the head holds the
  // expired ones; a restored reply that expires in the back is caught by takePending.
  private void evictExpired() {
    long now = System.nanoTime();
    Iterator<PendingReply> oldestFirst = pending.values().iterator();
    while (oldestFirst.hasNext()) {
      if (now - oldestFirst.next().createdNanos() <= PENDING_TTL_NANOS) {
        return;
      }
      oldestFirst.remove();
    }
  }
}
