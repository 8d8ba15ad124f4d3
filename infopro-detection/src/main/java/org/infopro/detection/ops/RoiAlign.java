package org.infopro.detection.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.infopro.core.nn.NativeArrays;

/**
 * RoIAlign (torchvision's semantics, fixed sampling ratio) built from tensor operations, so it runs
 * on the features' device and back-propagates into the feature map.
 *
 * <p>On small maps the dense separable form is cheapest: per image, {@code Wy · F · Wxᵀ}, with each
 * axis's bilinear sampling weights as a matrix. On large maps it costs O(R·P·H·C·W), so there each
 * output bin averages S×S bilinear samples at evenly spaced points. Every sample reads four
 * neighbouring pixels; their flat indices and weights are computed with tensor arithmetic, the
 * pixels are gathered as rows of the (N·H·W, C) map, and one batched matrix product forms the
 * weighted sums. Samples more than one pixel outside the map count as zero, as in torchvision. RoIs
 * are processed in chunks, each in a scope of its own, so the gathered rows (16× the output at S =
 * 2) never exist for all RoIs at once; the gather's backward needs only the indices.
 */
public final class RoiAlign {

    /**
     * How much more a gathered element costs than a multiply-add of the dense form (measured on
     * CPU, forward and backward: the gather's backward is a scatter-add).
     */
    private static final long GATHER_COST = 10;

    /** Gathered values per chunk, bounding the transient memory (≈ 32 MB of floats). */
    private static final long CHUNK_ELEMENTS = 8L << 20;

    private final int outputSize;
    private final float spatialScale;
    private final int samplingRatio;
    private final boolean aligned;

    /**
     * @param outputSize P, the output is P × P per RoI
     * @param spatialScale feature-map pixels per image pixel (1 / stride)
     * @param samplingRatio S samples per bin along each axis
     * @param aligned shift by half a pixel so pixel centres line up (Detectron2's correction)
     */
    public RoiAlign(int outputSize, float spatialScale, int samplingRatio, boolean aligned) {
        this.outputSize = outputSize;
        this.spatialScale = spatialScale;
        this.samplingRatio = samplingRatio;
        this.aligned = aligned;
    }

    /**
     * @param features (N, C, H, W)
     * @param boxes (R, 4) corners in image pixels
     * @param imageIndex (R) the image of each RoI (int64)
     * @return (R, C, P, P), in the features' manager
     */
    public NDArray apply(NDArray features, NDArray boxes, NDArray imageIndex) {
        Shape shape = features.getShape();
        long channels = shape.get(1);
        long rois = boxes.getShape().get(0);
        NDManager owner = features.getManager();
        if (rois == 0) {
            return owner.zeros(new Shape(0, channels, outputSize, outputSize));
        }
        long height = shape.get(2);
        long width = shape.get(3);
        long dense = rois * outputSize * height * channels * width;
        long gathered =
                rois * outputSize * outputSize * samplingRatio * samplingRatio * 4 * channels;
        return dense < GATHER_COST * gathered
                ? separable(features, boxes, imageIndex)
                : gathered(features, boxes, imageIndex);
    }

