#!/usr/bin/env python3
"""Writes the GPU check's inputs: a CIFAR-10-format set of random images (the real binary layout,
read by the real reader) and one run configuration per measured case.

    python3 cases.py DATA_DIR CASES_DIR
"""
import json
import os
import random
import sys

TRAIN, TEST = 4096, 256


def write_cifar(folder):
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(0)

    def batch(path, count):
        with open(path, "wb") as f:
            for i in range(count):
                f.write(bytes([i % 10]))
                f.write(rng.randbytes(3072))

    for b in range(1, 6):
        batch(os.path.join(folder, "data_batch_%d.bin" % b), TRAIN // 5 + 1)
    batch(os.path.join(folder, "test_batch.bin"), TEST)


def case(data, method, k, queue=0):
    return {
        "task": "classification", "backbone": "resnet110", "dataset": "cifar10",
        "dataRoot": data, "method": method, "k": k, "split": "infopro*",
        "epochs": 1, "batch": 1024, "evalBatch": 256, "trainLimit": TRAIN, "testLimit": TEST,
        "maxSteps": 4, "asyncQueue": queue, "device": "gpu", "seed": 0,
    }


def main():
    data, cases = sys.argv[1], sys.argv[2]
    write_cifar(data)
    os.makedirs(cases, exist_ok=True)
    plan = {"e2e": case(data, "e2e", 1)}
    for k in (2, 3, 4):
        plan["infopro-k%d" % k] = case(data, "infopro-contrast", k)
    plan["async-k4"] = case(data, "infopro-contrast", 4, queue=2)
    for name, config in plan.items():
        with open(os.path.join(cases, name + ".json"), "w") as f:
            json.dump(config, f)
    print(" ".join(plan))


if __name__ == "__main__":
    main()
