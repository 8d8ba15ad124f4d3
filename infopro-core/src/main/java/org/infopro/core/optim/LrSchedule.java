package org.infopro.core.optim;

/**
 * The learning rate at a training step.
 *
 * <p>Built-in schedules: {@link #cosinePerStep} (the standard Fashion-MNIST protocol), {@link
 * #cosineWithWarmup} (the paper's CIFAR recipe, per epoch) and {@link #step}.
 */
@FunctionalInterface
public interface LrSchedule {

    /**
     * @param step global step, 0-based
     * @param stepsPerEpoch optimizer steps in one epoch
     * @param epochs total epochs
     */
    float at(long step, long stepsPerEpoch, int epochs);

    /** A constant rate. */
    static LrSchedule constant(float lr) {
        return (step, perEpoch, epochs) -> lr;
    }

    /** {@code lr0/2·(1+cos(π·step/totalSteps))}, decayed every step to 0, no warm-up. */
    static LrSchedule cosinePerStep(float lr0) {
        return (step, perEpoch, epochs) ->
                (float) (0.5 * lr0 * (1 + Math.cos(Math.PI * step / (perEpoch * epochs))));
    }

    /**
     * The reference CIFAR schedule, per epoch e = 1..E: cosine {@code lr0/2·(1+cos(πe/E))}, and in
     * the first {@code warmup} epochs a linear ramp from 0.01: {@code cos(e)·(e-1)/warmup +
     * 0.01·(warmup+1-e)/warmup}. The last epoch runs at lr = 0.
     */
    static LrSchedule cosineWithWarmup(float lr0, int warmup) {
        return (step, perEpoch, epochs) -> {
            long e = step / perEpoch + 1;
            double cosine = 0.5 * lr0 * (1 + Math.cos(Math.PI * e / epochs));
            if (e > warmup) {
                return (float) cosine;
            }
            return (float) (cosine * (e - 1) / warmup + 0.01 * (warmup + 1 - e) / warmup);
        };
    }

    /** {@code lr0 · gamma^(number of milestones passed)}, milestones in epochs. */
    static LrSchedule step(float lr0, float gamma, int... milestones) {
        return (step, perEpoch, epochs) -> {
            long epoch = step / perEpoch;
            int passed = 0;
            for (int milestone : milestones) {
                if (epoch >= milestone) {
                    passed++;
                }
            }
            return (float) (lr0 * Math.pow(gamma, passed));
        };
    }

    /**
     * Polynomial decay by step, as mmsegmentation's {@code poly} policy: {@code (lr0 - min)·(1 -
     * step/total)^power + min}.
     */
    static LrSchedule poly(float lr0, float power, float min) {
        return (step, perEpoch, epochs) -> {
            double progress = Math.min(1.0, (double) step / (perEpoch * epochs));
            return (float) ((lr0 - min) * Math.pow(1 - progress, power) + min);
        };
    }

    /**
     * mmdetection's linear warm-up: over the first {@code steps} steps the rate rises linearly from
     * 0.001 of {@code schedule}'s to all of it.
     */
    static LrSchedule withWarmup(LrSchedule schedule, int steps) {
        if (steps <= 0) {
            return schedule;
        }
        return (step, perEpoch, epochs) -> {
            float lr = schedule.at(step, perEpoch, epochs);
            if (step >= steps) {
                return lr;
            }
            double ratio = 0.001;
            return (float) (lr * (ratio + (1 - ratio) * step / steps));
        };
    }

    /**
     * Parses {@code cosine}, {@code cosine-warmup}, {@code step} (×0.1 at half and three quarters
     * of the epochs), {@code step:E1,E2,…} (×0.1 after the given epochs, e.g. mmdetection's 1×
     * schedule {@code step:8,11}), {@code poly} or {@code constant}.
     */
    static LrSchedule named(String name, float lr0, int epochs) {
        if (name.startsWith("step:")) {
            int[] milestones;
            try {
                milestones =
                        java.util.Arrays.stream(name.substring(5).split(","))
                                .mapToInt(e -> Integer.parseInt(e.trim()))
                                .toArray();
            } catch (NumberFormatException e) {
                milestones = new int[] {-1};
            }
            if (java.util.Arrays.stream(milestones).anyMatch(m -> m < 1)) {
                throw new IllegalArgumentException(
                        "--schedule step:E1,E2,... takes epoch numbers ≥ 1, got '" + name + "'");
            }
            return step(lr0, 0.1f, milestones);
        }
        switch (name) {
            case "cosine":
                return cosinePerStep(lr0);
            case "cosine-warmup":
                return cosineWithWarmup(lr0, Math.min(10, Math.max(1, epochs / 16)));
            case "step":
                return step(lr0, 0.1f, epochs / 2, epochs * 3 / 4);
            case "poly":
                return poly(lr0, 0.9f, 1e-4f);
            case "constant":
                return constant(lr0);
            default:
                throw new IllegalArgumentException(
                        "--schedule: unknown LR schedule '"
                                + name
                                + "'; known: cosine, cosine-warmup, step, step:E1,E2,..., poly,"
                                + " constant");
        }
    }
}
