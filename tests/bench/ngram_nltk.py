#!/usr/bin/env python3
"""NLTK 3.8 side of tests/bench/ngram.mjs (run by it; not on its own).

Usage: ngram_nltk.py TOKENS.json RUNS SCORE_BUDGET_S
TOKENS.json: {"train": [[word, ...], ...], "heldout": [...], "order": 5, "unkCutoff": 2,
"discount": 0.1}. Fits KneserNeyInterpolated exactly as the JS side does
(padded_everygram_pipeline(order, train), Vocabulary(unk_cutoff)), median of RUNS fits; then
scores the evaluation n-grams (order-1 '<s>', the words, ONE '</s>', ngrams(order)) in order until
SCORE_BUDGET_S seconds (wall clock) have passed (NLTK 3.8's KneserNey._continuation_counts scans every
higher-order context for every lower-order score, so the full held-out set would take hours), and
extrapolates the time for all of them. Wall-clock and CPU (time.process_time) seconds are both
reported: on a loaded machine only the CPU times are comparable. Prints one JSON object.
"""
import json
import math
import statistics
import sys
import time

import nltk
from nltk.lm import KneserNeyInterpolated, Vocabulary
from nltk.lm.preprocessing import padded_everygram_pipeline
from nltk.util import ngrams


def evaluation_ngrams(sentences, n):
    out = []
    for s in sentences:
        padded = ["<s>"] * (n - 1) + list(s) + ["</s>"]
        out.extend(ngrams(padded, n))
    return out


def main():
    path, runs, budget = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    with open(path, encoding="utf8") as f:
        data = json.load(f)
    order, train, heldout = data["order"], data["train"], data["heldout"]
    fit_times, fit_cpu = [], []
    lm = None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        text, vocab_text = padded_everygram_pipeline(order, train)
        lm = KneserNeyInterpolated(
            order, discount=data["discount"], vocabulary=Vocabulary(unk_cutoff=data["unkCutoff"])
        )
        lm.fit(text, vocab_text)
        fit_times.append(time.perf_counter() - t0)
        fit_cpu.append(time.process_time() - c0)
    test = evaluation_ngrams(heldout, order)
    scored, log_sum, zero = 0, 0.0, 0
    t0, c0 = time.perf_counter(), time.process_time()
    for g in test:
        p = lm.score(g[-1], g[:-1])
        if p > 0:
            log_sum += math.log2(p)
        else:
            zero += 1
        scored += 1
        if time.perf_counter() - t0 > budget:
            break
    score_time = time.perf_counter() - t0
    score_cpu = time.process_time() - c0
    entropy = math.inf if zero else -log_sum / scored
    print(
        json.dumps(
            {
                "nltkVersion": nltk.__version__,
                "python": sys.version.split()[0],
                "fitSeconds": fit_times,
                "fitMedianSeconds": statistics.median(fit_times),
                "fitCpuSeconds": fit_cpu,
                "fitMedianCpuSeconds": statistics.median(fit_cpu),
                "vocabSize": len(lm.vocab),
                "countsN": lm.counts.N(),
                "evaluationNgrams": len(test),
                "scoredNgrams": scored,
                "scoreSeconds": score_time,
                "scoreSecondsPerNgram": score_time / scored,
                "scoreSecondsExtrapolated": score_time / scored * len(test),
                "scoreCpuSeconds": score_cpu,
                "scoreCpuSecondsExtrapolated": score_cpu / scored * len(test),
                "perplexityScored": "Infinity" if zero else 2 ** entropy,
                "zeroProbability": zero,
            }
        )
    )


if __name__ == "__main__":
    main()
