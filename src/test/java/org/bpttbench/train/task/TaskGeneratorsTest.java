package org.bpttbench.train.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TaskGeneratorsTest {

  private static int token(TaskData d, int n, int t) {
    int off = d.offset(n) + t * d.inputSize();
    int hot = -1;
    for (int i = 0; i < d.inputSize(); i++) {
      float v = d.inputs()[off + i];
      if (v != 0f) {
        assertEquals(1f, v, "one-hot value");
        assertEquals(-1, hot, "a second hot entry at sequence " + n + " step " + t);
        hot = i;
      }
    }
    assertTrue(hot >= 0, "no hot entry at sequence " + n + " step " + t);
    return hot;
  }

  private static boolean isPronoun(int token) {
    return AgreementTask.PRONOUNS.contains(AgreementTask.word(token));
  }

  @ParameterizedTest
  @EnumSource(Fillers.class)
  void agreementIsBalancedOneHotAndQueriesAtTheEnd(Fillers fillers) {
    TaskData d = AgreementTask.generate(4000, 50, 30, fillers, 7);
    assertEquals(AgreementTask.VOCABULARY, d.inputSize());
    assertEquals(2, d.classes());
    long third = Arrays.stream(d.labels()).filter(l -> l == 1).count();
    // Binomial(4000, 1/2): sd = 31.6, so ±150 is ~4.7 sd.
    assertTrue(Math.abs(third - 2000) < 150, "-s forms: " + third + " of 4000");
    for (int n = 0; n < d.count(); n++) {
      assertEquals("?", AgreementTask.word(token(d, n, 49)));
    }
  }

  @ParameterizedTest
  @EnumSource(Fillers.class)
  void theKeyPronounSitsLagStepsBeforeTheQueryAndDecidesTheLabel(Fillers fillers) {
    for (int lag : new int[] {1, 2, 5, 30, 49}) {
      TaskData d = AgreementTask.generate(300, 50, lag, fillers, lag);
      for (int n = 0; n < d.count(); n++) {
        int key = 49 - lag;
        assertEquals(key, d.keyPositions()[n]);
        int tok = token(d, n, key);
        assertTrue(isPronoun(tok), "step " + key + " holds " + AgreementTask.word(tok));
        boolean third = Arrays.asList("he", "she", "it").contains(AgreementTask.word(tok));
        assertEquals(third ? 1 : 0, d.labels()[n], "label of key " + AgreementTask.word(tok));
      }
    }
  }

  @Test
  void withFillerWordsTheKeyIsTheOnlyPronoun() {
    TaskData d = AgreementTask.generate(200, 50, 20, Fillers.WORDS, 3);
    for (int n = 0; n < d.count(); n++) {
      for (int t = 0; t < 49; t++) {
        assertEquals(t == 29, isPronoun(token(d, n, t)), "sequence " + n + " step " + t);
      }
    }
  }

  @Test
  void withTriplesEveryDistractorHasItsAgreeingVerbAndOnlyTheKeyLacksOne() {
    TaskData d = AgreementTask.generate(200, 50, 30, Fillers.TRIPLES, 5);
    int distractors = 0;
    for (int n = 0; n < d.count(); n++) {
      for (int t = 0; t < 48; t++) {
        int tok = token(d, n, t);
        if (!isPronoun(tok)) {
          continue;
        }
        String next = AgreementTask.word(token(d, n, t + 1));
        if (t == 19) {
          assertTrue(AgreementTask.FILLER_WORDS.contains(next), "the key is followed by " + next);
          continue;
        }
        distractors++;
        boolean third = Arrays.asList("he", "she", "it").contains(AgreementTask.word(tok));
        String lemma = third ? next.substring(0, next.length() - 1) : next;
        assertTrue(AgreementTask.VERBS.contains(lemma), AgreementTask.word(tok) + " " + next);
        assertEquals(third, next.endsWith("s") && !AgreementTask.VERBS.contains(next),
            AgreementTask.word(tok) + " " + next);
      }
    }
    assertTrue(distractors > 200 * 10, "distractor pronouns: " + distractors);
  }

  @ParameterizedTest
  @EnumSource(Fillers.class)
  void agreementIsDeterministicInTheSeed(Fillers fillers) {
    TaskData a = AgreementTask.generate(50, 20, 10, fillers, 11);
    TaskData b = AgreementTask.generate(50, 20, 10, fillers, 11);
    TaskData c = AgreementTask.generate(50, 20, 10, fillers, 12);
    assertArrayEquals(a.inputs(), b.inputs());
    assertArrayEquals(a.labels(), b.labels());
    assertFalse(Arrays.equals(a.inputs(), c.inputs()));
  }

  @Test
  void agreementRefusesLagsOutsideTheSequence() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AgreementTask.generate(10, 50, 50, Fillers.WORDS, 1));
    assertTrue(e.getMessage().contains("lag 50"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> AgreementTask.generate(10, 50, 0, Fillers.WORDS, 1));
  }

  @Test
  void addingMarksOneStepInEachHalfAndTargetsTheirSum() {
    TaskData d = AddingTask.generate(3000, 50, 9);
    assertTrue(d.isRegression());
    double mseOfOne = 0;
    for (int n = 0; n < d.count(); n++) {
      int off = d.offset(n);
      int marks = 0;
      double sum = 0;
      for (int t = 0; t < 50; t++) {
        float u = d.inputs()[off + 2 * t];
        assertTrue(u >= 0f && u < 1f, "value " + u);
        float m = d.inputs()[off + 2 * t + 1];
        if (m == 1f) {
          marks++;
          sum += u;
          assertTrue(marks == 1 ? t < 25 : t >= 25, "mark " + marks + " at step " + t);
          if (marks == 1) {
            assertEquals(t, d.keyPositions()[n]);
          }
        } else {
          assertEquals(0f, m);
        }
      }
      assertEquals(2, marks);
      assertEquals(sum, d.values()[n], 1e-6);
      mseOfOne += (d.values()[n] - 1) * (d.values()[n] - 1);
    }
    // Var(u1 + u2) = 1/6; the sample mean of 3000 squared deviations has sd ≈ 0.0034.
    assertEquals(AddingTask.BASELINE_MSE, mseOfOne / d.count(), 0.015);
  }

  @Test
  void addingIsDeterministicInTheSeed() {
    assertArrayEquals(AddingTask.generate(20, 30, 4).inputs(),
        AddingTask.generate(20, 30, 4).inputs());
    assertFalse(Arrays.equals(AddingTask.generate(20, 30, 4).inputs(),
        AddingTask.generate(20, 30, 5).inputs()));
  }
}
