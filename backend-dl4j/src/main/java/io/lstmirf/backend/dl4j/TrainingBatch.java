package io.lstmirf.backend.dl4j;

import io.lstmirf.api.train.LossTarget;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A batch as DL4J's network takes it ({@code [batch, features, time]}), with the factor that turns
 * DL4J's MSE score into the canonical loss.
 *
 * <p>With {@code miniBatch(false)}, DL4J's MSE score is the squared error summed over examples
 * and time steps and averaged over outputs only: {@code SSE / O}. The canonical loss is the mean
 * over all {@code B * T' * O} elements, so {@code lossScale = 1 / (B * T')}. For last-step loss
 * the targets sit at the last time step and a label mask hides every other step from the loss.
 *
 * @param features {@code [B, I, T]}
 * @param labels {@code [B, O, T]}
 * @param labelMask {@code [B, T]} for last-step loss, null for every-step loss
 * @param lossScale canonical loss / DL4J score
 */
record TrainingBatch(INDArray features, INDArray labels, INDArray labelMask, double lossScale)
    implements AutoCloseable {

  static TrainingBatch of(double[][][] inputs, double[][][] targets, LossTarget loss,
      DataType dataType) {
    int batch = inputs.length;
    int steps = inputs[0].length;
    INDArray features = featuresLast(inputs, dataType);
    if (loss == LossTarget.EVERY_STEP) {
      return new TrainingBatch(features, featuresLast(targets, dataType), null,
          1.0 / ((double) batch * steps));
    }
    int outputs = targets[0][0].length;
    double[][][] atLastStep = new double[batch][steps][outputs];
    double[][] mask = new double[batch][steps];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(targets[b][0], 0, atLastStep[b][steps - 1], 0, outputs);
      mask[b][steps - 1] = 1;
    }
    return new TrainingBatch(features, featuresLast(atLastStep, dataType),
        NdArrays.create(mask, dataType), 1.0 / batch);
  }

  /** {@code x [B][T][F]} as a new {@code [B, F, T]} array. */
  private static INDArray featuresLast(double[][][] x, DataType dataType) {
    try (INDArray timeMajor = NdArrays.create(x, dataType)) {
      return timeMajor.permute(0, 2, 1).dup('c');
    }
  }

  /** Examples in the batch. */
  int size() {
    return (int) features.size(0);
  }

  /** The batch as a DL4J data set (sharing these arrays). */
  DataSet asDataSet() {
    return new DataSet(features, labels, null, labelMask);
  }

  @Override
  public void close() {
    features.close();
    labels.close();
    if (labelMask != null) {
      labelMask.close();
    }
  }
}
