package llmperf.server;

/** The fixed word list generated text is drawn from; each token is one word with a leading space. */
final class Vocabulary {

  private static final String[] WORDS = {
    "the", "of", "and", "to", "in", "is", "it", "that", "for", "was",
    "on", "are", "with", "as", "at", "be", "this", "have", "from", "or",
    "one", "had", "by", "word", "but", "not", "what", "all", "were", "we",
    "when", "your", "can", "said", "there", "use", "an", "each", "which", "she",
    "do", "how", "their", "if", "will", "up", "other", "about", "out", "many",
    "then", "them", "these", "so", "some", "her", "would", "make", "like", "him",
    "into", "time", "has", "look", "two", "more", "write", "go", "see", "number",
    "no", "way", "could", "people", "my", "than", "first", "water", "been", "call",
    "who", "oil", "its", "now", "find", "long", "down", "day", "did", "get",
    "come", "made", "may", "part", "over", "new", "sound", "take", "only", "little",
    "work", "know", "place", "year", "live", "me", "back", "give", "most", "very",
    "after", "thing", "our", "just", "name", "good", "sentence", "man", "think", "say",
    "great", "where", "help", "through", "much", "before", "line", "right", "too", "mean",
    "old", "any", "same", "tell", "boy", "follow", "came", "want", "show", "also",
    "around", "form", "three", "small", "set", "put", "end", "does", "another", "well",
    "large", "must", "big", "even", "such", "because", "turn", "here", "why", "ask",
    "went", "men", "read", "need", "land", "different", "home", "us", "move", "try",
    "kind", "hand", "picture", "again", "change", "off", "play", "spell", "air", "away",
    "animal", "house", "point", "page", "letter", "mother", "answer", "found", "study", "still",
    "learn", "should", "world", "high", "every", "near", "add", "food", "between", "own",
  };

  /** Tokens as emitted, with their leading space, so no content delta is ever empty. */
  private static final String[] TOKENS = new String[WORDS.length];

  static {
    for (int i = 0; i < WORDS.length; i++) {
      TOKENS[i] = " " + WORDS[i];
    }
  }

  private Vocabulary() {}

  static int size() {
    return TOKENS.length;
  }

  static String token(int index) {
    return TOKENS[index];
  }
}
