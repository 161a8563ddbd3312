# Times PyTorch from Python on one thread on the two shapes of `./lstm-irf bench`, for a
# side-by-side comparison: stepping latency (H=64, I=1, B=1, one nn.LSTM call per step carrying
# (h, c)) and sequence forward (T=1000, H=256, I=1, B=32, float32). Medians of 7 rounds.
#
# Run: OMP_NUM_THREADS=1 python3 docs/bench/pytorch-forward-timing.py   (needs torch)
import statistics
import time

import torch

ROUNDS, STEPS = 7, 2000
torch.set_num_threads(1)
torch.manual_seed(42)


def step_micros():
    lstm = torch.nn.LSTM(1, 64, batch_first=True)
    x = torch.randn(1, 1, 1)
    state = (torch.zeros(1, 1, 64), torch.zeros(1, 1, 64))
    with torch.no_grad():
        for _ in range(200):
            _, state = lstm(x, state)
        start = time.perf_counter()
        for _ in range(STEPS):
            _, state = lstm(x, state)
    return (time.perf_counter() - start) / STEPS * 1e6


def sequence_seconds():
    lstm = torch.nn.LSTM(1, 256, batch_first=True)
    x = torch.randn(32, 1000, 1)
    with torch.no_grad():
        start = time.perf_counter()
        lstm(x)
    return time.perf_counter() - start


sequence_seconds()
steps = [step_micros() for _ in range(ROUNDS)]
sequences = [sequence_seconds() for _ in range(ROUNDS)]
print(f"pytorch {torch.__version__}: step {statistics.median(steps):.1f} us,"
      f" sequence {statistics.median(sequences):.3f} s")
