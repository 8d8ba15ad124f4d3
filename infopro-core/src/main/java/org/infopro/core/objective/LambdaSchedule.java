package org.infopro.core.objective;

/**
 * The λ1 (reconstruction) and λ2 (task) weights of every local module, given for the first and the
 * (K-1)-th module and interpolated linearly in between, as the reference code does: for local
 * module {@code i = 0..K-2}, {@code ratio = i / (K-2)} (0 when K = 2).
 *
 * @param reconFirst λ1 of module 1
 * @param taskFirst λ2 of module 1
 * @param reconLast λ1 of module K-1
 * @param taskLast λ2 of module K-1
 */
public record LambdaSchedule(float reconFirst, float taskFirst, float reconLast, float taskLast) {

    /** The weights of one local module. */
    public record Lambdas(float recon, float task) {}

    /** The same weights for every local module. */
    public static LambdaSchedule constant(float recon, float task) {
        return new LambdaSchedule(recon, task, recon, task);
    }

    /** Parses {@code "λ1first,λ2first,λ1last,λ2last"} or {@code "λ1,λ2"}. */
    public static LambdaSchedule parse(String text) {
        String[] parts = text.split(",");
        try {
            float[] v = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Float.parseFloat(parts[i].trim());
            }
            for (float value : v) {
                if (!Float.isFinite(value) || value < 0) {
                    throw new IllegalArgumentException(
                            "--lambdas: every λ must be a finite number ≥ 0, got '" + text + "'");
                }
            }
            if (v.length == 2) {
                return constant(v[0], v[1]);
            }
            if (v.length == 4) {
                return new LambdaSchedule(v[0], v[1], v[2], v[3]);
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException(
                "--lambdas: λ schedule must be 'recon,task' or 'reconFirst,taskFirst,reconLast,taskLast', got '"
                        + text
                        + "'");
    }

    /** The weights of local module {@code index} (0-based) when the network has K modules. */
    public Lambdas at(int index, int k) {
        if (index < 0 || index > k - 2) {
            throw new IllegalArgumentException(
                    "Local module index must be in 0.."
                            + (k - 2)
                            + " for K="
                            + k
                            + ", got "
                            + index);
        }
        float ratio = k > 2 ? (float) index / (k - 2) : 0f;
        return new Lambdas(
                reconFirst * (1 - ratio) + reconLast * ratio,
                taskFirst * (1 - ratio) + taskLast * ratio);
    }

    /** True when every local module of a K-module network gets a non-zero total weight. */
    public boolean trainsEveryModule(int k) {
        for (int i = 0; i <= k - 2; i++) {
            Lambdas l = at(i, k);
            if (l.recon() + l.task() <= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * This schedule with a zero-weight end replaced by the other end. With non-negative weights a
     * local module can only get zero weight at an end: a K=2 schedule, whose last pair is never
     * read at K=2 and is conventionally (0, 0), becomes constant when used for K ≥ 3.
     */
    public LambdaSchedule coveringEveryModule() {
        boolean firstZero = reconFirst + taskFirst <= 0;
        boolean lastZero = reconLast + taskLast <= 0;
        if (lastZero && !firstZero) {
            return constant(reconFirst, taskFirst);
        }
        if (firstZero && !lastZero) {
            return constant(reconLast, taskLast);
        }
        return this;
    }

    /** The (λ1, λ2) of each local module, e.g. {@code m1 (5, 0), m2 (3.5, 1), m3 (1, 2)}. */
    public String describe(int k) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= k - 2; i++) {
            Lambdas l = at(i, k);
            text.append(i == 0 ? "" : ", ")
                    .append("m")
                    .append(i + 1)
                    .append(" (")
                    .append(number(l.recon()))
                    .append(", ")
                    .append(number(l.task()))
                    .append(")");
        }
        return text.toString();
    }

    private static String number(float value) {
        return new java.math.BigDecimal(Float.toString(value))
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public String toString() {
        return reconFirst + "," + taskFirst + "," + reconLast + "," + taskLast;
    }
}