    /** The gather form: cost independent of the map's size. */
    NDArray gathered(NDArray features, NDArray boxes, NDArray imageIndex) {
        Shape shape = features.getShape();
        long channels = shape.get(1);
        long rois = boxes.getShape().get(0);
        NDManager owner = features.getManager();
        NDArray rows = features.transpose(0, 2, 3, 1).reshape(-1, channels);
        long perRoi = (long) outputSize * outputSize * samplingRatio * samplingRatio * 4 * channels;
        long chunk = Math.max(1, CHUNK_ELEMENTS / perRoi);
        NDList parts = new NDList();
        for (long start = 0; start < rois; start += chunk) {
            long end = Math.min(rois, start + chunk);
            try (NDManager scope = owner.newSubManager()) {
                // Borrowed by the scope, so every intermediate of the chunk is created there.
                rows.tempAttach(scope);
                boxes.tempAttach(scope);
                imageIndex.tempAttach(scope);
                NDArray part =
                        pool(
                                rows,
                                boxes.get(start + ":" + end),
                                imageIndex.get(start + ":" + end),
                                shape,
                                scope);
                part.attach(owner);
                parts.add(part);
            }
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
    }

    /**
     * The dense form for small maps: per image, {@code out = Wy · F · Wxᵀ} with the bilinear
     * sampling weights of each axis as (R, P, H) and (R, P, W) matrices; two matrix products
     * instead of a gather.
     */
    NDArray separable(NDArray features, NDArray boxes, NDArray imageIndex) {
        Shape shape = features.getShape();
        long channels = shape.get(1);
        int height = (int) shape.get(2);
        int width = (int) shape.get(3);
        int p = outputSize;
        NDManager m = features.getManager();
        NDArray[] weights = axisMatrices(boxes, height, width);
        long[] images = imageIndex.toType(DataType.INT64, false).toLongArray();
        NDList parts = new NDList();
        long[] position = new long[images.length];
        int next = 0;
        for (long n = 0; n < shape.get(0); n++) {
            List<Long> members = new ArrayList<>();
            for (int r = 0; r < images.length; r++) {
                if (images[r] == n) {
                    members.add((long) r);
                    position[r] = next++;
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            NDArray index = m.create(members.stream().mapToLong(Long::longValue).toArray());
            long r = members.size();
            NDArray map = features.get(n).transpose(1, 0, 2).reshape(height, channels * width);
            NDArray wy = weights[0].get(index).reshape(r * p, height);
            NDArray t = wy.matMul(map).reshape(r, p * channels, width);
            NDArray wx = weights[1].get(index).transpose(0, 2, 1); // (R, W, P)
            parts.add(t.batchMatMul(wx).reshape(r, p, channels, p).transpose(0, 2, 1, 3));
        }
        NDArray all = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
        // The reordering index is kept by autograd: it must own its memory (see NativeArrays).
        return all.get(NativeArrays.owned(m, position));
    }

    /** Each axis's sampling weights as dense matrices: {Wy (R, P, H), Wx (R, P, W)}. */
    private NDArray[] axisMatrices(NDArray boxes, int height, int width) {
        NDManager m = boxes.getManager();
        float offset = aligned ? 0.5f : 0f;
        NDArray start = boxes.mul(spatialScale).sub(offset);
        NDArray extent = start.get(":, 2:").sub(start.get(":, :2"));
        if (!aligned) {
            extent = extent.maximum(1f);
        }
        NDArray grid = m.create(samplePositions());
        NDArray[] x = axis(start.get(":, 0"), extent.get(":, 0").div(outputSize), grid, width);
        NDArray[] y = axis(start.get(":, 1"), extent.get(":, 1").div(outputSize), grid, height);
        return new NDArray[] {dense(y, height), dense(x, width)};
    }

    /** (R, P·S, 2) neighbour indices and weights → (R, P, L), averaged over the S samples. */
    private NDArray dense(NDArray[] axis, int length) {
        NDManager m = axis[0].getManager();
        long r = axis[0].getShape().get(0);
        NDArray positions =
                m.arange(0, length).toType(DataType.INT64, false).reshape(1, 1, 1, length);
        NDArray onehot = axis[0].expandDims(3).eq(positions).toType(DataType.FLOAT32, false);
        NDArray weighted = onehot.mul(axis[1].expandDims(3)).sum(new int[] {2}); // (R, P·S, L)
        return weighted.reshape(r, outputSize, samplingRatio, length).mean(new int[] {2});
    }

    private NDArray pool(
            NDArray rows, NDArray boxes, NDArray imageIndex, Shape shape, NDManager scope) {
        long height = shape.get(2);
        long width = shape.get(3);
        long r = boxes.getShape().get(0);
        int ps = outputSize * samplingRatio;
        float offset = aligned ? 0.5f : 0f;
        NDArray start = boxes.mul(spatialScale).sub(offset);
        NDArray extent = start.get(":, 2:").sub(start.get(":, :2")); // (R, 2): w, h
        if (!aligned) {
            extent = extent.maximum(1f); // torchvision's legacy minimum size of one pixel
        }
        NDArray grid = scope.create(samplePositions()); // (P·S,) in bin units
        NDArray[] x = axis(start.get(":, 0"), extent.get(":, 0").div(outputSize), grid, width);
        NDArray[] y = axis(start.get(":, 1"), extent.get(":, 1").div(outputSize), grid, height);
        // (R, P·S [y], P·S [x], 2 [y corner], 2 [x corner])
        NDArray base =
                imageIndex.toType(DataType.INT64, false).mul(height * width).reshape(r, 1, 1, 1, 1);
        NDArray index =
                base.add(y[0].reshape(r, ps, 1, 2, 1).mul(width)).add(x[0].reshape(r, 1, ps, 1, 2));
        NDArray weight =
                y[1].reshape(r, ps, 1, 2, 1)
                        .mul(x[1].reshape(r, 1, ps, 1, 2))
                        .div((float) samplingRatio * samplingRatio);
        // Regroup so each output bin's S·S·4 taps are contiguous: (R, P, S, P, S, 2, 2) →
        // (R, P, P, S, S, 2, 2).
        int p = outputSize;
        int s = samplingRatio;
        index = index.reshape(r, p, s, p, s, 2, 2).transpose(0, 1, 3, 2, 4, 5, 6);
        weight = weight.reshape(r, p, s, p, s, 2, 2).transpose(0, 1, 3, 2, 4, 5, 6);
        int taps = s * s * 4;
        NDArray gathered = rows.get(index.flatten()).reshape(r * p * p, taps, -1);
        NDArray pooled = weight.reshape(r * p * p, 1, taps).batchMatMul(gathered); // (R·P·P, 1, C)
        return pooled.reshape(r, p, p, -1).transpose(0, 3, 1, 2);
    }

    /** Sample positions within the RoI in bin units: p + (s + 0.5) / S for every bin and sample. */
    private float[] samplePositions() {
        float[] grid = new float[outputSize * samplingRatio];
        for (int p = 0; p < outputSize; p++) {
            for (int s = 0; s < samplingRatio; s++) {
                grid[p * samplingRatio + s] = p + (s + 0.5f) / samplingRatio;
            }
        }
        return grid;
    }

    /**
     * Neighbour indices and weights along one axis, torchvision's rules: samples beyond one pixel
     * outside the map weigh 0, others are clamped at 0 and at the last pixel.
     *
     * @return {indices (R, P·S, 2) int64 [low, high], weights (R, P·S, 2)}
     */
    private static NDArray[] axis(NDArray start, NDArray bin, NDArray grid, long length) {
        NDArray positions = start.expandDims(1).add(bin.expandDims(1).mul(grid.expandDims(0)));
        NDArray valid =
                positions
                        .gte(-1f)
                        .logicalAnd(positions.lte((float) length))
                        .toType(DataType.FLOAT32, false);
        NDArray clamped = positions.clip(0, length - 1);
        NDArray low = clamped.floor();
        NDArray high = low.add(1).minimum(length - 1);
        NDArray fraction = clamped.sub(low);
        NDArray indices = NDArrays.stack(new NDList(low, high), 2).toType(DataType.INT64, false);
        NDArray weights =
                NDArrays.stack(new NDList(fraction.neg().add(1), fraction), 2)
                        .mul(valid.expandDims(2));
        return new NDArray[] {indices, weights};
    }
}
