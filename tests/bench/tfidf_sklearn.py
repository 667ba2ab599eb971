"""scikit-learn side of tests/bench/tfidf.mjs (not a test): reads {"texts": [...], "queries": [...]}
from argv[1], times TfidfVectorizer().fit_transform over all texts (median of 3) and a search
(transform the queries, cosine_similarity against all texts, top 10 per query; median of 3),
and writes times, the vocabulary, idf and the top-10 rows of every query to argv[2].

Run by tfidf.mjs with /usr/bin/python3 (Debian's python3-sklearn), or $PYTHON.
"""
import json
import platform
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

K = 10


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        inp = json.load(f)
    texts, queries = inp["texts"], inp["queries"]

    fit_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        tv = TfidfVectorizer()
        X = tv.fit_transform(texts)
        fit_times.append(time.perf_counter() - t0)

    search_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        Q = tv.transform(queries)
        S = cosine_similarity(Q, X)
        part = np.argpartition(-S, K, axis=1)[:, :K]
        rows = np.take_along_axis(S, part, axis=1)
        order = np.argsort(-rows, axis=1, kind="stable")
        top = np.take_along_axis(part, order, axis=1)
        search_times.append(time.perf_counter() - t0)

    scores = np.take_along_axis(S, top, axis=1)
    out = {
        "versions": {"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__},
        "fitTransformMs": [t * 1000 for t in fit_times],
        "searchMs": [t * 1000 for t in search_times],
        "fitTransformMedianMs": statistics.median(fit_times) * 1000,
        "searchMedianMs": statistics.median(search_times) * 1000,
        "shape": list(X.shape),
        "nnz": int(X.nnz),
        "features": tv.get_feature_names_out().tolist(),
        "idf": tv.idf_.tolist(),
        "top": top.tolist(),
        "topScores": scores.tolist(),
    }
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
