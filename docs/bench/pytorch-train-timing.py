# Times the original experiment's training in PyTorch from Python on one thread, for a side-by-side
# comparison with `./lstm-irf sweep --backends djl,tfjava,dl4j --biases 1 --seeds 1 --out DIR`:
# the same model (LSTM(1 -> 50) + Linear(50 -> 1)), 1,128 training windows of 60 steps, batch 32,
# Adam, last-step MSE, 50 epochs with a validation pass each (1,800 steps). The series is a
# stand-in of the same shape, not the tool's data: only the time is compared.
#
# Run: OMP_NUM_THREADS=1 python3 docs/bench/pytorch-train-timing.py   (needs numpy and torch)
#
# With --json FILE the run is also recorded there (format lstm-irf-pytorch-timing/1; a later run
# with the same shape and versions is appended, so interleaved runs add up). Written into a sweep's
# directory as pytorch-timing.json, the sweep's report.html compares its backends with it and cites
# it; without that file the report says nothing about PyTorch.
import argparse
import datetime
import json
import os
import platform
import sys
import time

import numpy as np
import torch

FORMAT = "lstm-irf-pytorch-timing/1"
parser = argparse.ArgumentParser(description="Time the experiment's training in PyTorch.")
parser.add_argument("--json", metavar="FILE", help="record this run in FILE (appended)")
args = parser.parse_args()

LOOKBACK, OFFSET, SAMPLES, UNITS, BATCH, EPOCHS = 60, 30, 1500, 50, 32, 50

torch.set_num_threads(1)
torch.manual_seed(42)
rng = np.random.default_rng(42)
t = np.arange(SAMPLES)
series = np.cumsum(0.5 * t / SAMPLES + np.sin(2 * np.pi * t / 50) + rng.normal(0, 0.1, SAMPLES))
windows = len(series) - LOOKBACK - OFFSET + 1
x = np.stack([series[i:i + LOOKBACK] for i in range(windows)])
y = np.array([series[i + LOOKBACK + OFFSET - 1] for i in range(windows)])
train = int(0.8 * windows)
lo, hi = x[:train].min(), x[:train].max()
x = torch.tensor((x - lo) / (hi - lo), dtype=torch.float32).unsqueeze(-1)
y = torch.tensor((y - lo) / (hi - lo), dtype=torch.float32).unsqueeze(-1)
x_train, y_train, x_val, y_val = x[:train], y[:train], x[train:], y[train:]


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(1, UNITS, batch_first=True)
        self.head = torch.nn.Linear(UNITS, 1)

    def forward(self, inputs):
        return self.head(self.lstm(inputs)[0][:, -1])


model = Model()
optimiser = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
wall, cpu = time.time(), time.process_time()
for epoch in range(EPOCHS):
    order = torch.randperm(train)
    for start in range(0, train, BATCH):
        rows = order[start:start + BATCH]
        optimiser.zero_grad()
        loss = ((model(x_train[rows]) - y_train[rows]) ** 2).mean()
        loss.backward()
        optimiser.step()
    with torch.no_grad():
        validation = sum(((model(x_val[i:i + BATCH]) - y_val[i:i + BATCH]) ** 2).sum().item()
                         for i in range(0, len(x_val), BATCH)) / len(x_val)
wall, cpu = time.time() - wall, time.process_time() - cpu
print(f"pytorch {torch.__version__}: {train} training windows, {EPOCHS} epochs:"
      f" wall {wall:.1f} s, cpu {cpu:.1f} s, validation MSE {validation:.2e}")

if args.json:
    shape = {"units": UNITS, "lookback": LOOKBACK, "batchSize": BATCH, "epochs": EPOCHS,
             "trainingWindows": train}
    record = {"format": FORMAT, "script": "docs/bench/pytorch-train-timing.py",
              "torch": torch.__version__, "python": platform.python_version(),
              "threads": torch.get_num_threads(),
              "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
              "written": None, **shape, "runs": []}
    if os.path.exists(args.json):
        with open(args.json, encoding="utf-8") as f:
            earlier = json.load(f)
        same = ["format", "torch", "python", "threads", "machine", *shape]
        changed = [k for k in same if earlier.get(k) != record[k]]
        if changed:
            sys.exit(f"{args.json} records runs with other {', '.join(changed)}; use a new file")
        record["runs"] = earlier["runs"]
    record["written"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    record["runs"].append({"wallSeconds": round(wall, 3), "cpuSeconds": round(cpu, 3),
                           "validationMse": float(validation)})
    with open(args.json + ".tmp", "w", encoding="utf-8") as f:
        json.dump(record, f, indent=2, allow_nan=False)
        f.write("\n")
    os.replace(args.json + ".tmp", args.json)
    print(f"recorded in {args.json} ({len(record['runs'])} run(s))")
