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
                "λ schedule must be 'recon,task' or 'reconFirst,taskFirst,reconLast,taskLast', got '"
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

    @Override
    public String toString() {
        return reconFirst + "," + taskFirst + "," + reconLast + "," + taskLast;
    }
}
