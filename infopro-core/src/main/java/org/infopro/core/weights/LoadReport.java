package org.infopro.core.weights;

import java.util.List;

/**
 * What loading a state dict did, as PyTorch's {@code load_state_dict(strict=False)} reports it.
 *
 * @param matched source names whose tensors were loaded
 * @param missing our parameters that no tensor filled (they keep their values)
 * @param unexpected source names that fill none of our parameters
 * @param mismatched pairs whose shapes differ, {@code name: file SHAPE, here SHAPE} (not loaded)
 * @param ignored source buffers with no counterpart here by design ({@code num_batches_tracked})
 */
public record LoadReport(
        List<String> matched,
        List<String> missing,
        List<String> unexpected,
        List<String> mismatched,
        List<String> ignored) {

    /** Whether every parameter was filled and every tensor used. */
    public boolean isComplete() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** One line: the four counts, then the first names of each non-empty list. */
    @Override
    public String toString() {
        StringBuilder s =
                new StringBuilder(
                        String.format(
                                "%d matched, %d missing, %d unexpected, %d shape-mismatched",
                                matched.size(),
                                missing.size(),
                                unexpected.size(),
                                mismatched.size()));
        append(s, "missing", missing);
        append(s, "unexpected", unexpected);
        append(s, "mismatched", mismatched);
        return s.toString();
    }

    private static void append(StringBuilder s, String label, List<String> names) {
        if (!names.isEmpty()) {
            s.append("; ")
                    .append(label)
                    .append(": ")
                    .append(String.join(", ", names.subList(0, Math.min(5, names.size()))));
            if (names.size() > 5) {
                s.append(", … (").append(names.size() - 5).append(" more)");
            }
        }
    }
}
