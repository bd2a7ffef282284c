#!/usr/bin/env python3
"""Interleaved A/B timing of whole commands, as docs/PERFORMANCE.md quotes it.

    scripts/ab.py ROUNDS "LABEL|ENV|COMMAND" ...

Runs every command once per round, in the order given, for ROUNDS rounds
(so a slow phase of the machine hits every command alike), and prints
for each the median wall time, the median CPU time (user + system of the
child, from wait4), their ratio and the largest peak RSS. ENV is a
space-separated list of NAME=VALUE set for that command only (may be
empty); COMMAND is split like a shell would split it, without globbing.
Output goes to /dev/null; a command's exit status is ignored, so a
linter's exit 1 for findings is a run like any other.

    scripts/ab.py 5 "j2||dilint -j 2 /tmp/corpus" "j4||dilint -j 4 /tmp/corpus"
"""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    specs = []
    for spec in sys.argv[2:]:
        label, env, cmd = spec.split("|", 2)
        e = dict(os.environ)
        for kv in env.split():
            k, v = kv.split("=", 1)
            e[k] = v
        specs.append((label, e, shlex.split(cmd)))
    runs = {label: [] for label, _, _ in specs}
    for _ in range(rounds):
        for label, env, cmd in specs:
            t = time.perf_counter()
            p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _, ru = os.wait4(p.pid, 0)
            runs[label].append((time.perf_counter() - t, ru.ru_utime + ru.ru_stime, ru.ru_maxrss))
    for label, v in runs.items():
        wall = statistics.median(x[0] for x in v)
        cpu = statistics.median(x[1] for x in v)
        rss = max(x[2] for x in v)
        print(f"{label:28s} wall {wall*1000:9.1f} ms  cpu {cpu*1000:9.1f} ms  cpu/wall {cpu/wall:4.2f}  peak {rss/1024:6.1f} MB")


if __name__ == "__main__":
    main()
