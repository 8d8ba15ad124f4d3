package org.infopro.classification.aux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.objective.AuxConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference's auxiliary nets, checked by their parameter counts (which fix every layer). */
class CifarAuxNetsTest {

    private static final FeatureShape IMAGE = new FeatureShape(3, 32, 32);

    @ParameterizedTest
    @CsvSource({
        // C, H, config, outputs, expected trainable parameters
        "16, 32, 0c1f, 10, 170", // 16*10 + 10
        "16, 32, 1c2f, 10, 4608+64+4096+128+1280+10", // conv 16->32 s2, BN, fc 32->128, fc 128->10
        "32, 16, 1c2f, 128, 18432+128+8192+128+16384+128", // conv 32->64 s2, BN, fc 64->128, fc
        // 128->128
        "64, 8, 1c2f, 10, 36864+128+8192+128+1280+10", // conv 64->64 s1
        "64, 8, 2c2f, 10, 36864+128+36864+128+8192+128+1280+10",
        "16, 32, 1c3f, 10, 4608+64+4096+128+16384+128+1280+10",
    })
    void classifierLayersFollowTheReference(
            int c, int h, String config, int outputs, String expected) {
        Block head =
                new CifarAuxNets()
                        .classifier(
                                new FeatureShape(c, h, h), IMAGE, AuxConfig.parse(config), outputs);
        assertEquals(
                sum(expected),
                parametersAfterForward(head, new Shape(2, c, h, h), new Shape(2, outputs)));
    }

    @ParameterizedTest
    @CsvSource({"16, 32", "32, 16", "64, 8"})
    void decoderUpsamplesFirstThenTwoConvs(int c, int h) {
        Block decoder = new CifarAuxNets().decoder(new FeatureShape(c, h, h), IMAGE);
        // conv C->12 (bias) + BN(12) + conv 12->3 (bias)
        assertEquals(
                c * 12 * 9 + 12 + 24 + 12 * 3 * 9 + 3,
                parametersAfterForward(decoder, new Shape(2, c, h, h), new Shape(2, 3, 32, 32)));
    }

    /** Initialises, checks the output shape of a forward pass, and counts trainable parameters. */
    private static long parametersAfterForward(Block block, Shape input, Shape expectedOutput) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, input);
            NDList out =
                    block.forward(new ParameterStore(m, false), new NDList(m.ones(input)), true);
            assertEquals(expectedOutput, out.head().getShape());
            long n = 0;
            for (Parameter p : block.getParameters().values()) {
                n += p.requiresGradient() ? p.getArray().size() : 0;
            }
            return n;
        }
    }

    private static long sum(String terms) {
        long total = 0;
        for (String t : terms.split("\\+")) {
            total += Long.parseLong(t.trim());
        }
        return total;
    }
}
