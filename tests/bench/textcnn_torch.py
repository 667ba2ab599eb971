#!/usr/bin/env python3
"""PyTorch 1.13 reference for tests/bench/textcnn.mjs (not a pass/fail test).

Kim's (2014) CNN-rand at the benchmark's sizes: nn.Embedding(5000, 128), nn.Conv1d(128, 100, k)
for k in (3, 4, 5), ReLU, max over time, dropout 0.5, nn.Linear(300, 2), mean cross-entropy,
Adam (lr 1e-3, eps 1e-7); batches of 50 random sentences of 50 ids (seeded). Times `--steps`
steps after `--warmup`, `--runs` times, on ONE thread (torch.set_num_threads(1)).
Prints one JSON object: sentences per second (median run) and ms per step.

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tests/bench/textcnn_torch.py [--steps 30]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--vocab", type=int, default=5000)
p.add_argument("--dim", type=int, default=128)
p.add_argument("--filters", type=int, default=100)
p.add_argument("--length", type=int, default=50)
p.add_argument("--batch", type=int, default=50)
p.add_argument("--steps", type=int, default=30)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--runs", type=int, default=3)
a = p.parse_args()
torch.set_num_threads(1)
torch.manual_seed(1)


class TextCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(a.vocab, a.dim)
        self.convs = nn.ModuleList(nn.Conv1d(a.dim, a.filters, k) for k in (3, 4, 5))
        self.fc = nn.Linear(3 * a.filters, 2)

    def forward(self, ids):
        x = self.embedding(ids).transpose(1, 2)
        h = torch.cat([F.relu(c(x)).max(dim=2).values for c in self.convs], dim=1)
        return self.fc(F.dropout(h, 0.5, self.training))


model = TextCnn()
opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
ids = torch.randint(0, a.vocab, (64, a.batch, a.length))
labels = torch.randint(0, 2, (64, a.batch))


def step(i):
    opt.zero_grad()
    loss = F.cross_entropy(model(ids[i % 64]), labels[i % 64])
    loss.backward()
    opt.step()
    return loss.item()


rates = []
for _ in range(a.runs):
    for i in range(a.warmup):
        step(i)
    t0 = time.perf_counter()
    for i in range(a.steps):
        step(i)
    seconds = (time.perf_counter() - t0) / a.steps
    rates.append(a.batch / seconds)
rate = statistics.median(rates)
print(json.dumps({"torch": torch.__version__, "threads": 1, "sentencesPerSecond": rate,
                  "msPerStep": 1000 * a.batch / rate, "runs": rates}))
