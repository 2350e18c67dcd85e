#!/usr/bin/env python3
"""Theory vs enumeration from Python (docs/python.md): the mean number of fixed points of random
asymmetric networks against the annealed count E[#FP] = 2^N Φ(J_D √(N/(N−1)))^N (spec
fixed-points-theory eq. 2), and the mean number of ordered fixed-point pairs at Hamming distance d
against E[P_N(d)] (eq. 4). Writes theory_vs_enumeration.png into --out and prints each point's
deviation in standard errors. Usage:

    PYTHONPATH=build/python /usr/bin/python3 tools/examples/theory_vs_enumeration.py --out /tmp/fig
"""
import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import steer  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="directory for theory_vs_enumeration.png")
    parser.add_argument("--networks", type=int, default=100, help="sampled networks per point")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    sizes, couplings = (12, 14, 16), np.linspace(-0.25, 1.0, 6)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    print("N   J_D     mean #FP ± SEM        theory     (mean − theory)/SEM")
    deviations = []
    for n in sizes:
        means, sems = [], []
        for jd in couplings:
            e = steer.enumerate_ensemble(n, float(jd), networks=args.networks, seed=args.seed, pair_histograms=False)
            means.append(e["mean_fixed_points"])
            sems.append(e["sem_fixed_points"])
            theory = steer.expected_fixed_points(n, jd)
            # No spread (every network had the same count, e.g. none) leaves the deviation undefined.
            if sems[-1] > 0:
                deviations.append((means[-1] - theory) / sems[-1])
            deviation = f"{deviations[-1]:+6.2f}" if sems[-1] > 0 else "   n/a"
            print(f"{n:<3} {jd:+.2f}  {means[-1]:10.3f} ± {sems[-1]:7.3f}  {theory:10.3f}  {deviation}")
        line = left.plot(np.linspace(-0.35, 1.1, 100), steer.expected_fixed_points(n, np.linspace(-0.35, 1.1, 100)))[0]
        left.errorbar(couplings, means, yerr=sems, fmt="o", color=line.get_color(), label=f"N = {n}")
    left.set(yscale="log", ylim=(1e-2, None), xlabel="self-coupling $J_D$", ylabel="mean number of fixed points",
             title="enumeration (points) vs $2^N\\Phi(J_D\\sqrt{N/(N-1)})^N$ (lines)")
    left.legend()

    n, jd = 14, 0.5
    e = steer.enumerate_ensemble(n, jd, networks=args.networks, seed=args.seed)
    d = np.arange(n + 1)
    theory_pairs = steer.expected_pairs(n, jd)
    right.errorbar(d, e["pair_distance_mean"], yerr=e["pair_distance_sem"], fmt="o", label="enumeration")
    right.plot(d, theory_pairs, "-", label="theory $E[P_N(d)]$ (eq. 4)")
    right.set(yscale="log", xlabel="Hamming distance d", ylabel="ordered pairs of fixed points",
              title=f"pairs at distance d, N = {n}, $J_D$ = {jd}")
    right.legend()
    spread = e["pair_distance_sem"] > 0
    pair_deviations = (e["pair_distance_mean"] - theory_pairs)[spread] / e["pair_distance_sem"][spread]
    print(f"pairs at N = {n}, J_D = {jd}: (mean − theory)/SEM from {pair_deviations.min():+.2f} to {pair_deviations.max():+.2f}")
    worst = max(np.abs(deviations).max(), np.abs(pair_deviations).max())
    print(f"verdict: {'confirmed' if worst < 4 else 'not confirmed'} (largest deviation {worst:.2f} SEM; 4 SEM allowed)")

    fig.tight_layout()
    png = os.path.join(args.out, "theory_vs_enumeration.png")
    fig.savefig(png, dpi=120)
    print(f"wrote {png}")


if __name__ == "__main__":
    main()
