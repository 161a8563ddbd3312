package io.lstmirf.experiment.bench;

import io.lstmirf.api.InputChecks;
import io.lstmirf.api.InvalidInputException;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the bench measures and how often.
 *
 * @param rounds interleaved rounds; every result is the median over them
 * @param stepHidden hidden size of the stepping case (one input, B = 1)
 * @param steps steps per stepping measurement
 * @param seqLength time steps of the sequence case
 * @param seqHidden hidden size of the sequence case; with {@code seqBatch} it sets the step-shape
 *     floor {@code [seqBatch x seqHidden] x [seqHidden x 4 seqHidden]}
 * @param seqBatch batch of the sequence case
 * @param gemmSize side of the large square matrix product
 * @param irfShocks shocks of the batched-IRF case (one baseline row more in the batch)
 * @param cases the LSTM cases to time
 */
public record BenchSettings(
    int rounds,
    int stepHidden,
    int steps,
    int seqLength,
    int seqHidden,
    int seqBatch,
    int gemmSize,
    int irfShocks,
    Set<BenchCase> cases) {

  /** The largest {@link #gemmSize}: its three matrices take at most 400 MB in float64. */
  public static final int MAX_GEMM_SIZE = 4096;

  public BenchSettings {
    InputChecks.atLeast("--rounds", rounds, 1);
    InputChecks.atLeast("--step-hidden", stepHidden, 1);
    InputChecks.atLeast("--steps", steps, 1);
    InputChecks.atLeast("--seq-length", seqLength, 1);
    InputChecks.atLeast("--seq-hidden", seqHidden, 1);
    InputChecks.atLeast("--seq-batch", seqBatch, 1);
    InputChecks.atLeast("--gemm-size", gemmSize, 1);
    if (gemmSize > MAX_GEMM_SIZE) {
      throw new InvalidInputException(
          "--gemm-size must be at most " + MAX_GEMM_SIZE + ", got " + gemmSize);
    }
    InputChecks.atLeast("--irf-shocks", irfShocks, 1);
    cases = cases.isEmpty() ? EnumSet.noneOf(BenchCase.class) : EnumSet.copyOf(cases);
  }

  /** The defaults of {@code lstm-irf bench}. */
  public static BenchSettings defaults() {
    return new BenchSettings(
        7, 64, 2000, 1000, 256, 32, 1024, 1024, EnumSet.allOf(BenchCase.class));
  }

  public boolean has(BenchCase c) {
    return cases.contains(c);
  }
}
