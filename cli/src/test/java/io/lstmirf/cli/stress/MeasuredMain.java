package io.lstmirf.cli.stress;

import io.lstmirf.cli.Main;
import java.io.FileDescriptor;
import java.io.FileOutputStream;

/**
 * The command line as the launcher runs it, followed by one last stderr line with the process's
 * peak resident memory: {@code peak-rss BYTES}. For the stress tests, which fork it.
 */
public final class MeasuredMain {
  private MeasuredMain() {}

  public static void main(String[] args) throws Exception {
    int code = Main.run(args, new FileOutputStream(FileDescriptor.out), System.err);
    System.err.println("peak-rss " + FootprintProbe.status("VmHWM:"));
    System.exit(code);
  }
}
