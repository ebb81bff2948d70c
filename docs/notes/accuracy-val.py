#!/usr/bin/env python3
"""The "val" check of forecast-combination rules: held-out part of the TRAINING data only.

For every series the training part is its first floor(0.8 n) values (what `backtest` trains on);
the combination's held-out part is the last max(1, floor(0.2 L)) of those L values, as
`OfflineTraining` holds it out. The networks are the recipe's first-stage members, trained on the
values before the held-out part. For each held-out step, the rule is fitted on the OTHER held-out
steps (nested leave-one-out: the rule's choice of terms included) and forecasts that step; val is
the geometric mean over the series of that forecast's mean absolute error divided by naive's.
The test part (the last 20 %) is never read.

    python3 accuracy-val.py split DATA.csv DIR          # DIR/heads.csv, DIR/train.csv
    ./statecast train --input DIR/heads.csv --output DIR/heads.model --combination-holdout 0 \
        [the backtest's training options]
    ./statecast backtest --model DIR/heads.model --input DIR/train.csv --train-fraction 0.5 \
        --output DIR/heldout.csv
    python3 accuracy-val.py val DATA.csv DIR/heldout.csv  # one line per rule

Needs numpy. Season length 12 for nottem and AirPassengers, else 1 (as `backtest` guesses).
"""
import csv
import itertools
import math
import sys

import numpy as np

PERIODS = {"nottem": 12, "AirPassengers": 12}
SEASONS = 4


def read(path, column):
    out = {}
    for row in csv.DictReader(open(path)):
        out.setdefault(row["series_id"], []).append(row)
    return {k: v if column is None else np.array([float(r[column]) for r in v])
            for k, v in out.items()}


def bounds(n):
    length = math.floor(0.8 * n)
    return length, length - max(1, math.floor(0.2 * length))


def split(data, directory):
    for name, part in (("heads", 1), ("train", 0)):
        with open(f"{directory}/{name}.csv", "w") as f:
            f.write("series_id,timestamp,value\n")
            for sid, rows in read(data, None).items():
                for r in rows[:bounds(len(rows))[part]]:
                    f.write(f"{sid},{r['timestamp']},{r['value']}\n")


def loo(x, a, cols):
    """Least-squares weights and leave-one-out residuals of a ~ x[:, cols]; None if singular."""
    if not cols:
        return np.zeros(0), a.copy()
    xs = x[:, list(cols)]
    if np.linalg.cond(xs.T @ xs) > 1e12:
        return None
    inv = np.linalg.inv(xs.T @ xs)
    w = inv @ xs.T @ a
    h = np.einsum("ij,jk,ik->i", xs, inv, xs)
    return None if np.any(h >= 1 - 1e-9) else (w, (a - xs @ w) / (1 - h))


def rule(x, a, terms, name):
    """Weights per column under rule `name`."""
    w = np.zeros(x.shape[1])
    if name == "network alone":
        w[0] = 1
        return w
    if name == "one-SE shrink (before)":
        xs = x[:, :2]
        inv = np.linalg.inv(xs.T @ xs)
        ws = inv @ xs.T @ a
        se = np.sqrt(np.diag(inv) * np.sum((a - xs @ ws) ** 2) / (len(a) - 2))
        w[:2] = np.clip(ws - se, 0, 1)
        return w
    fits = {s: f for r in range(len(terms) + 1) for s in itertools.combinations(terms, r)
            if (f := loo(x, a, s)) is not None}
    press = {s: np.mean(e ** 2) for s, (_, e) in fits.items()}
    best = min(press, key=press.get)
    bar = press[best] + np.std(fits[best][1] ** 2, ddof=1) / math.sqrt(len(a))
    if name == "min PRESS if 1 SE below naive":
        best = min((s for s in press if s), key=press.get)
        se = np.std(fits[best][1] ** 2, ddof=1) / math.sqrt(len(a))
        chosen = best if press[best] + se < press[()] else ()
    else:  # "one-SE rule over subsets": the fewest terms within one SE of the best
        chosen = min((s for s in press if press[s] <= bar), key=lambda s: (len(s), press[s]))
    w[list(chosen)] = np.clip(fits[chosen][0], 0, 1)
    return w


def val(data, heldout, name, seasonal_change):
    ratios = []
    forecasts = read(heldout, "forecast")
    for sid, y in read(data, "value").items():
        length, start = bounds(len(y))
        f, m = forecasts[sid], PERIODS.get(sid, 1)
        t = np.arange(start, length)
        offset = length - len(f)
        a = np.log(y[t] / y[t - 1])
        seasonal = m > 1 and start >= SEASONS * m + 1
        back = [t - j * m for j in range(1, SEASONS + 1)]
        cols = [np.log(f[t - offset] / y[t - 1]), np.log(y[t - 1] / y[t - 2]),
                np.log(np.mean([y[i] for i in back], 0) / y[t - 1]) if seasonal else 0 * a,
                np.mean([np.log(y[i] / y[i - 1]) for i in back], 0) if seasonal else 0 * a]
        x = np.stack(cols, 1)
        terms = [0, 1] + ([2, 3] if seasonal_change else [2]) * seasonal
        pred = np.array([x[i] @ rule(x[np.arange(len(t)) != i], a[np.arange(len(t)) != i],
                                     terms, name) for i in range(len(t))])
        mae = lambda p: np.mean(np.abs(y[t] - y[t - 1] * np.exp(p)))
        ratios.append(mae(pred) / mae(0 * a))
    return math.exp(np.mean(np.log(ratios)))


if __name__ == "__main__":
    if sys.argv[1] == "split":
        split(sys.argv[2], sys.argv[3])
    else:
        for name, change in [("network alone", False), ("one-SE shrink (before)", False),
                             ("min PRESS if 1 SE below naive", False),
                             ("min PRESS if 1 SE below naive", True),
                             ("one-SE rule over subsets", False),
                             ("one-SE rule over subsets", True)]:
            terms = "+ seasonal change" if change else ""
            print(f"{name:32s} {terms:18s} val {val(sys.argv[2], sys.argv[3], name, change):.4f}")
