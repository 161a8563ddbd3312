package io.lstmirf.backend.tfjava;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Swallows the two lines TensorFlow 2.18 writes to stderr on the first session run of a process
 * ("All log messages before absl::InitializeLog() ..." and "MLIR V1 optimization pass is not
 * enabled"). They come from absl logging, which ignores TF_CPP_MIN_LOG_LEVEL and has no setting
 * reachable from Java, and both are logged once per process: so one tiny graph is run at load time
 * with the process's stderr (file descriptor 2) pointed at /dev/null, then restored. Anything else
 * written to stderr in that moment is lost too, which is why it happens once, while the backend
 * loads. If the C library cannot be reached, the lines simply appear.
 */
final class TfJavaLogSilencer {
  private static final int STDERR = 2;
  private static final int O_WRONLY = 1;

  /** The few libc calls needed to redirect a file descriptor. */
  private interface CLibrary extends Library {
    int dup(int fd);

    int dup2(int from, int to);

    int open(String path, int flags);

    int close(int fd);
  }

  private TfJavaLogSilencer() {}

  /** Runs a one-op graph once with stderr silenced; see the class comment. */
  static void runFirstSessionQuietly() {
    CLibrary libc;
    try {
      libc = Native.load("c", CLibrary.class);
    } catch (LinkageError e) {
      runOnce();
      return;
    }
    System.err.flush();
    int saved = libc.dup(STDERR);
    int devNull = libc.open("/dev/null", O_WRONLY);
    if (saved < 0 || devNull < 0 || libc.dup2(devNull, STDERR) < 0) {
      closeIfOpen(libc, saved);
      closeIfOpen(libc, devNull);
      runOnce();
      return;
    }
    try {
      runOnce();
    } finally {
      libc.dup2(saved, STDERR);
      libc.close(saved);
      libc.close(devNull);
    }
  }

  private static void runOnce() {
    try (Graph graph = new Graph();
        Session session = new Session(graph, TfJavaEngine.sessionConfig())) {
      Ops tf = Ops.create(graph);
      var one = tf.constant(1f);
      try (Tensor result = session.runner().fetch(one).run().get(0)) {
        if (((TFloat32) result).getFloat() != 1f) {
          throw new IllegalStateException("TensorFlow computed a constant wrongly");
        }
      }
    }
  }

  private static void closeIfOpen(CLibrary libc, int fd) {
    if (fd >= 0) {
      libc.close(fd);
    }
  }
}
