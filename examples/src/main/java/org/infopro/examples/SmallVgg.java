package org.infopro.examples;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Set;
import org.infopro.core.model.Backbone;
import org.infopro.core.nn.FeatureShape;
import org.infopro.core.spi.BackboneProvider;

/**
 * A small VGG-style CNN written with plain DJL blocks, and the plug-in that names it for the
 * command line ({@code META-INF/services/org.infopro.core.spi.BackboneProvider}).
 */
public final class SmallVgg implements BackboneProvider {

    // tag::backbone[]
    /** Four conv-BN-ReLU blocks, pooled twice; every block is a possible cut point. */
    public static Backbone create(FeatureShape input) {
        return Backbone.builder("small-vgg", input)
                .add("conv1", convBnRelu(32))
                .add("conv2", convBnRelu(32).add(Pool.maxPool2dBlock(new Shape(2, 2))))
                .add(
                        "conv3",
                        convBnRelu(64),
                        new FeatureShape(64, input.height() / 2, input.width() / 2))
                .add("conv4", convBnRelu(64).add(Pool.maxPool2dBlock(new Shape(2, 2))))
                .build();
    }

    private static SequentialBlock convBnRelu(int channels) {
        return new SequentialBlock()
                .add(
                        Conv2d.builder()
                                .setFilters(channels)
                                .setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(1, 1))
                                .optBias(false)
                                .build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    // end::backbone[]

    @Override
    public Set<String> names() {
        return Set.of("small-vgg");
    }

    @Override
    public Backbone create(String name, FeatureShape input) {
        return create(input);
    }
}
