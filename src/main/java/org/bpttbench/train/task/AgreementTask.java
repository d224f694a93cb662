package org.bpttbench.train.task;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The lesson's stretched task: subject–verb agreement across a gap of k steps.
 *
 * <p>A sequence of T one-hot tokens holds the key pronoun at 0-based step T−1−k (position T−k in
 * the lesson's 1-based terms) and the query token "?" at the last step. The target is the verb
 * form that agrees with the key: class 1, the "-s" form, for he/she/it; class 0, the base form,
 * for I/you/we/they. The form is drawn first with probability ½ and the pronoun uniformly within
 * it, so chance is 50 % whatever the pronoun frequencies. Everything else is filler (see
 * {@link Fillers}).
 */
public final class AgreementTask {
  public static final List<String> PRONOUNS = List.of("I", "you", "he", "she", "it", "we", "they");
  public static final List<String> VERBS = List.of("run", "walk", "eat", "see", "say");
  public static final List<String> FILLER_WORDS = List.of("the", "a", "dog", "cat", "house",
      "tree", "red", "big", "small", "green", "quickly", "slowly", "today", "yesterday", "here",
      "there", "very", "old", "new", "good", "bad", "blue", "river", "city");
  /** Class names of the read-out. */
  public static final List<String> CLASSES = List.of("base form", "-s form");

  private static final int PRONOUN0 = 0;
  private static final int VERB0 = PRONOUN0 + PRONOUNS.size();
  private static final int SEPARATOR = VERB0 + 2 * VERBS.size();
  private static final int QUERY = SEPARATOR + 1;
  private static final int FILLER0 = QUERY + 1;
  /** One-hot input size: pronouns, base and "-s" verb forms, ".", "?", the filler words. */
  public static final int VOCABULARY = FILLER0 + FILLER_WORDS.size();

  private AgreementTask() {}

  /** The word a token index stands for. */
  public static String word(int token) {
    if (token < VERB0) {
      return PRONOUNS.get(token - PRONOUN0);
    }
    if (token < SEPARATOR) {
      int v = token - VERB0;
      return v < VERBS.size() ? VERBS.get(v) : VERBS.get(v - VERBS.size()) + "s";
    }
    if (token == SEPARATOR) {
      return ".";
    }
    return token == QUERY ? "?" : FILLER_WORDS.get(token - FILLER0);
  }

  /** Whether the pronoun takes the "-s" form (he, she, it). */
  static boolean thirdSingular(int pronoun) {
    return pronoun >= 2 && pronoun <= 4;
  }

  /**
   * {@code count} sequences of {@code steps} tokens with the key {@code lag} steps before the
   * last; deterministic in {@code seed}.
   */
  public static TaskData generate(int count, int steps, int lag, Fillers fillers, long seed) {
    if (count < 1 || steps < 2) {
      throw new IllegalArgumentException("agreement task: count " + count + " and steps " + steps
          + " (expected count ≥ 1 and steps ≥ 2)");
    }
    if (lag < 1 || lag > steps - 1) {
      throw new IllegalArgumentException("agreement task: lag " + lag
          + " (expected 1.." + (steps - 1) + " for " + steps + " steps)");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] tokens = new int[steps];
    float[] inputs = new float[Math.multiplyExact(Math.multiplyExact(count, steps), VOCABULARY)];
    int[] labels = new int[count];
    int[] keys = new int[count];
    int key = steps - 1 - lag;
    for (int n = 0; n < count; n++) {
      labels[n] = rnd.nextInt(2);
      int pronoun = drawPronoun(labels[n] == 1, rnd);
      if (fillers == Fillers.WORDS) {
        fillWords(tokens, rnd);
      } else {
        fillTriples(tokens, key, rnd);
      }
      tokens[key] = PRONOUN0 + pronoun;
      tokens[steps - 1] = QUERY;
      keys[n] = key;
      int off = n * steps * VOCABULARY;
      for (int t = 0; t < steps; t++) {
        inputs[off + t * VOCABULARY + tokens[t]] = 1f;
      }
    }
    return new TaskData(count, steps, VOCABULARY, inputs, CLASSES.size(), labels, null, keys);
  }

  private static int drawPronoun(boolean third, SplittableRandom rnd) {
    if (third) {
      return 2 + rnd.nextInt(3);
    }
    int i = rnd.nextInt(4); // I, you, we, they
    return i < 2 ? i : i + 3;
  }

  private static void fillWords(int[] tokens, SplittableRandom rnd) {
    for (int t = 0; t < tokens.length; t++) {
      tokens[t] = FILLER0 + rnd.nextInt(FILLER_WORDS.size());
    }
  }

  /**
   * Triples "pronoun verb ." aligned so that one starts at the key; the key's own verb slot
   * holds a filler word instead, which is what marks the key among the distractors.
   */
  private static void fillTriples(int[] tokens, int key, SplittableRandom rnd) {
    int pronoun = 0;
    for (int t = 0; t < tokens.length; t++) {
      switch (Math.floorMod(t - key, 3)) {
        case 0:
          pronoun = drawPronoun(rnd.nextBoolean(), rnd);
          tokens[t] = PRONOUN0 + pronoun;
          break;
        case 1:
          int verb = rnd.nextInt(VERBS.size());
          tokens[t] = t == key + 1
              ? FILLER0 + rnd.nextInt(FILLER_WORDS.size())
              : VERB0 + verb + (thirdSingular(pronoun) ? VERBS.size() : 0);
          break;
        default:
          tokens[t] = SEPARATOR;
      }
    }
  }
}
