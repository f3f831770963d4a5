"""How long loading the actor data takes: paid once by every CLI call that resolves actors.

    python scripts/bench_actor_load.py [--repeat 9]

Prints figures, asserts nothing: the import of the loader module (a fresh interpreter, so
that nothing is cached), then the load itself (`load_actors()` with its cache cleared), as
the median and minimum of several runs (wall clock, and CPU time, which other processes on
the machine disturb less), and what was loaded.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter


def import_seconds() -> float:
    code = "import time; t = time.perf_counter(); import kg.knowledge.actors; print(time.perf_counter() - t)"
    return float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    from kg.knowledge import actors

    imports = [import_seconds() for _ in range(3)]
    loads, cpu = [], []
    for _ in range(args.repeat):
        actors._load.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        base = actors.load_actors()
        loads.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)

    kinds = Counter(a.kind for a in base.actors.values())
    print(f"import kg.knowledge.actors: median {statistics.median(imports) * 1000:.0f} ms (3 fresh interpreters)")
    print(
        f"load_actors(): median {statistics.median(loads) * 1000:.1f} ms wall, {statistics.median(cpu) * 1000:.1f} ms CPU; "
        f"min {min(loads) * 1000:.1f} ms wall ({args.repeat} runs)"
    )
    print("actors: " + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    print(
        f"aliases: {len(base.aliases)} ({sum(a.ambiguous for a in base.aliases)} ambiguous), "
        f"roles: {len(base.roles)}, office terms: {len(base.terms)}, non-actor phrases: {len(base.non_actors)}"
    )


if __name__ == "__main__":
    main()
