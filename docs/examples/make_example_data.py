#!/usr/bin/env python3
"""Writes the example inputs the README's commands use (plain Python, seeded: the same bytes
every run). Run from this folder: python3 make_example_data.py

- input.json    {"inputs": [2][40][1]}: row 0 is a unit impulse at t = 10 on zeros, row 1 a
                smooth series; fits the 1-input models here (closed-form-lstm.json, lstm-1x8.json)
- targets.json  {"targets": [2][40][1]}: the next value of each input row (one-step-ahead)
- series.csv    one column "x": 400 points of the original experiment's series shape
                (cumsum(0.5 t + sin(2 pi t) + N(0, 0.1^2)), min-max scaled), for girf
- prices.csv    "date","close": 600 business days of a seeded random walk, dates quoted
                ("Jan 2, 2024") as spreadsheets write them, for sweep --data --column close
"""
import datetime
import json
import math
import random

rng = random.Random(20241202)

T = 40
impulse = [[1.0 if t == 10 else 0.0] for t in range(T)]
smooth = [[round(math.sin(2 * math.pi * t / 20) * 0.8 + 0.1 * math.cos(t / 3), 6)] for t in range(T)]
with open("input.json", "w") as f:
    json.dump({"inputs": [impulse, smooth]}, f)
    f.write("\n")
targets = [[row[t + 1] if t + 1 < T else row[t] for t in range(T)] for row in (impulse, smooth)]
with open("targets.json", "w") as f:
    json.dump({"targets": targets}, f)
    f.write("\n")

n = 400
s, series = 0.0, []
for i in range(n):
    t = i / (n - 1)
    s += 0.5 * t + math.sin(2 * math.pi * t) + rng.gauss(0, 0.1)
    series.append(s)
lo, hi = min(series), max(series)
with open("series.csv", "w") as f:
    f.write("x\n")
    for v in series:
        f.write(f"{(v - lo) / (hi - lo):.6f}\n")

day, price = datetime.date(2024, 1, 2), 100.0
with open("prices.csv", "w") as f:
    f.write('"date","close"\n')
    written = 0
    while written < 600:
        if day.weekday() < 5:
            price *= math.exp(rng.gauss(0.0002, 0.012))
            f.write(f'"{day.strftime("%b")} {day.day}, {day.year}",{price:.2f}\n')
            written += 1
        day += datetime.timedelta(days=1)
