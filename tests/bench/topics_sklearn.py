"""scikit-learn side of tests/bench/topics.mjs (not a test): reads {"texts", "k", "nIter",
"topics", "passes", "batchSize"} from argv[1]; builds CountVectorizer / TfidfVectorizer
(English stop words, min_df 5, max_df 0.5, max_features 10,000); times TruncatedSVD(k,
n_iter, random_state 0) on the TF-IDF matrix and LatentDirichletAllocation(topics, online,
batch_size, max_iter = passes, random_state 0, n_jobs 1; skipped when "skipLda") on the counts (fit includes the final
training perplexity, bound_, as ours does); writes times, the vocabulary, singular values,
explained-variance ratio and perplexity to argv[2].

Run by topics.mjs with /usr/bin/python3 (Debian's python3-sklearn), or $PYTHON, with
OPENBLAS_NUM_THREADS=1 (one core, as the book's wasm backend).
"""
import json
import platform
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.decomposition import LatentDirichletAllocation, TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

OPTS = dict(stop_words="english", min_df=5, max_df=0.5, max_features=10000)


def fit_lda(inp, X):
    """Fits scikit-learn's online LDA; returns (milliseconds, final training perplexity)."""
    t0 = time.perf_counter()
    lda = LatentDirichletAllocation(
        inp["topics"], learning_method="online", batch_size=inp["batchSize"],
        max_iter=inp["passes"], random_state=0, n_jobs=1,
    )
    lda.fit(X)
    return (time.perf_counter() - t0) * 1000, float(lda.bound_)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        inp = json.load(f)
    texts = inp["texts"]
    cv = CountVectorizer(**OPTS)
    X = cv.fit_transform(texts)
    T = TfidfVectorizer(**OPTS).fit_transform(texts)

    svd_times = []
    for _ in range(inp["svdRuns"]):
        t0 = time.perf_counter()
        svd = TruncatedSVD(inp["k"], n_iter=inp["nIter"], random_state=0)
        svd.fit(T)
        svd_times.append(time.perf_counter() - t0)

    lda_ms, perplexity = None, None
    if not inp.get("skipLda"):
        lda_ms, perplexity = fit_lda(inp, X)

    out = {
        "versions": {"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__},
        "features": cv.get_feature_names_out().tolist(),
        "countsShape": list(X.shape),
        "countsNnz": int(X.nnz),
        "svdMs": [t * 1000 for t in svd_times],
        "svdMedianMs": statistics.median(svd_times) * 1000,
        "singularValues": svd.singular_values_.tolist(),
        "explainedVarianceRatio": svd.explained_variance_ratio_.tolist(),
        "ldaMs": lda_ms,
        "ldaPerplexity": perplexity,
    }
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
