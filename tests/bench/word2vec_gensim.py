#!/usr/bin/env python3
"""gensim 4.2 reference for tests/bench/word2vec.mjs (not a pass/fail test).

Trains gensim's Word2Vec with one worker (sg=1, vector_size=100, window=5, negative=5,
sample=1e-3, min_count=5 unless told otherwise) on the SAME token lists the tfjs benchmark uses
(one sentence per line, tokens separated by spaces, as written by word2vec.mjs from
lmSentences), --runs times, one epoch each, and scores each model on the SAME evaluation set
(analogies: 3CosAdd top-1 as KeyedVectors.most_similar(positive=[b, c], negative=[a]) excluding
a, b, c, counted only when all four words are in the vocabulary; similarity: Spearman's rho of the
cosines against the judgements, pairs with an unknown word skipped), as
src/nlp/embeddings/evaluate.ts does. Prints one JSON object.

Usage: /usr/bin/python3 tests/bench/word2vec_gensim.py TOKENS.txt EVALSET.json [--runs 3]
       [--sg 1] [--epochs 1] [--seed 1]
"""
import argparse
import json
import os
import statistics
import sys
import time

import gensim
from gensim.models import Word2Vec
from scipy.stats import spearmanr


def evaluate(wv, evalset):
    correct = answered = 0
    for q in evalset["analogies"]:
        words = [q["a"], q["b"], q["c"], q["expected"]]
        if not all(w in wv.key_to_index for w in words):
            continue
        answered += 1
        top = wv.most_similar(positive=[q["b"], q["c"]], negative=[q["a"]], topn=1)[0][0]
        correct += top == q["expected"]
    gold, cos = [], []
    for p in evalset["similarity"]:
        if p["w1"] in wv.key_to_index and p["w2"] in wv.key_to_index:
            gold.append(p["score"])
            cos.append(float(wv.similarity(p["w1"], p["w2"])))
    rho = spearmanr(gold, cos).correlation if len(gold) >= 2 else float("nan")
    return {
        "analogy_accuracy": correct / answered if answered else float("nan"),
        "analogy_answered": answered,
        "analogy_total": len(evalset["analogies"]),
        "similarity_spearman": rho,
        "similarity_used": len(gold),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tokens")
    ap.add_argument("evalset")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sg", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    with open(a.tokens, encoding="utf8") as f:
        sentences = [line.split() for line in f if line.strip()]
    with open(a.evalset, encoding="utf8") as f:
        evalset = json.load(f)
    runs = []
    for r in range(a.runs):
        model = Word2Vec(
            vector_size=100, window=5, negative=5, sample=1e-3, min_count=5,
            sg=a.sg, workers=1, seed=a.seed + r,
        )
        model.build_vocab(sentences)
        t0 = time.perf_counter()
        c0 = time.process_time()
        effective, raw = model.train(
            sentences, total_examples=model.corpus_count, epochs=a.epochs
        )
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        runs.append({
            "seconds": wall,
            "cpuSeconds": cpu,
            "effectiveWords": effective,
            "rawWords": raw,
            "wordsPerSecond": effective / wall,
            "vocab": len(model.wv),
            **evaluate(model.wv, evalset),
        })
        print(f"[gensim] run {r}: {effective / wall:,.0f} effective words/s, "
              f"analogy {runs[-1]['analogy_accuracy']:.3f}, "
              f"spearman {runs[-1]['similarity_spearman']:.3f}", file=sys.stderr)
    med = lambda k: statistics.median(x[k] for x in runs)
    print(json.dumps({
        "gensim": gensim.__version__,
        "fastVersion": getattr(gensim.models.word2vec, "FAST_VERSION", None),
        "loadavg": os.getloadavg(),
        "runs": runs,
        "median": {k: med(k) for k in
                   ["wordsPerSecond", "seconds", "analogy_accuracy", "similarity_spearman"]},
    }))


if __name__ == "__main__":
    main()
