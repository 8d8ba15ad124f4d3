package org.infopro.detection.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.infopro.core.weights.TensorLayout;

/**
 * A 2×2 transposed convolution of stride 2 (the Mask R-CNN head's upsampling), which DJL lacks.
 * With kernel = stride the output windows do not overlap, so it is exactly a 1×1 convolution to
 * 4·out channels (one per kernel position) rearranged depth-to-space, plus one bias per output
 * channel: the same parameters as {@code ConvTranspose2d(in, out, 2, stride=2)}.
 */
public final class Deconv2x2 extends AbstractBlock {

    /**
     * PyTorch's layout of the weight, {@code ConvTranspose2d}'s (in, out, 2, 2), against ours,
     * (out·2·2, in, 1, 1) with channel {@code o·4 + 2·kh + kw} for output {@code o} at kernel
     * position (kh, kw).
     */
    public static final TensorLayout TORCH_WEIGHT =
            new TensorLayout() {
                @Override
                public NDArray toOurs(NDArray source) {
                    Shape s = source.getShape();
                    if (s.dimension() != 4 || s.get(2) != 2 || s.get(3) != 2) {
                        return source.duplicate(); // reported as a shape mismatch
                    }
                    try (NDArray t = source.transpose(1, 2, 3, 0)) {
                        return t.reshape(s.get(1) * 4, s.get(0), 1, 1);
                    }
                }

                @Override
                public NDArray toSource(NDArray ours) {
                    Shape s = ours.getShape();
                    try (NDArray t = ours.reshape(s.get(0) / 4, 2, 2, s.get(1))) {
                        return t.transpose(3, 0, 1, 2).duplicate();
                    }
                }
            };

    private final int outChannels;
    private final Parameter weight;
    private final Parameter bias;

    /** A 2×2 transposed convolution of stride 2 with {@code outChannels} outputs. */
    public Deconv2x2(int outChannels) {
        this.outChannels = outChannels;
        weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optInitializer(
                                        new XavierInitializer(
                                                XavierInitializer.RandomType.GAUSSIAN,
                                                XavierInitializer.FactorType.OUT,
                                                2))
                                .build());
        bias =
                addParameter(
                        Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        Shape s = x.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long wd = s.get(3);
        // (N, out·2·2, H, W) → (N, out, 2, 2, H, W) → (N, out, H, 2, W, 2) → (N, out, 2H, 2W)
        NDArray y = Conv2d.conv2d(x, w).head();
        y = y.reshape(n, outChannels, 2, 2, h, wd).transpose(0, 1, 4, 2, 5, 3);
        y = y.reshape(n, outChannels, 2 * h, 2 * wd);
        NDArray bias = b.reshape(1, outChannels, 1, 1);
        bias.attach(y.getManager()); // a view of the parameter, owned by this step's scope
        return new NDList(y.add(bias));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, 2 * s.get(2), 2 * s.get(3))};
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        long in = inputShapes[0].get(1);
        weight.setShape(new Shape(outChannels * 4L, in, 1, 1));
        bias.setShape(new Shape(outChannels));
    }
}
