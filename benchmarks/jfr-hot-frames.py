#!/usr/bin/env python3
"""Shares of a JFR recording's samples on some threads, by the nearest io.tidemark frame and by top frame.

  jfr print --events jdk.ExecutionSample --stack-depth 40 rec.jfr > samples.txt
  python3 benchmarks/jfr-hot-frames.py samples.txt [thread-prefix]        # default: the gateway's event loops
  jfr print --events jdk.ObjectAllocationSample --stack-depth 40 rec.jfr > alloc.txt
  python3 benchmarks/jfr-hot-frames.py alloc.txt [thread-prefix]          # weighted by the sampled bytes
"""
import collections
import re
import sys

text = open(sys.argv[1]).read()
prefix = sys.argv[2] if len(sys.argv) > 2 else "multiThreadIoEventLoopGroup"
nearest, top, types = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for event in re.split(r"^jdk\.\w+ \{", text, flags=re.M)[1:]:
    thread = re.search(r'(?:sampledThread|eventThread) = "([^"]+)"', event)
    if not thread or not thread.group(1).startswith(prefix):
        continue
    weight = re.search(r"weight = ([\d.]+) (bytes|kB|MB)", event)
    w = 1.0
    if weight:
        w = float(weight.group(1)) * {"bytes": 1, "kB": 1e3, "MB": 1e6}[weight.group(2)]
        kind = re.search(r"objectClass = ([\w.$\[\]]+)", event)
        types[kind.group(1) if kind else "?"] += w
    frames = re.findall(r"^\s+([\w$.<>]+)\(", event, flags=re.M)
    total += w
    top[frames[0] if frames else "?"] += w
    nearest[next((f for f in frames if "tidemark" in f), "(no io.tidemark frame: Netty or the JDK alone)")] += w
print(f"{total:,.0f} {'bytes sampled' if types else 'samples'} on threads {prefix}*")
for title, counter in (("nearest io.tidemark frame", nearest), ("top frame", top), ("allocated type", types)):
    if counter:
        print(f"-- by {title}")
        for name, count in counter.most_common(25):
            print(f"{100 * count / total:5.1f}%  {name}")
