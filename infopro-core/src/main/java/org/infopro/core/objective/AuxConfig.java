package org.infopro.core.objective;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An auxiliary classifier's depth in the reference notation: {@code 1c2f} is one conv layer then
 * two fully-connected layers. {@code 0c1f} (pool + one linear layer) is greedy supervised learning.
 *
 * @param convs number of 3×3 conv-BN-ReLU layers before global pooling
 * @param fcs number of linear layers after pooling (the last one produces the outputs)
 */
public record AuxConfig(int convs, int fcs) {

    private static final Pattern FORMAT = Pattern.compile("(\\d)c(\\d)f");

    /** The greedy-SL head. */
    public static final AuxConfig GREEDY = new AuxConfig(0, 1);

    /** The default head of DGL and InfoPro. */
    public static final AuxConfig DEFAULT = new AuxConfig(1, 2);

    /** Checks the depths: 0-2 convolutions and 1-3 fully connected layers. */
    public AuxConfig {
        if (convs < 0 || convs > 2 || fcs < 1 || fcs > 3) {
            throw new IllegalArgumentException(
                    "Aux config needs 0-2 convs and 1-3 fcs, got " + convs + "c" + fcs + "f");
        }
    }

    /** Parses {@code 0c1f}, {@code 1c2f}, … */
    public static AuxConfig parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Aux config must look like 0c1f, 1c2f, 2c2f …, got '" + text + "'");
        }
        return new AuxConfig(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return convs + "c" + fcs + "f";
    }
}
