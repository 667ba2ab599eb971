#!/usr/bin/env python3
"""PyTorch 1.13 reference for tests/bench/char-lstm.mjs (not a pass/fail test).

The character LSTM of chapter 9 at the benchmark's sizes: one-hot input [batch, seqLen, V] ->
nn.LSTM(V, hidden, batch_first=True) -> nn.Linear(hidden, V), mean cross-entropy, Adam
(lr 2e-3, eps 1e-7), gradient clipping by global norm (clip_grad_norm_, max norm 5), truncated
BPTT with the state carried between steps (detached), on the SAME character ids the tfjs
benchmark trains on (written by char-lstm.mjs with src/models/rnn/charData.ts: Moby Dick's
training text, streams cut as PyTorch's word_language_model batchify). Times `--steps` steps
after `--warmup` steps, `--runs` times, with torch's default thread count, 1 and 2 threads
(duplicates run once; torch 1.13 from Debian defaults to 1 thread on the 2-core machine here).
Characters per second = batch * seqLen / (seconds per step). Prints one JSON object.

Usage: /usr/bin/python3 tests/bench/char_lstm_torch.py IDS.bin VOCAB_SIZE [--hidden 128]
       [--seq 64] [--batch 32] [--steps 30] [--warmup 3] [--runs 3] [--threads default,1,2]
IDS.bin: little-endian int32 character ids.
Set OPENBLAS_NUM_THREADS=1 (the caller does): two thread pools fight otherwise (TFJS_NOTES.md).
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class CharLstm(nn.Module):
    def __init__(self, vocab, hidden):
        super().__init__()
        self.vocab = vocab
        self.lstm = nn.LSTM(vocab, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, ids, state):
        x = F.one_hot(ids, self.vocab).float()
        y, state = self.lstm(x, state)
        return self.out(y), state


def run(ids, vocab, a, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = CharLstm(vocab, a.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3, eps=1e-7)
    stream = len(ids) // a.batch
    data = torch.from_numpy(ids[: stream * a.batch].astype(np.int64)).view(a.batch, stream)
    chunks = (stream - 1) // a.seq
    state = None
    k = 0
    times = []
    losses = []
    cpu0 = time.process_time()
    for step in range(a.warmup + a.steps):
        if k == chunks:
            k, state = 0, None
        x = data[:, k * a.seq : (k + 1) * a.seq]
        y = data[:, k * a.seq + 1 : (k + 1) * a.seq + 1]
        k += 1
        t0 = time.perf_counter()
        if state is not None:
            state = tuple(s.detach() for s in state)
        logits, state = model(x, state)
        loss = F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        value = loss.item()
        if step >= a.warmup:
            times.append(time.perf_counter() - t0)
            losses.append(value)
        if step == a.warmup - 1:
            cpu0 = time.process_time()
    cpu = time.process_time() - cpu0
    per_step = statistics.median(times)
    chars = a.batch * a.seq
    return {
        "threads": torch.get_num_threads(),
        "msPerStep": per_step * 1000,
        "charsPerSecond": chars / per_step,
        "charsPerCpuSecond": chars * len(times) / cpu if cpu > 0 else None,
        "firstLoss": losses[0],
        "lastLoss": losses[-1],
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ids")
    ap.add_argument("vocab", type=int)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--seq", type=int, default=64)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", default="default,1,2")
    a = ap.parse_args()
    ids = np.fromfile(a.ids, dtype="<i4")
    default_threads = torch.get_num_threads()
    out = {
        "torch": torch.__version__,
        "defaultThreads": default_threads,
        "openblasThreads": os.environ.get("OPENBLAS_NUM_THREADS"),
        "chars": int(len(ids)),
        "vocab": a.vocab,
        "sizes": {"hidden": a.hidden, "seqLen": a.seq, "batch": a.batch},
        "configs": {},
    }
    counts = []
    for label in a.threads.split(","):
        n = default_threads if label == "default" else int(label)
        if n not in counts:
            counts.append(n)
    for n in counts:
        runs = [run(ids, a.vocab, a, n) for _ in range(a.runs)]
        out["configs"][str(n)] = {
            "runs": runs,
            "median": {
                key: statistics.median(r[key] for r in runs)
                for key in ("msPerStep", "charsPerSecond")
            },
        }
        print(f"[torch] {n} thread(s): {out['configs'][str(n)]['median']}", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
