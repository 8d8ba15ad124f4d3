package org.infopro.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A separate optimizer for every local module: module m's blocks and its auxiliary nets ({@code
 * moduleM}, {@code localM} in {@link org.infopro.core.network.LocalNetwork}) step with optimizer m,
 * the task head with the last module's. Asynchronous modules then share no optimizer state at all,
 * and each module may have its own kind or settings (a module on its own device, Adam for a
 * Transformer's last module, …).
 *
 * <p>State keys are the module's optimizer's keys prefixed with {@code m<M>/}.
 */
public final class PerModuleOptimizer implements Optimizer {

    private static final Pattern CHILD = Pattern.compile("\\d{2}(module|local)(\\d+)_.*");
    private static final Pattern STATE_KEY = Pattern.compile("m(\\d+)/(.+)");

    private final int k;
    private final List<Optimizer> optimizers = new ArrayList<>();
    // Parameter names never change: each is parsed once, not at every step.
    private final Map<String, Integer> modules = new ConcurrentHashMap<>();

    /**
     * @param k the network's module count
     * @param factory optimizer for module m (1-based)
     */
    public PerModuleOptimizer(int k, IntFunction<Optimizer> factory) {
        this.k = k;
        for (int m = 1; m <= k; m++) {
            optimizers.add(factory.apply(m));
        }
    }

    /** The optimizer of module {@code m} (1-based). */
    public Optimizer module(int m) {
        return optimizers.get(m - 1);
    }

    @Override
    public void step(PairList<String, Parameter> parameters, float learningRate) {
        List<PairList<String, Parameter>> byModule = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            byModule.add(new PairList<>());
        }
        for (Pair<String, Parameter> entry : parameters) {
            byModule.get(modules.computeIfAbsent(entry.getKey(), this::moduleOf) - 1).add(entry);
        }
        for (int m = 0; m < k; m++) {
            if (!byModule.get(m).isEmpty()) {
                optimizers.get(m).step(byModule.get(m), learningRate);
            }
        }
    }

    /** The 1-based module a parameter of the network belongs to; the task head's is the last. */
    int moduleOf(String parameterName) {
        Matcher matcher = CHILD.matcher(parameterName);
        if (!matcher.matches()) {
            return k;
        }
        int m = Integer.parseInt(matcher.group(2));
        if (m < 1 || m > k) {
            throw new IllegalArgumentException(
                    "Parameter " + parameterName + " belongs to module " + m + " of " + k);
        }
        return m;
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        for (int m = 0; m < k; m++) {
            String prefix = "m" + (m + 1) + "/";
            optimizers.get(m).state().forEach((key, value) -> all.put(prefix + key, value));
        }
        return all;
    }

    @Override
    public void restoreState(Map<String, NDArray> saved, NDManager owner) {
        List<Map<String, NDArray>> byModule = new ArrayList<>();
        for (int m = 0; m < k; m++) {
            byModule.add(new LinkedHashMap<>());
        }
        saved.forEach(
                (key, value) -> {
                    Matcher matcher = STATE_KEY.matcher(key);
                    int m = matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
                    if (m < 1 || m > k) {
                        throw new IllegalArgumentException(
                                "The saved optimizer state is not a per-module one of "
                                        + k
                                        + " modules (it has "
                                        + key
                                        + ")");
                    }
                    byModule.get(m - 1).put(matcher.group(2), value);
                });
        for (int m = 0; m < k; m++) {
            optimizers.get(m).restoreState(byModule.get(m), owner);
        }
    }
}
