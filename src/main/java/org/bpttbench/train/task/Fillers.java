package org.bpttbench.train.task;

import org.bpttbench.cell.EnumId;

/** What fills the agreement task's sequence around the key pronoun. */
public enum Fillers implements EnumId {
  /** Filler words only: the key is the one pronoun in the sequence. */
  WORDS,
  /**
   * The lesson's chain of pronoun–verb–separator triples: distractor pronouns, each followed by
   * its agreeing verb, must be ignored; the key is the one pronoun followed by a filler word
   * instead of its verb (the subject whose verb the query asks for).
   */
  TRIPLES
}
