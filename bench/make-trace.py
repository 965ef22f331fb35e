#!/usr/bin/env python3
"""Writes a Mooncake-format trace (JSONL) for the Replay simulation.

Each line: {"timestamp": ms, "input_length": tokens, "output_length": tokens, "hash_ids": [ints]}, hash_ids being
the prompt's blocks of --block-tokens tokens; equal ids mean an equal prompt prefix. Arrivals are Poisson at --rate
requests/s; a --share of the requests start with one of --prefixes common prefixes (a shared system prompt or
document), the rest of every prompt its own. No dependencies: python3 alone.

  python3 bench/make-trace.py --requests 40 --rate 4 --share 0.6 > src/test/resources/data/traces/sample-mooncake.jsonl
"""
import argparse
import json
import math
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=40, help="how many requests (40)")
    parser.add_argument("--rate", type=float, default=4.0, help="mean arrivals per second (4)")
    parser.add_argument("--share", type=float, default=0.6, help="share of requests reusing a common prefix (0.6)")
    parser.add_argument("--prefixes", type=int, default=3, help="how many common prefixes (3)")
    parser.add_argument("--prefix-blocks", type=int, default=3, help="blocks of each common prefix (3)")
    parser.add_argument("--block-tokens", type=int, default=512, help="tokens per hash id (512, as Mooncake)")
    parser.add_argument("--own-tokens", type=int, default=600, help="mean tokens of each prompt's own part (600)")
    parser.add_argument("--output-tokens", type=int, default=40, help="mean output tokens (40)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (7): the same seed writes the same trace")
    args = parser.parse_args()
    if args.requests < 1 or args.rate <= 0 or not 0 <= args.share <= 1 or args.prefixes < 1 \
            or args.prefix_blocks < 1 or args.block_tokens < 1 or args.own_tokens < 1 or args.output_tokens < 1:
        parser.error("--requests, --rate, --prefixes, --prefix-blocks, --block-tokens, --own-tokens and"
                     " --output-tokens must be above 0, --share between 0 and 1")
    rng = random.Random(args.seed)
    prefixes = [list(range(p * args.prefix_blocks, (p + 1) * args.prefix_blocks)) for p in range(args.prefixes)]
    next_id = args.prefixes * args.prefix_blocks
    clock = 0.0
    for _ in range(args.requests):
        shared = prefixes[rng.randrange(args.prefixes)] if rng.random() < args.share else []
        own = max(1, int(rng.expovariate(1 / args.own_tokens)))
        input_length = len(shared) * args.block_tokens + own
        blocks = math.ceil(input_length / args.block_tokens)
        hash_ids = shared + list(range(next_id, next_id + blocks - len(shared)))
        next_id += blocks - len(shared)
        output_length = max(1, int(rng.gauss(args.output_tokens, args.output_tokens / 4)))
        line = {"timestamp": int(clock), "input_length": input_length, "output_length": output_length,
                "hash_ids": hash_ids}
        sys.stdout.write(json.dumps(line) + "\n")
        clock += rng.expovariate(args.rate) * 1000


if __name__ == "__main__":
    main()
